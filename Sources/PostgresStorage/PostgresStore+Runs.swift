import Foundation
import IndicatorKit
import PostgresNIO
import Storage

/// Named access to the columns of a result row.
struct Columns: RecordRowColumns {
    let row: PostgresRandomAccessRow
    init(_ row: PostgresRow) { self.row = row.makeRandomAccess() }
    func callAsFunction<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        try row[name].decode(T.self)
    }
    func string(_ column: String) throws -> String? { try self(column) }
    func double(_ column: String) throws -> Double? { try self(column) }
    func int(_ column: String) throws -> Int? { try self(column) }
    func int64(_ column: String) throws -> Int64? { try self(column) }
    func bool(_ column: String) throws -> Bool? { try self(column) }
}

extension PostgresStore {
    /// Rows of `query`, each mapped by `transform`; `prepared` for a fixed statement of a hot path
    /// (its text never varies: see `PreparedStatements`).
    func rows<T: Sendable>(
        _ what: String, _ query: PostgresQuery, prepared: Bool = false,
        _ transform: @escaping @Sendable (Columns) throws -> T
    ) async throws -> [T] {
        try await withConnection(what) { c in
            var out: [T] = []
            for try await row in try await c.run(query, prepared: prepared, logger: logger) {
                out.append(try transform(Columns(row)))
            }
            return out
        }
    }

    static var now: Double { Date().timeIntervalSince1970 }

    /// Starts a run and returns its id.
    public func beginRun(pipeline: String, file: String, host: String, pid: Int, fullRefresh: Bool) async throws
        -> Int64
    {
        try await rows(
            "starting a run of '\(pipeline)'",
            Self.beginRunQuery(pipeline: pipeline, file: file, host: host, pid: pid, fullRefresh: fullRefresh)
        ) { try $0("id", as: Int64.self) }[0]
    }

    /// `beginRun`, `markInterrupted`, the run before it and the lock's heartbeat in one statement
    /// (so one transaction and one round trip). The statement's parts see the tables as they were
    /// before it: the run before is the newest one there, and its status before the marking.
    public func startRun(pipeline: String, file: String, host: String, pid: Int, fullRefresh: Bool) async throws
        -> RunStart
    {
        let result = try await rows(
            "starting a run of '\(pipeline)'",
            """
            WITH started AS (
                INSERT INTO runs (pipeline, pipeline_file, started_at, status, host, pid, full_refresh)
                VALUES (\(pipeline), \(file), \(Self.now), 'running', \(host), \(pid), \(fullRefresh)) RETURNING id
            ), interrupted AS (
                UPDATE runs SET status = 'interrupted' WHERE pipeline = \(pipeline) AND status = 'running' RETURNING id
            ), before AS (
                SELECT id, status FROM runs WHERE pipeline = \(pipeline) ORDER BY id DESC LIMIT 1
            ), noted AS (
                UPDATE locks SET heartbeat_at = EXTRACT(EPOCH FROM clock_timestamp()), run_id = (SELECT id FROM started)
                WHERE pipeline = \(pipeline) AND host = \(host) AND pid = \(pid)
            )
            SELECT (SELECT id FROM started) AS id, ARRAY(SELECT id FROM interrupted ORDER BY id) AS interrupted,
                (SELECT id FROM before WHERE status = 'stopped') AS stopped_before
            """, prepared: true
        ) {
            RunStart(
                id: try $0("id", as: Int64.self), interrupted: try $0("interrupted", as: [Int64].self),
                stoppedBefore: try $0("stopped_before", as: Int64?.self))
        }
        guard let first = result.first else {
            throw StoreError(.writeFailed, "\(server): starting a run of '\(pipeline)' gave no id")
        }
        return first
    }

    /// Fetches, source outcomes and (when given) the run's ending, in one statement (one transaction,
    /// one round trip): the rows travel as one JSON array each.
    public func record(runID: Int64, sources: [RunSourceRecord], fetches: [FetchRecord], finish: RunEnding?)
        async throws
    {
        if sources.isEmpty, fetches.isEmpty, finish == nil { return }
        // One outcome per source (the last given), as the upsert of one statement must touch a row once.
        var seen = Set<String>()
        let unique = sources.reversed().filter { seen.insert($0.sourceID).inserted }.reversed()
        // JSONValue's writer, not Foundation's JSONSerialization (an eighth of a worker's CPU on
        // unchanged nights).
        let sourceRows: [JSONValue] = unique.map { s in
            .object([
                ("source_id", .string(s.sourceID)), ("adapter", .string(s.adapter)), ("origin", .string(s.origin)),
                ("status", .string(s.status)), ("records", .int(s.records)), ("observations", .int(s.observations)),
                ("goals", .int(s.goals)), ("bytes", .int(s.bytes)),
                ("seconds", .number(s.seconds.isFinite ? s.seconds : 0)), ("sha256", .string(s.sha256)),
                ("error", .string(s.error)),
            ])
        }
        let fetchRows: [JSONValue] = fetches.map { f in
            .object([
                ("source_id", .string(f.sourceID)), ("origin", .string(f.origin)), ("sha256", .string(f.sha256)),
                ("bytes", .int(f.bytes)), ("status", .string(f.status)), ("http_status", .int(f.httpStatus)),
                ("media_type", .string(f.mediaType)), ("charset", .string(f.charset)), ("etag", .string(f.etag)),
                ("last_modified", .string(f.lastModified)), ("cache_path", .string(f.cachePath)),
                ("error", .string(f.error)),
            ])
        }
        var sourcesJSON = ""
        JSONValue.array(sourceRows).writeCompact(to: &sourcesJSON)
        var fetchesJSON = ""
        JSONValue.array(fetchRows).writeCompact(to: &fetchesJSON)
        let finishes = finish != nil
        _ = try await rows(
            "recording the sources of run \(runID)",
            """
            WITH f AS (
                INSERT INTO fetches (run_id, source_id, origin, sha256, bytes, status, http_status, media_type, charset,
                    etag, last_modified, cache_path, error, fetched_at)
                SELECT \(runID), x.source_id, x.origin, x.sha256, x.bytes, x.status, x.http_status, x.media_type,
                    x.charset, x.etag, x.last_modified, x.cache_path, x.error, \(Self.now)
                FROM jsonb_array_elements(\(fetchesJSON)::jsonb) WITH ORDINALITY AS e(v, n),
                    jsonb_to_record(e.v) AS x(source_id text, origin text, sha256 text, bytes bigint, status text,
                        http_status bigint, media_type text, charset text, etag text, last_modified text,
                        cache_path text, error text)
                ORDER BY e.n
            ), s AS (
                INSERT INTO run_sources (run_id, source_id, adapter, origin, status, records, observations, goals, bytes,
                    seconds, sha256, error)
                SELECT \(runID), x.source_id, x.adapter, x.origin, x.status, x.records, x.observations, x.goals, x.bytes,
                    x.seconds, x.sha256, x.error
                FROM jsonb_array_elements(\(sourcesJSON)::jsonb) WITH ORDINALITY AS e(v, n),
                    jsonb_to_record(e.v) AS x(source_id text, adapter text, origin text, status text, records bigint,
                        observations bigint, goals bigint, bytes bigint, seconds double precision, sha256 text,
                        error text)
                ORDER BY e.n
                ON CONFLICT (run_id, source_id) DO UPDATE SET adapter = excluded.adapter, origin = excluded.origin,
                    status = excluded.status, records = excluded.records, observations = excluded.observations,
                    goals = excluded.goals, bytes = excluded.bytes, seconds = excluded.seconds, sha256 = excluded.sha256,
                    error = excluded.error
            ), r AS (
                UPDATE runs SET finished_at = \(Self.now), status = \(finish?.status ?? ""),
                    records = \(finish?.records ?? 0), summary = \(finish?.summary)
                WHERE id = \(runID) AND \(finishes)
            )
            SELECT 1 AS done
            """, prepared: true
        ) { _ in () }
    }

    static func beginRunQuery(pipeline: String, file: String, host: String, pid: Int, fullRefresh: Bool)
        -> PostgresQuery
    {
        """
        INSERT INTO runs (pipeline, pipeline_file, started_at, status, host, pid, full_refresh)
        VALUES (\(pipeline), \(file), \(Self.now), 'running', \(host), \(pid), \(fullRefresh)) RETURNING id
        """
    }

    /// Records how a run ended.
    public func finishRun(id: Int64, status: String, records: Int, summary: String?) async throws {
        _ = try await rows(
            "finishing run \(id)", Self.finishRunQuery(id: id, status: status, records: records, summary: summary)
        ) { _ in () }
    }

    static func finishRunQuery(id: Int64, status: String, records: Int, summary: String?) -> PostgresQuery {
        "UPDATE runs SET finished_at = \(Self.now), status = \(status), records = \(records), summary = \(summary) WHERE id = \(id)"
    }

    /// Marks runs of `pipeline` left 'running' (other than `exceptRun`) as interrupted; returns their ids.
    @discardableResult
    public func markInterrupted(pipeline: String, exceptRun: Int64) async throws -> [Int64] {
        try await rows(
            "marking interrupted runs of '\(pipeline)'",
            Self.markInterruptedQuery(pipeline: pipeline, exceptRun: exceptRun)
        ) { try $0("id", as: Int64.self) }.sorted()
    }

    static func markInterruptedQuery(pipeline: String, exceptRun: Int64) -> PostgresQuery {
        """
        UPDATE runs SET status = 'interrupted' WHERE pipeline = \(pipeline) AND status = 'running' AND id <> \(exceptRun)
        RETURNING id
        """
    }

    /// Records one source's outcome in a run.
    public func recordSource(runID: Int64, _ s: RunSourceRecord) async throws {
        _ = try await rows("recording source '\(s.sourceID)' of run \(runID)", Self.recordSourceQuery(runID: runID, s))
        {
            _ in ()
        }
    }

    static func recordSourceQuery(runID: Int64, _ s: RunSourceRecord) -> PostgresQuery {
        """
        INSERT INTO run_sources (run_id, source_id, adapter, origin, status, records, observations, goals, bytes,
            seconds, sha256, error)
        VALUES (\(runID), \(s.sourceID), \(s.adapter), \(s.origin), \(s.status), \(s.records), \(s.observations),
            \(s.goals), \(s.bytes), \(s.seconds), \(s.sha256), \(s.error))
        ON CONFLICT (run_id, source_id) DO UPDATE SET adapter = excluded.adapter, origin = excluded.origin,
            status = excluded.status, records = excluded.records, observations = excluded.observations,
            goals = excluded.goals, bytes = excluded.bytes, seconds = excluded.seconds, sha256 = excluded.sha256,
            error = excluded.error
        """
    }

    /// Logs a fetched input.
    public func recordFetch(runID: Int64, _ f: FetchRecord) async throws {
        _ = try await rows("logging the fetch of '\(f.sourceID)'", Self.recordFetchQuery(runID: runID, f)) { _ in () }
    }

    static func recordFetchQuery(runID: Int64, _ f: FetchRecord) -> PostgresQuery {
        """
        INSERT INTO fetches (run_id, source_id, origin, sha256, bytes, status, http_status, media_type, charset,
            etag, last_modified, cache_path, error, fetched_at)
        VALUES (\(runID), \(f.sourceID), \(f.origin), \(f.sha256), \(f.bytes), \(f.status), \(f.httpStatus),
            \(f.mediaType), \(f.charset), \(f.etag), \(f.lastModified), \(f.cachePath), \(f.error), \(Self.now))
        """
    }

    /// The fetches logged for a run.
    public func fetches(runID: Int64) async throws -> [FetchRecord] {
        try await rows(
            "reading the fetches of run \(runID)", "SELECT * FROM fetches WHERE run_id = \(runID) ORDER BY id"
        ) {
            FetchRecord(
                sourceID: try $0("source_id"), origin: try $0("origin"), sha256: try $0("sha256"),
                bytes: try $0("bytes"), status: try $0("status"), httpStatus: try $0("http_status"),
                mediaType: try $0("media_type"), charset: try $0("charset"), etag: try $0("etag"),
                lastModified: try $0("last_modified"), cachePath: try $0("cache_path"), error: try $0("error"))
        }
    }

    /// Recent runs, newest first, optionally of one pipeline.
    public func runs(pipeline: String?, limit: Int) async throws -> [RunRecord] {
        let query: PostgresQuery
        if let pipeline {
            query = "SELECT * FROM runs WHERE pipeline = \(pipeline) ORDER BY id DESC LIMIT \(limit)"
        } else {
            query = "SELECT * FROM runs ORDER BY id DESC LIMIT \(limit)"
        }
        return try await rows("reading runs", query, Self.runRecord)
    }

    /// One run by id.
    public func run(id: Int64) async throws -> RunRecord? {
        try await rows("reading run \(id)", "SELECT * FROM runs WHERE id = \(id)", prepared: true, Self.runRecord).first
    }

    /// The per-source outcomes of a run, in the order they were recorded.
    public func runSources(runID: Int64) async throws -> [RunSourceRecord] {
        try await rows(
            "reading the sources of run \(runID)", "SELECT * FROM run_sources WHERE run_id = \(runID) ORDER BY position"
        ) {
            RunSourceRecord(
                sourceID: try $0("source_id"), adapter: try $0("adapter"), origin: try $0("origin"),
                status: try $0("status"), records: try $0("records"), observations: try $0("observations"),
                goals: try $0("goals"), bytes: try $0("bytes"), seconds: try $0("seconds"), sha256: try $0("sha256"),
                error: try $0("error"))
        }
    }

    @Sendable static func runRecord(_ c: Columns) throws -> RunRecord {
        let finished: Double? = try c("finished_at")
        return RunRecord(
            id: try c("id"), pipeline: try c("pipeline"), pipelineFile: try c("pipeline_file"),
            startedAt: Date(timeIntervalSince1970: try c("started_at")),
            finishedAt: finished.map { Date(timeIntervalSince1970: $0) }, status: try c("status"),
            records: try c("records"), host: try c("host"), pid: try c("pid"), fullRefresh: try c("full_refresh"),
            summary: try c("summary"))
    }

    /// Stores the goal checks of a run, in one transaction.
    public func saveChecks(runID: Int64, pipeline: String, _ checks: [StoredCheck]) async throws {
        guard !checks.isEmpty else { return }
        try await transaction("saving the checks of run \(runID)") { c in
            for chunk in stride(from: 0, to: checks.count, by: 500) {
                var binds = PostgresBindings()
                var values: [String] = []
                for check in checks[chunk..<min(chunk + 500, checks.count)] {
                    let base = binds.count
                    values.append("(" + (1...12).map { "$\(base + $0)" }.joined(separator: ",") + ")")
                    binds.append(runID)
                    binds.append(pipeline)
                    binds.append(check.goalID)
                    binds.append(check.subject)
                    binds.append(check.indicator)
                    binds.append(check.status)
                    binds.append(check.target)
                    binds.append(check.actual)
                    binds.append(check.unit)
                    binds.append(check.margin)
                    binds.append(check.attainment)
                    binds.append(check.detail)
                }
                try await c.run(
                    PostgresQuery(
                        unsafeSQL: """
                            INSERT INTO checks (run_id, pipeline, goal_id, subject, indicator, status, target, actual,
                                unit, margin, attainment, detail) VALUES
                            """ + values.joined(separator: ","), binds: binds), logger: logger)
            }
        }
    }

    /// The goal checks of a run.
    public func checks(runID: Int64) async throws -> [StoredCheck] {
        try await rows("reading the checks of run \(runID)", "SELECT * FROM checks WHERE run_id = \(runID) ORDER BY id")
        {
            StoredCheck(
                goalID: try $0("goal_id"), subject: try $0("subject"), indicator: try $0("indicator"),
                status: try $0("status"), target: try $0("target"), actual: try $0("actual"), unit: try $0("unit"),
                margin: try $0("margin"), attainment: try $0("attainment"), detail: try $0("detail"))
        }
    }

    /// The latest run of `pipeline` that has checks, before `beforeRun` if given.
    public func latestCheckedRun(pipeline: String, before beforeRun: Int64? = nil) async throws -> Int64? {
        try await rows(
            "reading the checked runs of '\(pipeline)'",
            "SELECT MAX(run_id) AS id FROM checks WHERE pipeline = \(pipeline) AND run_id < \(beforeRun ?? Int64.max)"
        ) { try $0("id", as: Int64?.self) }.first ?? nil
    }

    /// Counts of rows in a table (observations, goals, checks, runs or fetches), for tests and summaries.
    public func count(_ table: String, runID: Int64? = nil, sourceID: String? = nil) async throws -> Int {
        precondition(["observations", "goals", "checks", "runs", "fetches"].contains(table))
        var sql = "SELECT COUNT(*) AS n FROM \(table) WHERE TRUE"
        var binds = PostgresBindings()
        if let runID {
            binds.append(runID)
            sql += " AND \(table == "runs" ? "id" : "run_id") = $\(binds.count)"
        }
        if let sourceID {
            binds.append(sourceID)
            sql += " AND source_id = $\(binds.count)"
        }
        return try await rows("counting \(table)", PostgresQuery(unsafeSQL: sql, binds: binds)) {
            try $0("n", as: Int.self)
        }[0]
    }
}
