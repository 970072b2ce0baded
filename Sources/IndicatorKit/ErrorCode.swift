/// A stable, extensible error code: a string such as `unknown-option`, compared by value.
///
/// Each error type has its own code type (`AdapterError.Code` is `ErrorCode<AdapterError>`), so the
/// codes of two errors never mix, and declares its codes in an extension:
///
/// ```swift
/// extension ErrorCode where Domain == AdapterError {
///     public static var unknownOption: Self { Self(rawValue: "unknown-option") }
/// }
/// ```
public struct ErrorCode<Domain>: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
}

/// An error with a stable code and a message that says what is wrong, where, and how to fix it;
/// the message is its description.
public protocol CodedError: Error, Sendable, CustomStringConvertible {
    associatedtype Domain
    var code: ErrorCode<Domain> { get }
    var message: String { get }
}

extension CodedError {
    public var description: String { message }
}

/// The coded error that carries nothing but its code and message, for modules whose errors need no
/// more. A module declares its error as this struct over a tag of its own, and its codes as usual:
///
/// ```swift
/// public typealias ReportError = MessageError<ReportErrorTag>
/// public enum ReportErrorTag {}
/// extension ErrorCode where Domain == ReportError {
///     public static var unwritable: Self { Self(rawValue: "report-unwritable") }
/// }
/// ```
///
/// Two such errors are different types, so their codes never mix.
public struct MessageError<Tag>: CodedError, Hashable {
    /// A stable, extensible error code.
    public typealias Code = ErrorCode<MessageError<Tag>>

    public var code: Code
    /// What is wrong, naming the file, line or key concerned, and how to fix it.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}
