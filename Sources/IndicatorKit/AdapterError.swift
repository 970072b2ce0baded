/// An error an adapter (or the SDK on its behalf) reports: what failed and how to fix it.
///
/// `code` is stable and meant for programs; `message` is for people and names the file, line or
/// key concerned.
public struct AdapterError: Error, Sendable, CustomStringConvertible {
    /// A stable, extensible error code.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// An option key the adapter does not know.
        public static let unknownOption = Code(rawValue: "unknown-option")
        /// An option whose value has the wrong type or is out of range.
        public static let invalidOption = Code(rawValue: "invalid-option")
        /// A required option is missing.
        public static let missingOption = Code(rawValue: "missing-option")
        /// The input could not be opened or read.
        public static let unreadableInput = Code(rawValue: "unreadable-input")
        /// The input's bytes are not in an encoding the adapter reads.
        public static let unsupportedEncoding = Code(rawValue: "unsupported-encoding")
        /// The input is not well formed (bad XML, broken CSV quoting, invalid JSON).
        public static let malformedInput = Code(rawValue: "malformed-input")
        /// The input is of a kind the adapter does not handle.
        public static let unsupportedInput = Code(rawValue: "unsupported-input")
        /// A safety limit (size, depth, entity expansion) was exceeded.
        public static let limitExceeded = Code(rawValue: "limit-exceeded")
        /// A record line of the record protocol is not valid.
        public static let malformedRecord = Code(rawValue: "malformed-record")
        /// An external adapter failed (non-zero exit, crash, timeout).
        public static let externalFailure = Code(rawValue: "external-failure")
    }

    public var code: Code
    /// What failed and how to fix it.
    public var message: String
    /// The underlying cause, described.
    public var underlying: String?

    public init(_ code: Code, _ message: String, underlying: String? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    public var description: String {
        if let underlying, !underlying.isEmpty { return "\(message) (\(underlying))" }
        return message
    }
}
