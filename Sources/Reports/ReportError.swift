/// A report that cannot be written: what failed and how to fix it.
public struct ReportError: Error, Sendable, CustomStringConvertible {
    /// A stable, extensible error code.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The report directory or file could not be written.
        public static let unwritable = Code(rawValue: "report-unwritable")
        /// A format name that is not a report format.
        public static let unknownFormat = Code(rawValue: "unknown-report-format")
    }

    public var code: Code
    /// What failed, naming the path or format, and how to fix it.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
