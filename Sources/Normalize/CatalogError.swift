import IndicatorKit
import Vocabulary

/// A catalog file that cannot be read: what is wrong, where, and how to fix it. Besides the codes
/// every YAML file's error has (`YAMLFileErrorTag`: `catalog-malformed`, `catalog-missing-key`,
/// `catalog-unknown-key`, `catalog-invalid-value`, `catalog-duplicate` for two entries that claim
/// one name or code), a catalog's can be `unreadable`.
public typealias CatalogError = MessageError<CatalogErrorTag>
/// What makes `CatalogError` a type of its own.
public enum CatalogErrorTag: YAMLFileErrorTag {
    public static let codePrefix = "catalog"
}

extension ErrorCode where Domain == CatalogError {
    /// The file could not be read.
    public static var unreadable: Self { Self(rawValue: "catalog-unreadable") }
}
