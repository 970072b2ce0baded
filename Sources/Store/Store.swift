import Foundation
import GRDB
import IndicatorKit

/// The SQLite store: runs, fetched inputs, observations, goals, checks, source state and locks.
///
/// One file in WAL mode. Each source is written in one transaction (see `writeSource`); a run never
/// deletes an earlier run's data; the "current" data of a pipeline is, for each source, the rows of
/// the last run that stored that source successfully (`source_state`).
public final class Store: Sendable {
    /// The database file.
    public let path: String
    let queue: DatabaseQueue
    /// A second connection for locks and heartbeats, so they are never part of a source's transaction.
    let lockQueue: DatabaseQueue

    /// Opens (creating folders and file as needed) and migrates the store at `path`.
    public init(path: String) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw StoreError(.cannotOpen, "\(path): cannot create the folder \(folder): \(error.localizedDescription)")
            }
        }
        var config = Configuration()
        config.busyMode = .timeout(30)
        // A source's transaction spans the adapter's run, so it stays open between the batches written.
        config.allowsUnsafeTransactions = true
        config.label = "yardstick.store"
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            try Store.migrator.migrate(queue)
            var lockConfig = Configuration()
            lockConfig.busyMode = .timeout(300)
            lockConfig.label = "yardstick.store.locks"
            lockQueue = try DatabaseQueue(path: path, configuration: lockConfig)
        } catch let error as DatabaseError {
            throw StoreError(
                .cannotOpen,
                "\(path): cannot open the store (\(error.resultCode)); check the path, or move a damaged file aside and run again",
                underlying: error.message)
        }
    }
}

/// A store error: what failed and how to fix it.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let cannotOpen = Code(rawValue: "cannot-open")
        public static let lockHeld = Code(rawValue: "lock-held")
        public static let notFound = Code(rawValue: "not-found")
        public static let writeFailed = Code(rawValue: "write-failed")
    }

    public var code: Code
    public var message: String
    public var underlying: String?

    public init(_ code: Code, _ message: String, underlying: String? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    public var description: String {
        underlying.map { "\(message) (\($0))" } ?? message
    }
}
