import IndicatorKit

/// A schedule that cannot be read or written out: which field (or argument) is wrong, the value
/// found and what is allowed.
public typealias ScheduleError = MessageError<ScheduleErrorTag>
/// What makes `ScheduleError` a type of its own.
public enum ScheduleErrorTag {}

extension ErrorCode where Domain == ScheduleError {
    /// Not five fields after the optional `TZ=` prefix.
    public static var wrongFieldCount: Self { Self(rawValue: "wrong-field-count") }
    /// A field value that is not a number or name, or is out of its allowed range.
    public static var invalidField: Self { Self(rawValue: "invalid-field") }
    /// An `@` form cron does not know, or one yardstick does not run (`@reboot`).
    public static var unknownShortcut: Self { Self(rawValue: "unknown-shortcut") }
    /// A `TZ=` zone that is not in the time-zone database.
    public static var unknownTimeZone: Self { Self(rawValue: "unknown-time-zone") }
    /// A schedule that can never fire (`0 0 31 2 *`).
    public static var neverRuns: Self { Self(rawValue: "never-runs") }
    /// A path given for a crontab line or a systemd unit that is not absolute.
    public static var relativePath: Self { Self(rawValue: "relative-path") }
    /// A pipeline id that cannot name a unit or a crontab entry.
    public static var invalidPipelineID: Self { Self(rawValue: "invalid-pipeline-id") }
}
