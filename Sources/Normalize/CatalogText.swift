import Foundation

/// One catalog file's text and the name its errors give it.
public struct CatalogText: Sendable, Equatable {
    /// A path, or `BuiltInCatalog.name` for the built-in catalog.
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// The catalog compiled into the binary (catalog/indicators.yaml at build time).
    public static let shipped = CatalogText(name: BuiltInCatalog.name, text: BuiltInCatalog.text)

    /// Reads the catalog file at `path`; throws `CatalogError(.unreadable)` naming it when it is
    /// missing or unreadable.
    public init(contentsOf path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw CatalogError(
                .unreadable,
                "\(path): no such catalog file; check the path given in YARDSTICK_CATALOG or the pipeline's catalog: list"
            )
        }
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CatalogError(
                .unreadable, "\(path): cannot read the catalog file as UTF-8 (\(error.localizedDescription)); check it")
        }
        name = path
    }
}
