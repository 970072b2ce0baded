/// An error an adapter (or the SDK on its behalf) reports: what failed and how to fix it.
///
/// `code` is stable and meant for programs; `message` is for people and names the file, line or
/// key concerned.
public struct AdapterError: CodedError {
    /// A stable, extensible error code.
    public typealias Code = ErrorCode<AdapterError>

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

extension ErrorCode where Domain == AdapterError {
    /// An option key the adapter does not know.
    public static var unknownOption: Self { Self(rawValue: "unknown-option") }
    /// An option whose value has the wrong type or is out of range.
    public static var invalidOption: Self { Self(rawValue: "invalid-option") }
    /// A required option is missing.
    public static var missingOption: Self { Self(rawValue: "missing-option") }
    /// The input could not be opened or read.
    public static var unreadableInput: Self { Self(rawValue: "unreadable-input") }
    /// The input's bytes are not in an encoding the adapter reads.
    public static var unsupportedEncoding: Self { Self(rawValue: "unsupported-encoding") }
    /// The input is not well formed (bad XML, broken CSV quoting, invalid JSON).
    public static var malformedInput: Self { Self(rawValue: "malformed-input") }
    /// The input is of a kind the adapter does not handle.
    public static var unsupportedInput: Self { Self(rawValue: "unsupported-input") }
    /// A safety limit (size, depth, entity expansion) was exceeded.
    public static var limitExceeded: Self { Self(rawValue: "limit-exceeded") }
    /// A record line of the record protocol is not valid.
    public static var malformedRecord: Self { Self(rawValue: "malformed-record") }
    /// An external adapter failed (non-zero exit, crash, timeout).
    public static var externalFailure: Self { Self(rawValue: "external-failure") }
}
