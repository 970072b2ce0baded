import Foundation
import IndicatorKit
import PostgresNIO
import Storage

/// A run of a pipeline that a worker claimed from the run queue.
public struct ClaimedRun: Sendable, Equatable {
    /// The queue row's id.
    public var id: Int64
    public var pipeline: String
    /// `schedule` (a due time of its `schedule:`) or `enqueue` (asked for by `yardstick enqueue`).
    public var reason: String
    public var dueAt: Date
    /// How many times the row was claimed (more than 1: taken over or released before).
    public var claims: Int
    /// The worker whose claim this one took over (its heartbeat had stopped), if any.
    public var tookOverFrom: String?
}

/// The pipelines a worker has files for, as the store holds them (`PostgresStore.pipelineSet`).
public struct PipelineSet: Sendable, Equatable {
    /// The SHA-256 of the sorted pipeline ids, one a line.
    public var id: String
    /// How many pipelines it holds.
    public var count: Int
}

/// One row of the run queue, as `queueEntries` lists it.
public struct QueueEntry: Sendable, Equatable {
    public var id: Int64
    public var pipeline: String
    public var reason: String
    /// queued, claimed, done.
    public var state: String
    public var worker: String?
    public var claims: Int
    public var runID: Int64?
    public var outcome: String?
}

/// One thing that happened to a claim: `claimed`, `took-over`, `released`, `lost`, `finished`.
public struct QueueEvent: Sendable, Equatable {
    public var queueID: Int64
    public var pipeline: String
    public var worker: String
    public var event: String
    public var detail: String?
}

extension PostgresStore {
    /// Queues a run of `pipeline` now. Returns false when a run of it already waits in the queue
    /// (that one will read the same inputs; a pipeline is never queued twice).
    @discardableResult
    public func enqueue(pipeline: String, reason: String = "enqueue") async throws -> Bool {
        try await !rows(
            "queueing a run of '\(pipeline)'",
            """
            INSERT INTO run_queue (pipeline, reason, due_at, enqueued_at)
            VALUES (\(pipeline), \(reason), EXTRACT(EPOCH FROM clock_timestamp()), EXTRACT(EPOCH FROM clock_timestamp()))
            ON CONFLICT DO NOTHING RETURNING id
            """
        ) { try $0("id", as: Int64.self) }.isEmpty
    }

    /// Queues the run that `pipeline`'s schedule made due at `slot`, once however many workers see
    /// it (`schedule_slots` remembers each time queued). Returns true when this call queued it.
    @discardableResult
    public func enqueueScheduled(pipeline: String, slot: Date) async throws -> Bool {
        try await enqueueScheduled([(pipeline, slot)]).contains(pipeline)
    }

    /// Queues the runs that pipelines' schedules made due, each (pipeline, time) once however many
    /// workers see it, in one statement. Returns the pipelines this call queued.
    public func enqueueScheduled(_ slots: [(pipeline: String, slot: Date)]) async throws -> Set<String> {
        guard !slots.isEmpty else { return [] }
        let pipelines = slots.map(\.pipeline)
        let dues = slots.map { $0.slot.timeIntervalSince1970 }
        return Set(
            try await rows(
                "queueing the scheduled runs",
                """
                WITH fresh AS (
                    INSERT INTO schedule_slots (pipeline, due_at)
                    SELECT * FROM unnest(\(pipelines)::text[], \(dues)::float8[])
                    ON CONFLICT DO NOTHING RETURNING pipeline, due_at
                )
                INSERT INTO run_queue (pipeline, reason, due_at, enqueued_at)
                SELECT pipeline, 'schedule', due_at, EXTRACT(EPOCH FROM clock_timestamp()) FROM fresh
                ON CONFLICT DO NOTHING RETURNING pipeline
                """
            ) { try $0("pipeline", as: String.self) })
    }

    /// The latest time queued for `pipeline`'s schedule, if any.
    public func lastScheduledSlot(pipeline: String) async throws -> Date? {
        try await rows(
            "reading the schedule of '\(pipeline)'",
            "SELECT MAX(due_at) AS due FROM schedule_slots WHERE pipeline = \(pipeline)"
        ) { try $0("due", as: Double?.self) }.first?.map { Date(timeIntervalSince1970: $0) }
    }

    /// Stores the set of `pipelines` (once: a set is named by its members) and returns its name, for
    /// `claimNext(worker:in:staleAfter:)` and `hasOpenRuns(in:)`.
    ///
    /// A worker has files for some pipelines; its claims must be among them. Sending every id with
    /// every claim costs a national worker (2,800 ids) about 50 KB and a scan of the list per row it
    /// looks at; the set is written once, and a claim names it.
    public func pipelineSet(_ pipelines: [String]) async throws -> PipelineSet {
        let ids = Array(Set(pipelines)).sorted()
        let set = PipelineSet(id: SHA256.hex(of: Array(ids.joined(separator: "\n").utf8)), count: ids.count)
        let known =
            try await rows(
                "reading the pipeline set \(set.id.prefix(12))",
                "SELECT EXISTS (SELECT 1 FROM pipeline_sets WHERE set_id = \(set.id)) AS known", prepared: true
            ) { try $0("known", as: Bool.self) }.first ?? false
        if !known && !ids.isEmpty {
            // One statement: a set is all there or not there.
            _ = try await rows(
                "storing the pipeline set \(set.id.prefix(12)) (\(ids.count) pipelines)",
                """
                INSERT INTO pipeline_sets (set_id, pipeline) SELECT \(set.id), unnest(\(ids)::text[])
                ON CONFLICT DO NOTHING
                """
            ) { _ in () }
        }
        return set
    }

    /// Claims the next due run for `worker`, among `pipelines` (the ones this worker has files for).
    /// A worker that claims again and again stores the set once (`pipelineSet`) and claims in it.
    public func claimNext(worker: String, pipelines: [String], staleAfter: TimeInterval) async throws -> ClaimedRun? {
        guard !pipelines.isEmpty else { return nil }
        return try await claimNext(worker: worker, in: try await pipelineSet(pipelines), staleAfter: staleAfter)
    }

    /// Claims the next due run for `worker` among the pipelines of `set`.
    ///
    /// `SELECT … FOR UPDATE SKIP LOCKED` on the queue: workers that claim at the same moment each get
    /// a different row, none waits on another. A row is claimable when it waits and no run of the
    /// same pipeline is claimed, or when it is claimed but its worker's heartbeat is older than
    /// `staleAfter` seconds (server clock): then it is taken over, and `queue_events` records that.
    public func claimNext(worker: String, in set: PipelineSet, staleAfter: TimeInterval) async throws -> ClaimedRun? {
        guard set.count > 0 else { return nil }
        // One statement (one transaction, one round trip): pick the row, claim it, log the event. Its
        // text never varies, so it is prepared; the queue's open rows are read in due order through
        // run_queue_open, each looked up in the set by its key.
        return try await rows(
            "claiming a queued run",
            """
            WITH picked AS (
                SELECT q.id, q.state AS was, q.worker AS previous,
                    EXTRACT(EPOCH FROM clock_timestamp())::float8 - q.heartbeat_at AS age
                FROM run_queue q
                WHERE EXISTS (SELECT 1 FROM pipeline_sets s WHERE s.set_id = \(set.id) AND s.pipeline = q.pipeline)
                  AND ((q.state = 'queued' AND q.due_at <= EXTRACT(EPOCH FROM clock_timestamp())
                        AND NOT EXISTS (SELECT 1 FROM run_queue c WHERE c.pipeline = q.pipeline AND c.state = 'claimed'))
                    OR (q.state = 'claimed' AND q.heartbeat_at < EXTRACT(EPOCH FROM clock_timestamp()) - \(staleAfter)))
                ORDER BY q.due_at, q.id
                LIMIT 1
                FOR UPDATE OF q SKIP LOCKED
            ), claimed AS (
                UPDATE run_queue r SET state = 'claimed', worker = \(worker),
                    claimed_at = EXTRACT(EPOCH FROM clock_timestamp()),
                    heartbeat_at = EXTRACT(EPOCH FROM clock_timestamp()), claims = r.claims + 1
                FROM picked WHERE r.id = picked.id
                RETURNING r.id, r.pipeline, r.reason, r.due_at, r.claims, picked.was, picked.previous, picked.age
            ), logged AS (
                INSERT INTO queue_events (at, queue_id, pipeline, worker, event, detail)
                SELECT EXTRACT(EPOCH FROM clock_timestamp()), id, pipeline, \(worker),
                    CASE WHEN was = 'claimed' THEN 'took-over' ELSE 'claimed' END,
                    CASE WHEN was = 'claimed' THEN 'took over from ' || COALESCE(previous, '?') || ': its heartbeat is '
                        || floor(COALESCE(age, 0))::bigint || ' s old (stale after ' || \(Int(staleAfter)) || ' s)' END
                FROM claimed
            )
            SELECT * FROM claimed
            """, prepared: true
        ) { col in
            let was: String = try col("was")
            let previous: String? = try col("previous")
            return ClaimedRun(
                id: try col("id"), pipeline: try col("pipeline"), reason: try col("reason"),
                dueAt: Date(timeIntervalSince1970: try col("due_at")), claims: try col("claims", as: Int.self),
                tookOverFrom: was == "claimed" ? (previous ?? "?") : nil)
        }.first
    }

    /// Refreshes the heartbeat of a claim (and notes its run). Returns false when `worker` no longer
    /// holds it (another worker took it over): the caller must stop that run.
    public func heartbeatClaim(_ id: Int64, worker: String, runID: Int64? = nil) async throws -> Bool {
        try await !rows(
            "refreshing the claim \(id)",
            """
            UPDATE run_queue SET heartbeat_at = EXTRACT(EPOCH FROM clock_timestamp()), run_id = COALESCE(\(runID), run_id)
            WHERE id = \(id) AND worker = \(worker) AND state = 'claimed' RETURNING id
            """, prepared: true
        ) { try $0("id", as: Int64.self) }.isEmpty
    }

    /// Marks a claimed run done with its run id and outcome (the run's status).
    public func finishClaim(_ id: Int64, worker: String, runID: Int64?, outcome: String) async throws {
        _ = try await rows(
            "finishing the claim \(id)",
            """
            WITH finished AS (
                UPDATE run_queue SET state = 'done', finished_at = EXTRACT(EPOCH FROM clock_timestamp()),
                    run_id = COALESCE(\(runID), run_id), outcome = \(outcome)
                WHERE id = \(id) AND worker = \(worker) AND state = 'claimed'
                RETURNING id
            )
            INSERT INTO queue_events (at, queue_id, pipeline, worker, event, detail)
            SELECT EXTRACT(EPOCH FROM clock_timestamp()), id, pipeline, \(worker), 'finished', \(outcome)
            FROM run_queue WHERE id = \(id)
            RETURNING id
            """, prepared: true
        ) { _ in () }
    }

    /// Gives a claim back (the worker is stopping before the run finished): the run waits again for
    /// any worker, or, when another run of the pipeline already waits, is closed as covered by it.
    public func releaseClaim(_ id: Int64, worker: String, reason: String) async throws {
        try await transaction("releasing the claim \(id)") { c in
            var waiting = false
            for try await _ in try await c.run(
                """
                SELECT 1 AS one FROM run_queue w JOIN run_queue r ON r.pipeline = w.pipeline
                WHERE r.id = \(id) AND w.state = 'queued'
                """, logger: logger)
            {
                waiting = true
            }
            if waiting {
                try await c.run(
                    """
                    UPDATE run_queue SET state = 'done', finished_at = EXTRACT(EPOCH FROM clock_timestamp()),
                        outcome = 'released; a queued run of the pipeline covers it'
                    WHERE id = \(id) AND worker = \(worker) AND state = 'claimed'
                    """, logger: logger)
            } else {
                try await c.run(
                    """
                    UPDATE run_queue SET state = 'queued', worker = NULL, heartbeat_at = NULL, due_at = LEAST(due_at, EXTRACT(EPOCH FROM clock_timestamp()))
                    WHERE id = \(id) AND worker = \(worker) AND state = 'claimed'
                    """, logger: logger)
            }
            try await c.run(
                """
                INSERT INTO queue_events (at, queue_id, pipeline, worker, event, detail)
                SELECT EXTRACT(EPOCH FROM clock_timestamp()), id, pipeline, \(worker), 'released', \(reason)
                FROM run_queue WHERE id = \(id)
                """, logger: logger)
        }
    }

    /// True while a run of one of the pipelines of `set` is queued or claimed.
    public func hasOpenRuns(in set: PipelineSet) async throws -> Bool {
        try await rows(
            "reading the run queue",
            """
            SELECT EXISTS (
                SELECT 1 FROM run_queue q WHERE q.state IN ('queued', 'claimed')
                AND EXISTS (SELECT 1 FROM pipeline_sets s WHERE s.set_id = \(set.id) AND s.pipeline = q.pipeline)
            ) AS open
            """
        ) { try $0("open", as: Bool.self) }.first ?? false
    }

    /// The queue's rows, oldest first, optionally of one pipeline.
    public func queueEntries(pipeline: String? = nil) async throws -> [QueueEntry] {
        let query: PostgresQuery
        if let pipeline {
            query = "SELECT * FROM run_queue WHERE pipeline = \(pipeline) ORDER BY id"
        } else {
            query = "SELECT * FROM run_queue ORDER BY id"
        }
        return try await rows("reading the run queue", query) {
            QueueEntry(
                id: try $0("id"), pipeline: try $0("pipeline"), reason: try $0("reason"), state: try $0("state"),
                worker: try $0("worker"), claims: try $0("claims", as: Int.self), runID: try $0("run_id"),
                outcome: try $0("outcome"))
        }
    }

    /// What happened to claims, oldest first.
    public func queueEvents() async throws -> [QueueEvent] {
        try await rows("reading the queue's events", "SELECT * FROM queue_events ORDER BY id") {
            QueueEvent(
                queueID: try $0("queue_id"), pipeline: try $0("pipeline"), worker: try $0("worker"),
                event: try $0("event"), detail: try $0("detail"))
        }
    }
}
