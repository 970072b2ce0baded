import Foundation
import GRDB
import IndicatorKit

extension SQLiteStore {
    /// Starts a run and returns its id.
    public func beginRun(pipeline: String, file: String, host: String, pid: Int, fullRefresh: Bool) throws -> Int64 {
        try write { db in
            try Self.beginRun(db, pipeline: pipeline, file: file, host: host, pid: pid, fullRefresh: fullRefresh)
        }
    }

    /// `beginRun`, `markInterrupted` and the run before it in one transaction; then the lock's
    /// heartbeat (the locks are a database of their own).
    public func startRun(pipeline: String, file: String, host: String, pid: Int, fullRefresh: Bool) throws
        -> RunStart
    {
        let start = try write { db in
            let id = try Self.beginRun(
                db, pipeline: pipeline, file: file, host: host, pid: pid, fullRefresh: fullRefresh)
            let interrupted = try Self.markInterrupted(db, pipeline: pipeline, exceptRun: id)
            let before = try Row.fetchOne(
                try db.cachedStatement(
                    sql: "SELECT id, status FROM runs WHERE pipeline = ? AND id != ? ORDER BY id DESC LIMIT 1"),
                arguments: [pipeline, id])
            var stopped: Int64?
            if let before, (before["status"] as String?) == "stopped" { stopped = before["id"] }
            return RunStart(id: id, interrupted: interrupted, stoppedBefore: stopped)
        }
        try heartbeat(pipeline: pipeline, host: host, pid: pid, runID: start.id)
        return start
    }

    static func beginRun(
        _ db: Database, pipeline: String, file: String, host: String, pid: Int, fullRefresh: Bool
    ) throws -> Int64 {
        try db.cachedStatement(
            sql: """
                INSERT INTO runs (pipeline, pipeline_file, started_at, status, host, pid, full_refresh)
                VALUES (?, ?, ?, 'running', ?, ?, ?)
                """
        ).execute(arguments: [pipeline, file, Date().timeIntervalSince1970, host, pid, fullRefresh])
        return db.lastInsertedRowID
    }

    /// Records how a run ended.
    public func finishRun(id: Int64, status: String, records: Int, summary: String?) throws {
        try write { db in try Self.finishRun(db, id: id, status: status, records: records, summary: summary) }
    }

    static func finishRun(_ db: Database, id: Int64, status: String, records: Int, summary: String?) throws {
        try db.cachedStatement(
            sql: "UPDATE runs SET finished_at = ?, status = ?, records = ?, summary = ? WHERE id = ?"
        ).execute(arguments: [Date().timeIntervalSince1970, status, records, summary, id])
    }

    /// Marks runs left 'running' by a process that is gone as interrupted; returns their ids.
    @discardableResult
    public func markInterrupted(pipeline: String, exceptRun: Int64) throws -> [Int64] {
        try write { db in try Self.markInterrupted(db, pipeline: pipeline, exceptRun: exceptRun) }
    }

    static func markInterrupted(_ db: Database, pipeline: String, exceptRun: Int64) throws -> [Int64] {
        let ids = try Int64.fetchAll(
            try db.cachedStatement(sql: "SELECT id FROM runs WHERE pipeline = ? AND status = 'running' AND id != ?"),
            arguments: [pipeline, exceptRun])
        try db.cachedStatement(
            sql: "UPDATE runs SET status = 'interrupted' WHERE pipeline = ? AND status = 'running' AND id != ?"
        ).execute(arguments: [pipeline, exceptRun])
        return ids
    }

    /// Fetches, source outcomes and (when given) the run's ending, in one transaction.
    public func record(runID: Int64, sources: [RunSourceRecord], fetches: [FetchRecord], finish: RunEnding?) throws {
        if sources.isEmpty, fetches.isEmpty, finish == nil { return }
        try write { db in
            for f in fetches { try Self.recordFetch(db, runID: runID, f) }
            for s in sources { try Self.recordSource(db, runID: runID, s) }
            if let finish {
                try Self.finishRun(
                    db, id: runID, status: finish.status, records: finish.records, summary: finish.summary)
            }
        }
    }

    /// Records one source's outcome in a run.
    public func recordSource(runID: Int64, _ s: RunSourceRecord) throws {
        try write { db in try Self.recordSource(db, runID: runID, s) }
    }

    static func recordSource(_ db: Database, runID: Int64, _ s: RunSourceRecord) throws {
        try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO run_sources (run_id, source_id, adapter, origin, status, records, observations,
                    goals, bytes, seconds, sha256, error)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
                """
        ).execute(arguments: [
            runID, s.sourceID, s.adapter, s.origin, s.status, s.records, s.observations, s.goals, s.bytes,
            s.seconds, s.sha256, s.error,
        ])
    }

    /// Logs a fetched input.
    public func recordFetch(runID: Int64, _ f: FetchRecord) throws {
        try write { db in try Self.recordFetch(db, runID: runID, f) }
    }

    static func recordFetch(_ db: Database, runID: Int64, _ f: FetchRecord) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO fetches (run_id, source_id, origin, sha256, bytes, status, http_status, media_type, charset,
                    etag, last_modified, cache_path, error, fetched_at)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                """
        ).execute(arguments: [
            runID, f.sourceID, f.origin, f.sha256, f.bytes, f.status, f.httpStatus, f.mediaType, f.charset,
            f.etag, f.lastModified, f.cachePath, f.error, Date().timeIntervalSince1970,
        ])
    }

    /// The fetches logged for a run.
    public func fetches(runID: Int64) throws -> [FetchRecord] {
        try readRows("SELECT * FROM fetches WHERE run_id = ? ORDER BY id", [runID]) {
            FetchRecord(
                sourceID: $0["source_id"], origin: $0["origin"], sha256: $0["sha256"], bytes: $0["bytes"],
                status: try status(FetchStatus.self, of: $0, in: "fetches"), httpStatus: $0["http_status"],
                mediaType: $0["media_type"],
                charset: $0["charset"], etag: $0["etag"], lastModified: $0["last_modified"],
                cachePath: $0["cache_path"], error: $0["error"])
        }
    }

    /// Recent runs, newest first, optionally of one pipeline.
    public func runs(pipeline: String? = nil, limit: Int = 20) throws -> [RunRecord] {
        try queue.read { db in
            let rows: [Row]
            if let pipeline {
                rows = try Row.fetchAll(
                    try db.cachedStatement(sql: "SELECT * FROM runs WHERE pipeline = ? ORDER BY id DESC LIMIT ?"),
                    arguments: [pipeline, limit])
            } else {
                rows = try Row.fetchAll(
                    try db.cachedStatement(sql: "SELECT * FROM runs ORDER BY id DESC LIMIT ?"), arguments: [limit])
            }
            return try rows.map(runRecord)
        }
    }

    /// One run by id.
    public func run(id: Int64) throws -> RunRecord? {
        try queue.read { db in
            try Row.fetchOne(try db.cachedStatement(sql: "SELECT * FROM runs WHERE id = ?"), arguments: [id]).map(
                runRecord)
        }
    }

    /// The per-source outcomes of a run.
    public func runSources(runID: Int64) throws -> [RunSourceRecord] {
        try readRows("SELECT * FROM run_sources WHERE run_id = ? ORDER BY rowid", [runID]) {
            RunSourceRecord(
                sourceID: $0["source_id"], adapter: $0["adapter"], origin: $0["origin"],
                status: try status(
                    SourceStatus.self, of: $0, in: "run_sources",
                    row: "run \(runID), source '\($0["source_id"] as String)'"),
                records: $0["records"], observations: $0["observations"], goals: $0["goals"],
                bytes: $0["bytes"],
                seconds: $0["seconds"], sha256: $0["sha256"], error: $0["error"])
        }
    }

    /// The rows `sql` (a cached statement, with `arguments`) selects in one read, each made a value by `make`.
    func readRows<T>(_ sql: String, _ arguments: StatementArguments, _ make: (Row) throws -> T) throws -> [T] {
        try queue.read { db in try Row.fetchAll(try db.cachedStatement(sql: sql), arguments: arguments).map(make) }
    }

    /// The `status` column of `row` in `table`, checked to be a `Code` this build knows; `row`
    /// names the row in the error (default: its `id`).
    func status<Code: StoredCode>(_: Code.Type, of row: Row, in table: String, row name: String? = nil) throws
        -> String
    {
        let id: Int64? = name == nil ? row["id"] : nil
        return try Code.stored(row["status"], table: table, row: name ?? id.map(String.init) ?? "?", store: path)
            .rawValue
    }

    /// A runs row as a `RunRecord`; an unknown status code is an error naming the row.
    func runRecord(_ row: Row) throws -> RunRecord {
        let finished: Double? = row["finished_at"]
        return RunRecord(
            id: row["id"], pipeline: row["pipeline"], pipelineFile: row["pipeline_file"],
            startedAt: Date(timeIntervalSince1970: row["started_at"]),
            finishedAt: finished.map { Date(timeIntervalSince1970: $0) },
            status: try status(RunStatus.self, of: row, in: "runs"),
            records: row["records"], host: row["host"], pid: row["pid"], fullRefresh: row["full_refresh"],
            summary: row["summary"])
    }

    /// Stores the goal checks of a run.
    public func saveChecks(runID: Int64, pipeline: String, _ checks: [StoredCheck]) throws {
        try write { db in
            let stmt = try db.makeStatement(
                sql: """
                    INSERT INTO checks (run_id, pipeline, goal_id, subject, indicator, status, target, actual, unit, margin,
                        attainment, detail)
                    VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
                    """)
            for c in checks {
                try stmt.execute(arguments: [
                    runID, pipeline, c.goalID, c.subject, c.indicator, c.status, c.target, c.actual, c.unit, c.margin,
                    c.attainment, c.detail,
                ])
            }
        }
    }

    /// The goal checks of a run.
    public func checks(runID: Int64) throws -> [StoredCheck] {
        try readRows("SELECT * FROM checks WHERE run_id = ? ORDER BY id", [runID]) {
            StoredCheck(
                goalID: $0["goal_id"], subject: $0["subject"], indicator: $0["indicator"],
                status: try status(CheckStatus.self, of: $0, in: "checks"),
                target: $0["target"], actual: $0["actual"], unit: $0["unit"], margin: $0["margin"],
                attainment: $0["attainment"], detail: $0["detail"])
        }
    }

    /// The latest run of `pipeline` that has checks, before `beforeRun` if given.
    public func latestCheckedRun(pipeline: String, before beforeRun: Int64? = nil) throws -> Int64? {
        try queue.read { db in
            try Int64.fetchOne(
                try db.cachedStatement(
                    sql: """
                        SELECT MAX(run_id) FROM checks WHERE pipeline = ? AND run_id < ?
                        """), arguments: [pipeline, beforeRun ?? Int64.max])
        }
    }

    /// Counts of rows in a table for a run (observations or goals), for tests and summaries.
    public func count(_ table: String, runID: Int64? = nil, sourceID: String? = nil) throws -> Int {
        precondition(["observations", "goals", "checks", "runs", "fetches"].contains(table))
        return try queue.read { db in
            var sql = "SELECT COUNT(*) FROM \(table) WHERE 1=1"
            var args: [DatabaseValueConvertible?] = []
            if let runID {
                sql += " AND run_id = ?"
                args.append(runID)
            }
            if let sourceID {
                sql += " AND source_id = ?"
                args.append(sourceID)
            }
            return try Int.fetchOne(db, sql: sql, arguments: StatementArguments(args)) ?? 0
        }
    }

    /// The current goals and observations of a pipeline: for each source, the rows of the run that last
    /// stored it. `sources` limits to some source ids.
    public func currentRecords(pipeline: String, sources: [String]? = nil) throws -> [StoredRecord] {
        try currentGoals(pipeline: pipeline, sources: sources)
            + currentObservations(pipeline: pipeline, sources: sources, matching: nil)
    }

    /// The current goals of a pipeline (see `currentRecords`).
    public func currentGoals(pipeline: String, sources: [String]? = nil) throws -> [StoredRecord] {
        try current(table: "goals", pipeline: pipeline, sources: sources, filter: nil)
    }

    /// The current observations of a pipeline; with `matching`, only those whose indicator or subject
    /// is listed (what a set of goals can be checked against).
    public func currentObservations(
        pipeline: String, sources: [String]? = nil, matching: RecordMatch?
    ) throws -> [StoredRecord] {
        try current(table: "observations", pipeline: pipeline, sources: sources, filter: matching)
    }

    private func current(
        table: String, pipeline: String, sources: [String]?, filter: RecordMatch?
    ) throws -> [StoredRecord] {
        try queue.read { db in
            var sql = """
                SELECT t.* FROM \(table) t JOIN source_state s
                  ON s.pipeline = t.pipeline AND s.source_id = t.source_id AND s.run_id = t.run_id
                WHERE t.pipeline = ?
                """
            var args: [DatabaseValueConvertible?] = [pipeline]
            if let filter {
                if filter.indicators.isEmpty && filter.subjects.isEmpty { return [] }
                var parts: [String] = []
                if !filter.indicators.isEmpty {
                    parts.append(
                        "t.indicator IN ("
                            + Array(repeating: "?", count: filter.indicators.count).joined(separator: ",") + ")")
                    args += filter.indicators.map { $0 as DatabaseValueConvertible? }
                }
                if !filter.subjects.isEmpty {
                    parts.append(
                        "t.subject IN (" + Array(repeating: "?", count: filter.subjects.count).joined(separator: ",")
                            + ")")
                    args += filter.subjects.map { $0 as DatabaseValueConvertible? }
                }
                sql += " AND (" + parts.joined(separator: " OR ") + ")"
            }
            sql += " ORDER BY t.id"
            var out: [StoredRecord] = []
            for row in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)) {
                let sourceID: String = row["source_id"]
                if let sources, !sources.contains(sourceID) { continue }
                out.append(try storedRecord(row, table: table))
            }
            return out
        }
    }

    /// A goal or observation row as a typed record; an unknown kind or comparator code is an error
    /// naming the row.
    func storedRecord(_ row: Row, table: String) throws -> StoredRecord {
        try StoredRecord(row: GRDBRecordRow(row: row), table: table, store: path)
    }
}

/// A GRDB row as `RecordRowColumns`.
struct GRDBRecordRow: RecordRowColumns {
    let row: Row
    func string(_ column: String) -> String? { row[column] }
    func double(_ column: String) -> Double? { row[column] }
    func int(_ column: String) -> Int? { row[column] }
    func int64(_ column: String) -> Int64? { row[column] }
    func bool(_ column: String) -> Bool? { row[column] }
}
