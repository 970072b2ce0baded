import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// Takes the run lock of `pipeline`, or throws `StoreError(.lockHeld)` naming the holder.
    ///
    /// As in `SQLiteStore`: a holder on this host is taken over at once when its process is gone and
    /// never while it lives; a holder on another host once its heartbeat is older than `staleAfter`
    /// seconds. Heartbeats are the server's clock, so hosts need not agree on the time. Returns the
    /// previous holder with `takeoverReason` set when it took the lock over.
    public func acquireLock(
        pipeline: String, host: String, pid: Int, staleAfter: TimeInterval,
        isAlive: @Sendable (Int) -> Bool
    ) async throws -> LockHolder? {
        let myStart = ProcessStatus.startTicks(of: pid)
        let insert: PostgresQuery = """
            INSERT INTO locks (pipeline, host, pid, started_at, heartbeat_at, pid_start)
            VALUES (\(pipeline), \(host), \(pid), EXTRACT(EPOCH FROM clock_timestamp()), EXTRACT(EPOCH FROM clock_timestamp()),
                \(myStart))
            ON CONFLICT (pipeline) DO NOTHING RETURNING pipeline
            """
        // A free lock (the usual case) is taken in one statement; a held one is looked at in a transaction.
        let free: [Void] = try await rows("taking the lock of '\(pipeline)'", insert, prepared: true) { _ in () }
        if !free.isEmpty { return nil }
        return try await transaction("taking the lock of '\(pipeline)'") { c -> LockHolder? in
            var took = false
            for try await _ in try await c.run(insert, logger: logger) { took = true }
            if took { return nil }
            var holder: LockHolder?
            var now = 0.0
            for try await row in try await c.run(
                "SELECT *, EXTRACT(EPOCH FROM clock_timestamp())::float8 AS now FROM locks WHERE pipeline = \(pipeline) FOR UPDATE",
                logger: logger)
            {
                let col = Columns(row)
                now = try col("now")
                holder = LockHolder(
                    host: try col("host"), pid: try col("pid"), runID: try col("run_id"),
                    startedAt: Date(timeIntervalSince1970: try col("started_at")),
                    heartbeatAt: Date(timeIntervalSince1970: try col("heartbeat_at")),
                    processStart: try col("pid_start"))
            }
            guard var current = holder else {
                throw LockTakeover.heldError(pipeline: pipeline, holder: nil, staleAfter: staleAfter)
            }
            let observed = Date(timeIntervalSince1970: now)
            current.observedAt = observed
            guard
                let reason = LockTakeover.reason(
                    toTakeOver: current, host: host, pid: pid, staleAfter: staleAfter, now: observed, isAlive: isAlive)
            else {
                throw LockTakeover.heldError(pipeline: pipeline, holder: current, staleAfter: staleAfter)
            }
            current.takeoverReason = reason
            try await c.run(
                """
                UPDATE locks SET host = \(host), pid = \(pid), run_id = NULL, pid_start = \(myStart),
                    started_at = EXTRACT(EPOCH FROM clock_timestamp()), heartbeat_at = EXTRACT(EPOCH FROM clock_timestamp())
                WHERE pipeline = \(pipeline)
                """, logger: logger)
            return current
        }
    }

    /// The current holder of a pipeline's lock.
    public func lockHolder(pipeline: String) async throws -> LockHolder? {
        try await rows("reading the lock of '\(pipeline)'", "SELECT * FROM locks WHERE pipeline = \(pipeline)") {
            LockHolder(
                host: try $0("host"), pid: try $0("pid"), runID: try $0("run_id"),
                startedAt: Date(timeIntervalSince1970: try $0("started_at")),
                heartbeatAt: Date(timeIntervalSince1970: try $0("heartbeat_at")), processStart: try $0("pid_start"))
        }.first
    }

    /// Refreshes the heartbeat (and run id) of a lock this process holds.
    public func heartbeat(pipeline: String, host: String, pid: Int, runID: Int64?) async throws {
        _ = try await rows(
            "refreshing the lock of '\(pipeline)'",
            """
            UPDATE locks SET heartbeat_at = EXTRACT(EPOCH FROM clock_timestamp()), run_id = COALESCE(\(runID), run_id)
            WHERE pipeline = \(pipeline) AND host = \(host) AND pid = \(pid)
            """, prepared: true
        ) { _ in () }
    }

    /// Releases a lock this process holds.
    public func releaseLock(pipeline: String, host: String, pid: Int) async throws {
        _ = try await rows(
            "releasing the lock of '\(pipeline)'",
            "DELETE FROM locks WHERE pipeline = \(pipeline) AND host = \(host) AND pid = \(pid)", prepared: true
        ) { _ in () }
    }
}
