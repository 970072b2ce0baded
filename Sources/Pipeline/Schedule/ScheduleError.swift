/// A schedule that cannot be read or written out: which field (or argument) is wrong, the value
/// found and what is allowed.
public struct ScheduleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, extensible error code.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Not five fields after the optional `TZ=` prefix.
        public static let wrongFieldCount = Code(rawValue: "wrong-field-count")
        /// A field value that is not a number or name, or is out of its allowed range.
        public static let invalidField = Code(rawValue: "invalid-field")
        /// An `@` form cron does not know, or one yardstick does not run (`@reboot`).
        public static let unknownShortcut = Code(rawValue: "unknown-shortcut")
        /// A `TZ=` zone that is not in the time-zone database.
        public static let unknownTimeZone = Code(rawValue: "unknown-time-zone")
        /// A schedule that can never fire (`0 0 31 2 *`).
        public static let neverRuns = Code(rawValue: "never-runs")
        /// A path given for a crontab line or a systemd unit that is not absolute.
        public static let relativePath = Code(rawValue: "relative-path")
        /// A pipeline id that cannot name a unit or a crontab entry.
        public static let invalidPipelineID = Code(rawValue: "invalid-pipeline-id")
    }

    public var code: Code
    /// What is wrong and how to fix it, naming the schedule and the field.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
