import Foundation

/// Where `--db` points when it is a path: a SQLite file. A `postgres://` URL is opened by the
/// executable (`openStore`) with `PostgresStore`, whose module depends on this one.
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
