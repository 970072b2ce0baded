import IndicatorKit

/// A report that cannot be written: what failed and how to fix it.
public struct ReportError: CodedError {
    /// A stable, extensible error code.
    public typealias Code = ErrorCode<ReportError>

    public var code: Code
    /// What failed, naming the path or format, and how to fix it.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}

extension ErrorCode where Domain == ReportError {
    /// The report directory or file could not be written.
    public static var unwritable: Self { Self(rawValue: "report-unwritable") }
    /// A format name that is not a report format.
    public static var unknownFormat: Self { Self(rawValue: "unknown-report-format") }
}
