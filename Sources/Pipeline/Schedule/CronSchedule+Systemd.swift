extension CronSchedule {
    /// The systemd calendar events (`OnCalendar=` values) that fire exactly when this schedule does.
    ///
    /// Every accepted cron form translates: steps become systemd repetitions (`*/15` → `00/15`),
    /// ranges become `..` ranges, names become `Mon`…`Sun`, and a `TZ=` zone becomes the event's
    /// zone suffix (`*-*-* 02:00:00 Asia/Shanghai`). When both day fields are restricted, cron
    /// fires on either, while one systemd event requires both, so two events are returned (a timer
    /// may list several `OnCalendar=` lines and fires on any of them).
    ///
    /// Daylight saving is the one difference these events cannot carry: systemd skips a wall-clock
    /// time that a spring-forward gap removes, where cron (and `nextRun`) catches up at the end of
    /// the gap. Both run a repeated fall-back time once for a fixed-time schedule.
    public var systemdCalendars: [String] {
        let time =
            Self.systemdList(hour.values, domain: hour.name.domain) + ":"
            + Self.systemdList(minute.values, domain: minute.name.domain) + ":00"
        let zone = timeZoneIdentifier.map { " " + $0 } ?? ""
        let months = Self.systemdList(month.values, domain: month.name.domain)
        let days = Self.systemdList(dayOfMonth.values, domain: dayOfMonth.name.domain)
        let weekdays = Self.systemdWeekdays(dayOfWeek.values)
        if daysMatchEither {
            return [
                "\(weekdays) *-\(months)-* \(time)\(zone)",
                "*-\(months)-\(days) \(time)\(zone)",
            ]
        }
        let prefix = dayOfWeek.isFull ? "" : weekdays + " "
        return ["\(prefix)*-\(months)-\(days) \(time)\(zone)"]
    }

    /// A value set in systemd's syntax: `*`, a repetition `05/15` that runs to the end of the domain,
    /// or a list of values and `..` ranges.
    static func systemdList(_ values: [Int], domain: ClosedRange<Int>) -> String {
        if values.count == domain.count { return "*" }
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : String(v) }
        if values.count >= 3 {
            let step = values[1] - values[0]
            let isProgression = zip(values, values.dropFirst()).allSatisfy { $1 - $0 == step }
            if isProgression && values.last! + step > domain.upperBound && step > 1 {
                return "\(two(values[0]))/\(step)"
            }
        }
        return runs(values).map { $0.count == 1 ? two($0[0]) : "\(two($0.first!))..\(two($0.last!))" }
            .joined(separator: ",")
    }

    /// Cron weekdays (0 = Sunday) as systemd names with `..` ranges, Monday first.
    static func systemdWeekdays(_ values: [Int]) -> String {
        let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let mondayFirst = values.map { ($0 + 6) % 7 }.sorted()
        return runs(mondayFirst).map { run in
            run.count == 1 ? names[run[0]] : "\(names[run.first!])..\(names[run.last!])"
        }.joined(separator: ",")
    }

    /// Splits ascending values into runs of consecutive ones; runs of two stay two values.
    private static func runs(_ values: [Int]) -> [[Int]] {
        var out: [[Int]] = []
        for v in values {
            if let last = out.last?.last, last + 1 == v {
                out[out.count - 1].append(v)
            } else {
                out.append([v])
            }
        }
        return out.flatMap { $0.count == 2 ? [[$0[0]], [$0[1]]] : [$0] }
    }
}
