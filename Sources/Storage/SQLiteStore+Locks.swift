import Foundation
import GRDB

/// Who holds a pipeline's run lock.
public struct LockHolder: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var pid: Int
    public var runID: Int64?
    public var startedAt: Date
    public var heartbeatAt: Date
    /// The holder process's start time in clock ticks after boot (/proc/PID/stat), to detect pid reuse.
    public var processStart: Int64? = nil
    /// Why the lock was taken over, when `acquireLock` returns it.
    public var takeoverReason: String? = nil
    /// When the holder was looked at (set on takeover): the heartbeat's age is told as of then, so
    /// every message about one takeover gives the same age.
    public var observedAt: Date? = nil

    public init(
        host: String, pid: Int, runID: Int64?, startedAt: Date, heartbeatAt: Date, processStart: Int64? = nil,
        takeoverReason: String? = nil, observedAt: Date? = nil
    ) {
        self.host = host
        self.pid = pid
        self.runID = runID
        self.startedAt = startedAt
        self.heartbeatAt = heartbeatAt
        self.processStart = processStart
        self.takeoverReason = takeoverReason
        self.observedAt = observedAt
    }

    public var description: String {
        let f = ISO8601DateFormatter()
        let age = max(0, Int((observedAt ?? Date()).timeIntervalSince(heartbeatAt)))
        return "pid \(pid) on \(host), started \(f.string(from: startedAt))" + (runID.map { " (run \($0))" } ?? "")
            + ", last heartbeat \(age) s ago"
    }
}

/// What /proc says about a process of this host.
public struct ProcessStatus: Sendable, Equatable {
    public var exists: Bool
    /// State Z (or X): it has exited and only waits to be reaped.
    public var zombie: Bool
    /// Start time in clock ticks after boot (field 22 of /proc/PID/stat).
    public var startTicks: Int64?

    /// The start time of `pid` (`of(pid).startTicks`); this process's own is read once.
    public static func startTicks(of pid: Int) -> Int64? {
        pid == own.pid ? own.startTicks : of(pid).startTicks
    }

    private static let own: (pid: Int, startTicks: Int64?) = {
        let pid = Int(getpid())
        return (pid, of(pid).startTicks)
    }()

    /// Reads /proc/PID/stat; without /proc, falls back to kill(pid, 0).
    public static func of(_ pid: Int) -> ProcessStatus {
        guard pid > 0 else { return ProcessStatus(exists: false, zombie: false, startTicks: nil) }
        if let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        {
            let fields = text[text.index(after: close)...].split(separator: " ")
            let state = fields.first.map(String.init) ?? ""
            let start = fields.count > 19 ? Int64(fields[19]) : nil
            return ProcessStatus(exists: true, zombie: state == "Z" || state == "X", startTicks: start)
        }
        let exists = kill(pid_t(pid), 0) == 0 || errno == EPERM
        return ProcessStatus(exists: exists, zombie: false, startTicks: nil)
    }
}

extension SQLiteStore {
    /// Takes the run lock of `pipeline`, or throws `StoreError(.lockHeld)` naming the holder.
    ///
    /// The lock is taken over at once when its holder is a process of this host that is gone: it
    /// does not exist, it is a zombie (state Z), or its pid now belongs to a process started later
    /// (pid reuse, told by the start time in /proc/PID/stat); a live holder on this host is never
    /// taken over. A holder on another host is taken over once its heartbeat is older than
    /// `staleAfter` seconds. The previous holder is returned, with
    /// `takeoverReason` set, so the caller can say so.
    public func acquireLock(
        pipeline: String, host: String, pid: Int, staleAfter: TimeInterval,
        isAlive: @Sendable (Int) -> Bool = LockTakeover.processIsAlive
    ) throws -> LockHolder? {
        do {
            return try takeLock(pipeline: pipeline, host: host, pid: pid, staleAfter: staleAfter, isAlive: isAlive)
        } catch let error as DatabaseError {
            throw explained(error)
        }
    }

    private func takeLock(
        pipeline: String, host: String, pid: Int, staleAfter: TimeInterval, isAlive: @Sendable (Int) -> Bool
    ) throws -> LockHolder? {
        let myStart = ProcessStatus.startTicks(of: pid)
        for _ in 0..<3 {
            let now = Date().timeIntervalSince1970
            let current = try lockHolder(pipeline: pipeline)
            if var current {
                guard
                    let reason = LockTakeover.reason(
                        toTakeOver: current, host: host, pid: pid, staleAfter: staleAfter,
                        now: Date(timeIntervalSince1970: now), isAlive: isAlive)
                else {
                    throw LockTakeover.heldError(pipeline: pipeline, holder: current, staleAfter: staleAfter)
                }
                current.observedAt = Date(timeIntervalSince1970: now)
                current.takeoverReason = reason
                let changed = try lockQueue.write { db -> Int in
                    try db.cachedStatement(
                        sql: """
                            UPDATE locks SET host = ?, pid = ?, run_id = NULL, started_at = ?, heartbeat_at = ?, pid_start = ?
                            WHERE pipeline = ? AND host = ? AND pid = ? AND heartbeat_at = ?
                            """
                    ).execute(arguments: [
                        host, pid, now, now, myStart, pipeline, current.host, current.pid,
                        current.heartbeatAt.timeIntervalSince1970,
                    ])
                    return db.changesCount
                }
                if changed == 1 { return current }
            } else {
                do {
                    try lockQueue.write { db in
                        try db.cachedStatement(
                            sql: """
                                INSERT INTO locks (pipeline, host, pid, started_at, heartbeat_at, pid_start)
                                VALUES (?,?,?,?,?,?)
                                """
                        ).execute(arguments: [pipeline, host, pid, now, now, myStart])
                    }
                    return nil
                } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                    continue  // somebody else inserted first: read again
                }
            }
        }
        let holder = try lockHolder(pipeline: pipeline)
        throw StoreError(
            .lockHeld,
            "pipeline '\(pipeline)' is already running: lock held by \(holder.map(\.description) ?? "another process")")
    }

    /// The current holder of a pipeline's lock.
    public func lockHolder(pipeline: String) throws -> LockHolder? {
        try lockQueue.read { db in
            try Row.fetchOne(
                try db.cachedStatement(sql: "SELECT * FROM locks WHERE pipeline = ?"), arguments: [pipeline]
            ).map {
                LockHolder(
                    host: $0["host"], pid: $0["pid"], runID: $0["run_id"],
                    startedAt: Date(timeIntervalSince1970: $0["started_at"]),
                    heartbeatAt: Date(timeIntervalSince1970: $0["heartbeat_at"]), processStart: $0["pid_start"])
            }
        }
    }

    /// Refreshes the heartbeat (and run id) of a lock this process holds.
    public func heartbeat(pipeline: String, host: String, pid: Int, runID: Int64? = nil) throws {
        try lockQueue.write { db in
            try db.cachedStatement(
                sql: """
                    UPDATE locks SET heartbeat_at = ?, run_id = COALESCE(?, run_id)
                    WHERE pipeline = ? AND host = ? AND pid = ?
                    """
            ).execute(arguments: [Date().timeIntervalSince1970, runID, pipeline, host, pid])
        }
    }

    /// Releases a lock this process holds.
    public func releaseLock(pipeline: String, host: String, pid: Int) throws {
        try lockQueue.write { db in
            try db.cachedStatement(sql: "DELETE FROM locks WHERE pipeline = ? AND host = ? AND pid = ?").execute(
                arguments: [pipeline, host, pid])
        }
    }

    /// True when a process with `pid` runs on this host (a zombie does not count).
    public static var processIsAlive: @Sendable (Int) -> Bool { LockTakeover.processIsAlive }
}
