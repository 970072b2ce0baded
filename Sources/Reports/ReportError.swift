import IndicatorKit

/// A report that cannot be written: what failed and how to fix it.
public typealias ReportError = MessageError<ReportErrorTag>
/// What makes `ReportError` a type of its own.
public enum ReportErrorTag {}

extension ErrorCode where Domain == ReportError {
    /// The report directory or file could not be written.
    public static var unwritable: Self { Self(rawValue: "report-unwritable") }
    /// A format name that is not a report format.
    public static var unknownFormat: Self { Self(rawValue: "unknown-report-format") }
}
