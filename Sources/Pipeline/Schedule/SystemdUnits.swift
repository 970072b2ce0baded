import Foundation

/// A systemd service and timer that run one pipeline on its schedule.
///
/// The service is `Type=oneshot` and runs `yardstick run FILE --db DB` in the working directory;
/// the timer holds one `OnCalendar=` per systemd calendar event of the schedule (see
/// `CronSchedule.systemdCalendars`) and `Persistent=true`, so a run missed while the machine was
/// off happens at the next boot. Install with `systemctl enable --now yardstick-ID.timer`.
public struct SystemdUnits: Sendable, Hashable {
    /// `yardstick-ID.service` (characters systemd does not allow in names escaped as `\xNN`).
    public let serviceName: String
    /// `yardstick-ID.timer`.
    public let timerName: String
    /// The service unit's text.
    public let service: String
    /// The timer unit's text.
    public let timer: String
    /// The timer's `OnCalendar=` values.
    public let calendars: [String]

    /// Builds the units for `pipeline`; throws `ScheduleError` for a bad schedule, id or path.
    public init(for pipeline: ScheduledPipeline) throws {
        try pipeline.validate()
        let schedule = try pipeline.parsedSchedule()
        let base = "yardstick-" + Self.escapedName(pipeline.id)
        serviceName = base + ".service"
        timerName = base + ".timer"
        calendars = schedule.systemdCalendars
        let exec = ([pipeline.executablePath] + pipeline.runArguments).map(Self.execWord).joined(separator: " ")
        service = """
            [Unit]
            Description=yardstick: run pipeline \(Self.specifierSafe(pipeline.id))

            [Service]
            Type=oneshot
            WorkingDirectory=\(Self.specifierSafe(pipeline.workingDirectory))
            ExecStart=\(exec)

            """
        timer = """
            [Unit]
            Description=yardstick: schedule of pipeline \(Self.specifierSafe(pipeline.id)) (\(Self.specifierSafe(schedule.text)))

            [Timer]
            \(calendars.map { "OnCalendar=\($0)" }.joined(separator: "\n"))
            Persistent=true
            Unit=\(serviceName)

            [Install]
            WantedBy=timers.target

            """
    }

    /// Writes both units into `directory` and returns their URLs (service first).
    @discardableResult
    public func write(to directory: URL) throws -> [URL] {
        let serviceURL = directory.appendingPathComponent(serviceName)
        let timerURL = directory.appendingPathComponent(timerName)
        try Data(service.utf8).write(to: serviceURL, options: .atomic)
        try Data(timer.utf8).write(to: timerURL, options: .atomic)
        return [serviceURL, timerURL]
    }

    /// A unit-name-safe form of `id`, as `systemd-escape` writes it.
    static func escapedName(_ id: String) -> String {
        var out = ""
        for byte in id.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80 && (c.isLetter || c.isNumber || c == "-" || c == "_" || c == ".") {
                out.append(c)
            } else {
                out += "\\x" + String(byte, radix: 16, uppercase: false).leftPadded(to: 2)
            }
        }
        return out
    }

    /// `%` doubled, so systemd does not read it as a specifier.
    static func specifierSafe(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%%")
    }

    /// One `ExecStart=` word: quoted when it holds space or quoting characters, with `%` and `$`
    /// doubled so systemd expands neither.
    static func execWord(_ word: String) -> String {
        var w = word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        w = w.replacingOccurrences(of: "%", with: "%%").replacingOccurrences(of: "$", with: "$$")
        let needsQuotes =
            word.isEmpty || word.contains { $0.isWhitespace || $0 == "\"" || $0 == "'" || $0 == "\\" || $0 == ";" }
        return needsQuotes ? "\"\(w)\"" : w
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
