import Foundation
import IndicatorKit
import Normalize

/// Where a pipeline's catalog comes from, in one place: the built-in catalog, then the files
/// `YARDSTICK_CATALOG` names, then the pipeline's own `catalog:` files; each later file adds entries
/// or overrides earlier ones with the same code.
public enum PipelineCatalog {
    /// The files `YARDSTICK_CATALOG` names (one path, or several separated by `:`); empty when unset.
    public static func environmentFiles(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        -> [String]
    {
        (environment["YARDSTICK_CATALOG"] ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty }
    }

    /// The catalog files layered on the built-in catalog for `config` (nil: no pipeline, as
    /// `doctor` checks the installation), in the order they apply.
    public static func files(for config: PipelineConfig?, environmentFiles: [String]) -> [String] {
        environmentFiles + (config?.catalogFiles ?? [])
    }

    /// The catalog texts, built-in first, and the sha256 of them all (what normalization depends on).
    /// Throws `CatalogError` naming a file that is missing or malformed.
    public static func load(files: [String]) throws -> (catalog: Catalog, hash: String) {
        let texts = [CatalogText.shipped] + (try files.map(CatalogText.init(contentsOf:)))
        let catalog = try Catalog.load(texts)
        var bytes: [UInt8] = []
        for t in texts { bytes += Array(t.text.utf8) + [0] }
        return (catalog, SHA256.hex(of: bytes))
    }
}

/// Parsed catalogs by file list, keyed also by the files' modification times so an edited catalog
/// is read again (the scheduler keeps one evaluator for many runs).
final class CatalogCache: @unchecked Sendable {
    private let lock = NSLock()
    private var loaded: [String: (catalog: Catalog, hash: String)] = [:]

    /// The built-in catalog with `files` layered on it, and the sha256 of all their texts.
    func catalog(files: [String]) throws -> (catalog: Catalog, hash: String) {
        let key = files.map { f -> String in
            let modified = (try? FileManager.default.attributesOfItem(atPath: f))?[.modificationDate] as? Date
            return "\(f)@\(modified?.timeIntervalSince1970 ?? 0)"
        }.joined(separator: "\n")
        lock.lock()
        if let hit = loaded[key] {
            lock.unlock()
            return hit
        }
        lock.unlock()
        let entry = try PipelineCatalog.load(files: files)
        lock.lock()
        loaded[key] = entry
        lock.unlock()
        return entry
    }
}
