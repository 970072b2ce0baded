import Foundation
import GRDB

/// The migrations a store file has, against those this build knows.
public struct StoreSchema: Sendable, Equatable {
    /// The migrations applied to the file, in order.
    public var applied: [String]
    /// The migrations this build registers, in order.
    public var known: [String]

    /// The last migration applied ("v2-record-lookups"), or "empty".
    public var version: String { applied.last ?? "empty" }
    /// Migrations this build would still apply on the next write.
    public var pending: [String] { known.filter { !applied.contains($0) } }
    /// Migrations the file has that this build does not know (a newer yardstick wrote it).
    public var unknown: [String] { applied.filter { !known.contains($0) } }
}

extension SQLiteStore {
    /// The migrations this build registers.
    public static var knownMigrations: [String] { migrator.migrations }

    /// Reads the schema of the store at `path` without creating or changing anything; throws
    /// `StoreError(.notFound)` when there is no such file.
    public static func schema(atPath path: String) throws -> StoreSchema {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.notFound, "\(path): no store here yet; a run creates it")
        }
        var config = Configuration()
        config.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            let applied = try queue.read { db -> [String] in
                guard try db.tableExists("grdb_migrations") else { return [] }
                return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
            }
            return StoreSchema(applied: applied, known: knownMigrations)
        } catch let error as DatabaseError {
            throw StoreError(
                .cannotOpen, "\(path): cannot read the store (\(error.resultCode)); check the file's permissions",
                underlying: error.message)
        }
    }
}
