import Foundation
import GRDB

/// Who holds a pipeline's run lock.
public struct LockHolder: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var pid: Int
    public var runID: Int64?
    public var startedAt: Date
    public var heartbeatAt: Date

    public var description: String {
        let f = ISO8601DateFormatter()
        return "pid \(pid) on \(host), started \(f.string(from: startedAt))" + (runID.map { " (run \($0))" } ?? "")
    }
}

extension Store {
    /// Takes the run lock of `pipeline`, or throws `StoreError(.lockHeld)` naming the holder.
    ///
    /// A lock whose heartbeat is older than `staleAfter` seconds, or whose holder is a process of this
    /// host that no longer exists, is taken over; the previous holder is returned so the caller can log it.
    public func acquireLock(
        pipeline: String, host: String, pid: Int, staleAfter: TimeInterval,
        isAlive: @Sendable (Int) -> Bool = Store.processIsAlive
    ) throws -> LockHolder? {
        for _ in 0..<3 {
            let now = Date().timeIntervalSince1970
            let current = try lockHolder(pipeline: pipeline)
            if let current {
                let stale = now - current.heartbeatAt.timeIntervalSince1970 > staleAfter
                let dead = current.host == host && current.pid != pid && !isAlive(current.pid)
                guard stale || dead else {
                    throw StoreError(
                        .lockHeld,
                        "pipeline '\(pipeline)' is already running: lock held by \(current); wait for it to finish, or if that process is gone the lock is taken over once its heartbeat is \(Int(staleAfter)) s old")
                }
                let changed = try lockQueue.write { db -> Int in
                    try db.execute(
                        sql: """
                            UPDATE locks SET host = ?, pid = ?, run_id = NULL, started_at = ?, heartbeat_at = ?
                            WHERE pipeline = ? AND host = ? AND pid = ? AND heartbeat_at = ?
                            """,
                        arguments: [
                            host, pid, now, now, pipeline, current.host, current.pid,
                            current.heartbeatAt.timeIntervalSince1970,
                        ])
                    return db.changesCount
                }
                if changed == 1 { return current }
            } else {
                do {
                    try lockQueue.write { db in
                        try db.execute(
                            sql: "INSERT INTO locks (pipeline, host, pid, started_at, heartbeat_at) VALUES (?,?,?,?,?)",
                            arguments: [pipeline, host, pid, now, now])
                    }
                    return nil
                } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                    continue  // somebody else inserted first: read again
                }
            }
        }
        let holder = try lockHolder(pipeline: pipeline)
        throw StoreError(
            .lockHeld, "pipeline '\(pipeline)' is already running: lock held by \(holder.map(\.description) ?? "another process")")
    }

    /// The current holder of a pipeline's lock.
    public func lockHolder(pipeline: String) throws -> LockHolder? {
        try lockQueue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM locks WHERE pipeline = ?", arguments: [pipeline]).map {
                LockHolder(
                    host: $0["host"], pid: $0["pid"], runID: $0["run_id"],
                    startedAt: Date(timeIntervalSince1970: $0["started_at"]),
                    heartbeatAt: Date(timeIntervalSince1970: $0["heartbeat_at"]))
            }
        }
    }

    /// Refreshes the heartbeat (and run id) of a lock this process holds.
    public func heartbeat(pipeline: String, host: String, pid: Int, runID: Int64? = nil) throws {
        try lockQueue.write { db in
            try db.execute(
                sql: """
                    UPDATE locks SET heartbeat_at = ?, run_id = COALESCE(?, run_id)
                    WHERE pipeline = ? AND host = ? AND pid = ?
                    """, arguments: [Date().timeIntervalSince1970, runID, pipeline, host, pid])
        }
    }

    /// Releases a lock this process holds.
    public func releaseLock(pipeline: String, host: String, pid: Int) throws {
        try lockQueue.write { db in
            try db.execute(
                sql: "DELETE FROM locks WHERE pipeline = ? AND host = ? AND pid = ?", arguments: [pipeline, host, pid])
        }
    }

    /// True when a process with `pid` exists on this host.
    public static let processIsAlive: @Sendable (Int) -> Bool = { pid in
        kill(pid_t(pid), 0) == 0 || errno == EPERM
    }
}
