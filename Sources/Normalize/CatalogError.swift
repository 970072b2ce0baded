import IndicatorKit

/// A catalog file that cannot be read: what is wrong, where, and how to fix it.
public struct CatalogError: CodedError {
    /// A stable, extensible error code.
    public typealias Code = ErrorCode<CatalogError>

    public var code: Code
    /// What is wrong, naming the file, line and key, and how to fix it.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}

extension ErrorCode where Domain == CatalogError {
    /// The file could not be read.
    public static var unreadable: Self { Self(rawValue: "catalog-unreadable") }
    /// The YAML is not well formed.
    public static var malformed: Self { Self(rawValue: "catalog-malformed") }
    /// A required key is missing.
    public static var missingKey: Self { Self(rawValue: "catalog-missing-key") }
    /// A key the catalog does not know.
    public static var unknownKey: Self { Self(rawValue: "catalog-unknown-key") }
    /// A value of the wrong type or out of range.
    public static var invalidValue: Self { Self(rawValue: "catalog-invalid-value") }
    /// Two entries claim one name or code.
    public static var duplicate: Self { Self(rawValue: "catalog-duplicate") }
}
