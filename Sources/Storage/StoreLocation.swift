import Foundation

/// Where `--db` points, and the one place a store is opened from it. Today every location is a
/// path of a SQLite file; a URL scheme for another store is added here.
public enum StoreLocation {
    /// Opens (creating as needed) the store at `location`. Throws `StoreError` saying what to fix.
    public static func open(_ location: String) throws -> any ResultStore {
        try SQLiteStore(path: location)
    }

    /// Opens the store at `location` only if it exists (for commands that only read it); throws
    /// `StoreError(.notFound)` without creating anything otherwise.
    public static func openExisting(_ location: String) throws -> any ResultStore {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: location, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw StoreError(
                .notFound,
                "no store at \(location); run a pipeline first (yardstick run PIPELINE.yaml --db \(location)) or pass the --db a run used"
            )
        }
        return try open(location)
    }
}
