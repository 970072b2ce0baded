import Foundation
import GRDB
import IndicatorKit

/// The SQLite store: runs, fetched inputs, observations, goals, checks, source state and locks.
///
/// One file in WAL mode. Each source is written in one transaction (see `writeSource`); a run never
/// deletes an earlier run's data; the "current" data of a pipeline is, for each source, the rows of
/// the last run that stored that source successfully (`source_state`).
public final class SQLiteStore: Sendable {
    /// The database file.
    public let path: String
    let queue: DatabaseQueue
    /// A second connection for locks and heartbeats, so they are never part of a source's transaction.
    let lockQueue: DatabaseQueue

    /// Seconds a write waits for another connection's write transaction before it fails as busy.
    public let busyTimeout: TimeInterval

    /// Opens (creating folders and file as needed) and migrates the store at `path`.
    ///
    /// With `readOnly` the file must exist and is opened read-only: nothing is created, migrated or
    /// written (every write throws); a store that still needs a migration is refused, naming it.
    public init(path: String, busyTimeout: TimeInterval = SQLiteStore.defaultBusyTimeout, readOnly: Bool = false) throws
    {
        self.path = path
        self.busyTimeout = busyTimeout
        if readOnly {
            let schema = try SQLiteStore.schema(atPath: path)
            if let missing = schema.pending.first {
                throw StoreError(
                    .cannotOpen,
                    "\(path): the store lacks migration '\(missing)'; run a pipeline on it with this version first (yardstick run … --db \(path))"
                )
            }
            var config = Configuration()
            config.readonly = true
            config.busyMode = .timeout(busyTimeout)
            config.label = "yardstick.store.readonly"
            do {
                queue = try DatabaseQueue(path: path, configuration: config)
                lockQueue = queue
            } catch let error as DatabaseError {
                throw StoreError(
                    .cannotOpen,
                    "\(path): cannot open the store read-only (\(error.resultCode)); check the file's permissions",
                    underlying: error.message)
            }
            return
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw StoreError(
                    .cannotOpen, "\(path): cannot create the folder \(folder): \(error.localizedDescription)")
            }
        }
        if FileManager.default.fileExists(atPath: path) && !FileManager.default.isWritableFile(atPath: path) {
            throw StoreError(
                .readOnly,
                "\(path): the store file is read-only; make it writable (chmod u+w) or give another store with --db")
        }
        var config = Configuration()
        // Every write transaction is short (one batch of records), so a writer waits seconds, not minutes.
        config.busyMode = .timeout(busyTimeout)
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
            // Two processes opening a new store at once both try the migrations; the loser's fails
            // (its tables exist by then) and passes on a second look.
            var attempt = 0
            while true {
                do {
                    try SQLiteStore.migrator.migrate(queue)
                    break
                } catch let error as DatabaseError where attempt < 5 {
                    attempt += 1
                    _ = error
                    Thread.sleep(forTimeInterval: 0.1 * Double(attempt))
                }
            }
            var lockConfig = Configuration()
            lockConfig.busyMode = .timeout(busyTimeout)
            lockConfig.label = "yardstick.store.locks"
            // Like the data connection: in WAL mode NORMAL syncs at checkpoints, not at every commit.
            // A lock row is re-taken or taken over after a crash anyway; with the default (FULL) each
            // lock, heartbeat and release waited for an fsync, the largest cost of an unchanged run.
            lockConfig.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            lockQueue = try DatabaseQueue(path: path, configuration: lockConfig)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY {
            throw StoreError(
                .readOnly,
                "\(path): the store cannot be written (\(error.resultCode)): the file or its folder is read-only; make both writable or give another store with --db",
                underlying: error.message)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_FULL {
            throw StoreError(
                .diskFull, "\(path): the disk that holds the store is full; free space there and run again",
                underlying: error.message)
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
        public static let readOnly = Code(rawValue: "read-only")
        public static let diskFull = Code(rawValue: "disk-full")
        /// Another connection kept the write lock longer than `SQLiteStore.busyTimeout`.
        public static let busy = Code(rawValue: "busy")
        /// A stored kind, comparator, period or status code this build does not know.
        public static let unknownStoredValue = Code(rawValue: "unknown-code")
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

extension SQLiteStore: ResultStore, BlockingLockCalls {
    public var location: String { path }

    public func heartbeatNow(pipeline: String, host: String, pid: Int, runID: Int64?) throws {
        try heartbeat(pipeline: pipeline, host: host, pid: pid, runID: runID)
    }

    public func releaseLockNow(pipeline: String, host: String, pid: Int) throws {
        try releaseLock(pipeline: pipeline, host: host, pid: pid)
    }

    public func finishRunNow(id: Int64, status: String, records: Int, summary: String?) throws {
        try finishRun(id: id, status: status, records: records, summary: summary)
    }
}

extension SQLiteStore {
    /// SQLite's `PRAGMA integrity_check`: "ok" for a sound file, else the problems found.
    public func integrityCheck() throws -> String {
        try queue.read { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n")
        }
    }

    /// The default busy timeout: 20 s (every write transaction of a run is one short batch).
    public static let defaultBusyTimeout: TimeInterval = 20

    /// Runs a write transaction on the data connection, turning SQLite's busy, read-only and full
    /// errors into store errors that say what to do.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.write(body)
        } catch let error as DatabaseError {
            throw explained(error)
        }
    }

    /// A store error for a failed write: a busy store names the runs holding locks on it.
    func explained(_ error: DatabaseError) -> Error {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            var holders = "no run holds a pipeline lock on it, so another program has it open"
            let sql = "SELECT * FROM locks ORDER BY pipeline"
            if let list = try? lockQueue.read({ db in try Row.fetchAll(db, sql: sql) }),
                !list.isEmpty
            {
                holders =
                    "runs holding pipeline locks on it: "
                    + list.map { row -> String in
                        let pipeline: String = row["pipeline"]
                        let host: String = row["host"]
                        let pid: Int = row["pid"]
                        let run: Int64? = row["run_id"]
                        return "pipeline '\(pipeline)' on host \(host), pid \(pid)" + (run.map { " (run \($0))" } ?? "")
                    }.joined(separator: "; ")
            }
            return StoreError(
                .busy,
                "\(path): the store is busy: another connection kept its write lock for over \(JSONText.format(busyTimeout)) s (\(holders)); run again when it has finished",
                underlying: error.message)
        case .SQLITE_READONLY:
            return StoreError(
                .readOnly,
                "\(path): the store cannot be written: the file or its folder is read-only; make both writable or give another store with --db",
                underlying: error.message)
        case .SQLITE_FULL:
            return StoreError(
                .diskFull,
                "\(path): the disk that holds the store is full; nothing of this source was made current; free space there and run again",
                underlying: error.message)
        default:
            return error
        }
    }
}
