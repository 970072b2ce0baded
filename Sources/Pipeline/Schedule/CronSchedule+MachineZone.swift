import Foundation

extension CronSchedule {
    /// The schedule rewritten in `machine`'s zone, for a cron that ignores `CRON_TZ=` (Debian's and
    /// Ubuntu's Vixie cron schedules every line in the daemon's own zone).
    public struct MachineZoneFields: Sendable, Equatable {
        /// One or more five-field texts (`0 18 * * *`); several when the converted times are not one
        /// hour × minute product.
        public var lines: [String]
        /// False when either zone changes its offset within the next year (daylight saving): the
        /// conversion holds at today's offsets only.
        public var exact: Bool
        /// The next offset change that makes the lines wrong, when not exact.
        public var validUntil: Date?
    }

    /// The fields in `machine`'s zone at the offsets in force on `date`, or nil when they cannot be
    /// written as plain cron fields (a day-of-month or month restriction with a time that crosses
    /// midnight, or a wildcard hour with a zone difference that is not whole hours).
    public func fields(in machine: TimeZone, at date: Date = Date()) -> MachineZoneFields? {
        let plain = fields.map(\.portableText).joined(separator: " ")
        guard timeZoneIdentifier != nil else { return MachineZoneFields(lines: [plain], exact: true) }
        func difference(_ d: Date) -> Int { timeZone.secondsFromGMT(for: d) - machine.secondsFromGMT(for: d) }
        let delta = difference(date)
        // The first daylight-saving transition within a year, in either zone, that changes the difference.
        var validUntil: Date?
        var cursor = date
        let horizon = date.addingTimeInterval(366 * 86_400)
        while validUntil == nil, cursor < horizon {
            guard
                let next = [timeZone, machine].compactMap({ $0.nextDaylightSavingTimeTransition(after: cursor) }).min(),
                next < horizon
            else { break }
            if difference(next.addingTimeInterval(1)) != delta { validUntil = next }
            cursor = next.addingTimeInterval(1)
        }
        let exact = validUntil == nil
        guard delta % 60 == 0 else { return nil }
        let deltaMinutes = delta / 60
        if deltaMinutes == 0 {
            return MachineZoneFields(lines: [plain], exact: exact, validUntil: validUntil)
        }
        if hour.isFull && deltaMinutes % 60 == 0 && dayOfMonth.isFull && month.isFull && dayOfWeek.isFull {
            return MachineZoneFields(lines: [plain], exact: exact, validUntil: validUntil)
        }
        // Every (hour, minute) the schedule fires at, moved into the machine's zone, by day shift.
        var byShift: [Int: [Int: Set<Int>]] = [:]  // day shift → machine hour → minutes
        for h in hour.values {
            for m in minute.values {
                let t = h * 60 + m - deltaMinutes
                let shift = Int((Double(t) / 1440).rounded(.down))
                let local = t - shift * 1440
                byShift[shift, default: [:]][local / 60, default: []].insert(local % 60)
            }
        }
        var lines: [String] = []
        for shift in byShift.keys.sorted() {
            if shift != 0 && !(dayOfMonth.isFull && month.isFull) { return nil }
            var weekdays = dayOfWeek.portableText
            if shift != 0 && !dayOfWeek.isFull {
                let moved = Set(dayOfWeek.values.map { (($0 + shift) % 7 + 7) % 7 }).sorted()
                weekdays = Self.list(moved)
            }
            let days = dayOfMonth.portableText + " " + month.portableText + " " + weekdays
            // Hours that share one minute set go on one line.
            var hoursByMinutes: [[Int]: [Int]] = [:]
            for (h, minutes) in byShift[shift]! { hoursByMinutes[minutes.sorted(), default: []].append(h) }
            for minutes in hoursByMinutes.keys.sorted(by: { hoursByMinutes[$0]!.min()! < hoursByMinutes[$1]!.min()! }) {
                lines.append(Self.list(minutes) + " " + Self.list(hoursByMinutes[minutes]!.sorted()) + " " + days)
            }
        }
        return MachineZoneFields(lines: lines, exact: exact, validUntil: validUntil)
    }

    /// Values as numbers and `a-b` ranges of three or more.
    static func list(_ values: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        while i < values.count {
            var end = i
            while end + 1 < values.count && values[end + 1] == values[end] + 1 { end += 1 }
            if end - i >= 2 {
                parts.append("\(values[i])-\(values[end])")
            } else {
                parts += values[i...end].map(String.init)
            }
            i = end + 1
        }
        return parts.joined(separator: ",")
    }
}
