import IndicatorKit

/// A catalog file that cannot be read: what is wrong, where, and how to fix it.
public typealias CatalogError = MessageError<CatalogErrorTag>
/// What makes `CatalogError` a type of its own.
public enum CatalogErrorTag {}

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
