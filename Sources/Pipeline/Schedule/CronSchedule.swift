import Foundation
import IndicatorKit

/// A cron schedule, as written in a pipeline file's `schedule:`, with the times it fires.
///
/// Accepted forms:
/// - five fields, `minute hour day-of-month month day-of-week`, each `*`, a value, a range `1-5`,
///   a step `*/15`, `1-10/2` or `5/15` (from 5 to the end of the field), or a comma list of those;
///   months `JAN`–`DEC` and weekdays `SUN`–`SAT` by name; 0 and 7 are both Sunday;
/// - `@yearly`/`@annually`, `@monthly`, `@weekly`, `@daily`/`@midnight`, `@hourly`;
/// - either, after an optional `TZ=Area/City ` (or `CRON_TZ=`) prefix. Without one the schedule
///   follows the time zone it was parsed with (the machine's, by default).
///
/// Days follow Vixie cron: when both day-of-month and day-of-week are restricted (neither begins
/// with `*`), a day matches if *either* matches; otherwise both must.
///
/// Daylight saving follows cronie (Vixie cron): a *fixed-time* schedule (neither minute nor hour
/// begins with `*`) whose wall-clock time is skipped when clocks spring forward runs once at the
/// first valid instant after the gap (02:30 → 03:00), and runs only once, at the first occurrence,
/// when clocks fall back and the time occurs twice. A *repeating* schedule (minute or hour begins
/// with `*`, e.g. `*/15 * * * *` or `30 * * * *`) fires on wall-clock matches only: nothing in the
/// skipped hour, and in each real occurrence of a repeated hour, so an hourly job stays hourly.
public struct CronSchedule: Sendable, Hashable, CustomStringConvertible {
    /// The schedule as written, `TZ=` prefix included.
    public let text: String
    /// The `TZ=` zone identifier when the schedule names one.
    public let timeZoneIdentifier: String?
    /// The zone the fields are read in.
    public let timeZone: TimeZone
    public let minute: CronField
    public let hour: CronField
    public let dayOfMonth: CronField
    public let month: CronField
    public let dayOfWeek: CronField

    /// Parses a schedule.
    ///
    /// - Parameters:
    ///   - text: `"TZ=Asia/Shanghai 0 2 * * *"`, `"*/15 8-18 * * MON-FRI"`, `"@daily"`.
    ///   - defaultTimeZone: the zone used when the schedule has no `TZ=` prefix.
    /// - Throws: `ScheduleError` naming the field, the bad value and the allowed range.
    public init(parsing text: String, defaultTimeZone: TimeZone = .current) throws {
        var rest = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        var zoneID: String?
        for prefix in ["TZ=", "CRON_TZ="] where rest.hasPrefix(prefix) {
            let end = rest.firstIndex(where: \.isWhitespace) ?? rest.endIndex
            let id = String(rest[rest.index(rest.startIndex, offsetBy: prefix.count)..<end])
            guard !id.isEmpty else {
                throw ScheduleError(
                    .unknownTimeZone, "schedule '\(text)': \(prefix) names no zone; write it as \(prefix)Area/City")
            }
            zoneID = id
            rest = rest[end...].drop(while: \.isWhitespace)
        }
        var zone = defaultTimeZone
        if let zoneID {
            guard let z = TimeZone(identifier: zoneID) else {
                throw ScheduleError(
                    .unknownTimeZone,
                    "schedule '\(text)': time zone '\(zoneID)' is not in the time-zone database; use an Area/City name such as Asia/Shanghai or Europe/Berlin"
                )
            }
            zone = z
        }
        var fieldsText = String(rest)
        if rest.hasPrefix("@") {
            let shortcut = rest.lowercased()
            guard let expanded = Self.shortcuts[shortcut] else {
                let known = Self.shortcuts.keys.sorted()
                var message = "schedule '\(text)': '\(rest)' is not a schedule yardstick runs"
                if shortcut == "@reboot" {
                    message +=
                        " (a pipeline is scheduled by time; start it at boot from systemd or the container instead)"
                } else if let guess = Spelling.closest(to: shortcut, among: known) {
                    message += " (did you mean '\(guess)'?)"
                }
                throw ScheduleError(
                    .unknownShortcut, message + "; use one of \(known.joined(separator: ", ")) or five fields")
            }
            fieldsText = expanded
        }
        let parts = fieldsText.split(whereSeparator: \.isWhitespace).map(String.init)
        guard parts.count == 5 else {
            throw ScheduleError(
                .wrongFieldCount,
                "schedule '\(text)' has \(parts.count) field\(parts.count == 1 ? "" : "s"); write five: minute hour day-of-month month day-of-week (e.g. '0 2 * * *'), or @daily, @hourly, @weekly, @monthly, @yearly"
            )
        }
        let names = CronField.Name.allCases
        let fields = try (0..<5).map { try CronField(parsing: parts[$0], name: names[$0], schedule: text) }
        self.text = text
        self.timeZoneIdentifier = zoneID
        self.timeZone = zone
        (minute, hour, dayOfMonth, month, dayOfWeek) = (fields[0], fields[1], fields[2], fields[3], fields[4])
        try checkReachable()
    }

    static let shortcuts: [String: String] = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *", "@weekly": "0 0 * * 0",
        "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]

    public var description: String { text }

    /// The five fields in order: minute, hour, day-of-month, month, day-of-week.
    public var fields: [CronField] { [minute, hour, dayOfMonth, month, dayOfWeek] }

    /// True when both day fields are restricted, so a day matches if either matches.
    public var daysMatchEither: Bool { !dayOfMonth.isWildcard && !dayOfWeek.isWildcard }

    /// True for a fixed-time schedule (neither minute nor hour begins with `*`): cron's rule for
    /// catching up a time skipped by daylight saving and for not repeating a time that recurs.
    public var isFixedTime: Bool { !minute.isWildcard && !hour.isWildcard }

    /// A day-of-month that no listed month has (and no weekday to fall back on) never fires.
    private func checkReachable() throws {
        guard !dayOfMonth.isWildcard, !daysMatchEither else { return }
        let longest = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let firstDay = dayOfMonth.values[0]
        if month.values.contains(where: { firstDay <= longest[$0 - 1] }) { return }
        throw ScheduleError(
            .neverRuns,
            "schedule '\(text)': day-of-month '\(dayOfMonth.text)' never occurs in month '\(month.text)', so it would never run; pick a day the month has"
        )
    }

    // MARK: - Next runs

    /// The first time after `date` (strictly later) that the schedule fires, or `nil` if it does not
    /// fire in the next 30 years.
    public func nextRun(after date: Date) -> Date? {
        let t = date.timeIntervalSince1970
        let localNow = floor(t) + Double(timeZone.secondsFromGMT(for: date))
        var day = Self.floorDiv(Int(localNow), 86400) - 1
        let limit = day + 366 * 30
        while day <= limit {
            let (y, m, d) = Self.civil(fromDays: day)
            guard month.contains(m) else {
                day = Self.days(fromYear: m == 12 ? y + 1 : y, month: m == 12 ? 1 : m + 1, day: 1)
                continue
            }
            if dayMatches(day: d, weekday: Self.floorMod(day + 4, 7)), let run = earliestRun(onDay: day, after: t) {
                return Date(timeIntervalSince1970: run)
            }
            day += 1
        }
        return nil
    }

    /// The next `count` times after `date` the schedule fires, ascending.
    public func nextRuns(after date: Date, count: Int) -> [Date] {
        var runs: [Date] = []
        var from = date
        while runs.count < count, let next = nextRun(after: from) {
            runs.append(next)
            from = next
        }
        return runs
    }

    func dayMatches(day: Int, weekday: Int) -> Bool {
        let domOK = dayOfMonth.contains(day)
        let dowOK = dayOfWeek.contains(weekday)
        return daysMatchEither ? domOK || dowOK : domOK && dowOK
    }

    /// The earliest firing instant later than `t` on local day `day` (days since 1970-01-01).
    private func earliestRun(onDay day: Int, after t: Double) -> Double? {
        let dayStart = Double(day) * 86400
        let offsetBefore = offset(at: dayStart - 14 * 3600)
        let offsetAfter = offset(at: dayStart + 86400 + 14 * 3600)
        let transition = timeZone.nextDaylightSavingTimeTransition(
            after: Date(timeIntervalSince1970: dayStart - 14 * 3600))
        let regular =
            offsetBefore == offsetAfter
            && (transition.map { $0.timeIntervalSince1970 > dayStart + 86400 + 14 * 3600 } ?? true)
        if regular {
            // One offset all day: wall-clock order is instant order, so the first later one wins.
            let o = Double(offsetBefore)
            for h in hour.values where dayStart + Double(h * 3600 + 3599) - o > t {
                for m in minute.values {
                    let run = dayStart + Double(h * 3600 + m * 60) - o
                    if run > t { return run }
                }
            }
            return nil
        }
        var best: Double?
        for h in hour.values {
            for m in minute.values {
                for run in instants(wall: dayStart + Double(h * 3600 + m * 60)) where run > t {
                    if best == nil || run < best! { best = run }
                }
            }
        }
        return best
    }

    /// The instants a wall-clock time (seconds since 1970 read as if UTC) fires at, by the rules above.
    func instants(wall: Double) -> [Double] {
        let before = Double(offset(at: wall - 86400))
        let after = Double(offset(at: wall + 86400))
        var valid: [Double] = []
        for o in before == after ? [before] : [before, after] {
            let candidate = wall - o
            if candidate + Double(offset(at: candidate)) == wall { valid.append(candidate) }
        }
        valid.sort()
        if valid.isEmpty {
            // Skipped by a spring-forward gap: fixed-time schedules catch up at the gap's end.
            guard isFixedTime else { return [] }
            return [gapEnd(from: wall - before, to: wall - after)]
        }
        if valid.count > 1 && isFixedTime { return [valid[0]] }
        return valid
    }

    /// The first instant in `a...b` (either order) whose offset is the one in force at the later end.
    private func gapEnd(from a: Double, to b: Double) -> Double {
        var low = min(a, b)
        var high = max(a, b)
        let target = offset(at: high)
        while high - low > 1 {
            let mid = ((low + high) / 2).rounded(.down)
            if offset(at: mid) == target { high = mid } else { low = mid }
        }
        return high
    }

    private func offset(at seconds: Double) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: seconds))
    }

    // MARK: - Civil calendar arithmetic (proleptic Gregorian)

    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : (a - b + 1) / b }
    static func floorMod(_ a: Int, _ b: Int) -> Int { a - floorDiv(a, b) * b }

    /// Days since 1970-01-01 of a calendar date.
    static func days(fromYear year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The calendar date of a day counted from 1970-01-01.
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719468
        let era = floorDiv(z, 146097)
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
