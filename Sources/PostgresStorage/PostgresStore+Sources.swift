import Foundation
import IndicatorKit
import PostgresNIO
import Storage

extension PostgresStore {
    /// Opens the writer of one source's records: a connection of its own with one transaction open
    /// until `commit()` or `rollback()`. When the process dies the server rolls that transaction
    /// back: nothing of the read is visible and the last good data stays current.
    public func openSource(_ info: SourceWriteInfo) async throws -> any RecordWriter {
        let what = "storing source '\(info.sourceID)' of '\(info.pipeline)'"
        let connection: PostgresConnection
        do {
            connection = try await connections.acquire()
            try await connection.run("BEGIN", logger: logger)
        } catch {
            throw explained(error, what)
        }
        let writer = PostgresRecordWriter(store: self, connection: connection, info: info, what: what)
        await openWriters.add(writer, run: info.runID)
        return writer
    }

    /// Discards what the given runs wrote and never committed, and returns how many rows that was.
    ///
    /// A source's rows commit with its state in one transaction here, so nothing uncommitted is ever
    /// in the tables: a killed process's transaction was rolled back by the server. What remains is
    /// a writer of this process left open (its run was abandoned): it is rolled back now.
    @discardableResult
    public func discardUnfinished(pipeline: String, runs: [Int64]) async throws -> Int {
        var discarded = 0
        for run in runs {
            for writer in await openWriters.take(run: run, pipeline: pipeline) {
                discarded += await writer.abandon()
            }
        }
        return discarded
    }

    /// Writes one record's kind and comparator codes as given, bypassing the store's API (tests of
    /// the unknown-code rule).
    public func overwriteCode(table: String, row: Int64, column: String, code: String) async throws {
        precondition(["goals", "observations"].contains(table) && ["kind", "comparator"].contains(column))
        _ = try await rows(
            "overwriting \(table).\(column)",
            PostgresQuery(
                unsafeSQL: "UPDATE \(table) SET \(column) = $1 WHERE id = $2",
                binds: {
                    var b = PostgresBindings()
                    b.append(code)
                    b.append(row)
                    return b
                }())
        ) { _ in () }
    }

    /// The saved state of a pipeline's source, if it was ever stored.
    public func sourceState(pipeline: String, sourceID: String) async throws -> SourceState? {
        try await rows(
            "reading the state of source '\(sourceID)'",
            """
            SELECT run_id, origin, adapter, options_hash, sha256, etag, last_modified
            FROM source_state WHERE pipeline = \(pipeline) AND source_id = \(sourceID)
            """
        ) {
            SourceState(
                runID: try $0("run_id"), origin: try $0("origin"), adapter: try $0("adapter"),
                optionsHash: try $0("options_hash"), sha256: try $0("sha256"), etag: try $0("etag"),
                lastModified: try $0("last_modified"))
        }.first
    }

    /// The states of `pipeline`'s sources among `sourceIDs`, in one query.
    public func sourceStates(pipeline: String, sourceIDs: [String]) async throws -> [String: SourceState] {
        guard !sourceIDs.isEmpty else { return [:] }
        let found = try await rows(
            "reading the state of the sources of '\(pipeline)'",
            """
            SELECT source_id, run_id, origin, adapter, options_hash, sha256, etag, last_modified
            FROM source_state WHERE pipeline = \(pipeline) AND source_id = ANY(\(sourceIDs))
            """, prepared: true
        ) {
            (
                try $0("source_id", as: String.self),
                SourceState(
                    runID: try $0("run_id"), origin: try $0("origin"), adapter: try $0("adapter"),
                    optionsHash: try $0("options_hash"), sha256: try $0("sha256"), etag: try $0("etag"),
                    lastModified: try $0("last_modified"))
            )
        }
        return Dictionary(found, uniquingKeysWith: { a, _ in a })
    }

    /// The source's current records (those of the run its `source_state` points at); nil when it
    /// was never stored.
    public func currentRecordCount(pipeline: String, sourceID: String) async throws -> CurrentRecords? {
        try await rows(
            "counting the records of source '\(sourceID)'",
            """
            SELECT s.run_id,
                (SELECT COUNT(*) FROM observations o WHERE o.pipeline = s.pipeline AND o.source_id = s.source_id
                    AND o.run_id = s.run_id)
                + (SELECT COUNT(*) FROM goals g WHERE g.pipeline = s.pipeline AND g.source_id = s.source_id
                    AND g.run_id = s.run_id) AS n
            FROM source_state s WHERE s.pipeline = \(pipeline) AND s.source_id = \(sourceID)
            """
        ) { CurrentRecords(runID: try $0("run_id"), records: try $0("n", as: Int.self)) }.first
    }

    /// The current goals of a pipeline (see `currentRecords`).
    public func currentGoals(pipeline: String, sources: [String]?) async throws -> [StoredRecord] {
        try await current(table: "goals", pipeline: pipeline, sources: sources, filter: nil)
    }

    /// The current observations of a pipeline; with `matching`, only those whose indicator or subject
    /// is listed.
    public func currentObservations(
        pipeline: String, sources: [String]?, matching: RecordMatch?
    ) async throws -> [StoredRecord] {
        try await current(table: "observations", pipeline: pipeline, sources: sources, filter: matching)
    }

    private func current(
        table: String, pipeline: String, sources: [String]?, filter: RecordMatch?
    ) async throws -> [StoredRecord] {
        var sql = """
            SELECT t.* FROM \(table) t JOIN source_state s
              ON s.pipeline = t.pipeline AND s.source_id = t.source_id AND s.run_id = t.run_id
            WHERE t.pipeline = $1
            """
        var binds = PostgresBindings()
        binds.append(pipeline)
        if let filter {
            if filter.indicators.isEmpty && filter.subjects.isEmpty { return [] }
            binds.append(filter.indicators)
            binds.append(filter.subjects)
            sql += " AND (t.indicator = ANY($2) OR t.subject = ANY($3))"
        }
        if let sources {
            binds.append(sources)
            sql += " AND t.source_id = ANY($\(binds.count))"
        }
        sql += " ORDER BY t.id"
        let store = location
        return try await rows(
            "reading the current \(table) of '\(pipeline)'", PostgresQuery(unsafeSQL: sql, binds: binds)
        ) {
            try StoredRecord(row: $0, table: table, store: store)
        }
    }

    /// The health of one source of `pipeline`, from the runs' per-source outcomes and `source_state`.
    public func sourceHealth(pipeline: String, sourceID: String) async throws -> SourceHealth {
        let data = try await rows(
            "reading the state of source '\(sourceID)'",
            """
            SELECT s.run_id, r.started_at FROM source_state s JOIN runs r ON r.id = s.run_id
            WHERE s.pipeline = \(pipeline) AND s.source_id = \(sourceID)
            """
        ) { (id: try $0("run_id", as: Int64.self), startedAt: Date(timeIntervalSince1970: try $0("started_at"))) }.first
        let failures = try await rows(
            "reading the failures of source '\(sourceID)'",
            """
            SELECT rs.run_id, r.started_at, rs.error FROM run_sources rs JOIN runs r ON r.id = rs.run_id
            WHERE r.pipeline = \(pipeline) AND rs.source_id = \(sourceID) AND rs.status = 'failed'
              AND rs.run_id > COALESCE((SELECT MAX(g.run_id) FROM run_sources g JOIN runs gr ON gr.id = g.run_id
                  WHERE gr.pipeline = \(pipeline) AND g.source_id = \(sourceID) AND g.status IN ('stored', 'unchanged')), 0)
            ORDER BY rs.run_id
            """
        ) {
            (
                runID: try $0("run_id", as: Int64.self), startedAt: Date(timeIntervalSince1970: try $0("started_at")),
                error: try $0("error", as: String?.self)
            )
        }
        return SourceHealth(sourceID: sourceID, dataRun: data, failures: failures)
    }
}

/// Writes one source's records in its own transaction on its own connection (see `openSource`).
public actor PostgresRecordWriter: RecordWriter {
    /// Rows per multi-row INSERT: a goal row binds 24 values and PostgreSQL takes at most 65,535 a statement.
    static let rowsPerStatement = 1000
    private let store: PostgresStore
    private let connection: PostgresConnection
    nonisolated let info: SourceWriteInfo
    private let what: String
    private var counts = SourceWriteCounts()
    private var ended = false

    nonisolated var pipeline: String { info.pipeline }

    /// Rolls back and returns how many rows were appended.
    func abandon() async -> Int {
        guard !ended else { return 0 }
        let appended = counts.records
        await rollback()
        return appended
    }

    /// A writer dropped without `commit` or `rollback` closes its connection: the server rolls the
    /// transaction back.
    deinit {
        let connection = self.connection
        if !ended && !connection.isClosed { connection.close().whenComplete { _ in _ = connection } }
    }

    init(store: PostgresStore, connection: PostgresConnection, info: SourceWriteInfo, what: String) {
        self.store = store
        self.connection = connection
        self.info = info
        self.what = what
    }

    /// Writes records (already normalized) inside the source's transaction.
    public func append(_ records: [SourceRecord]) async throws {
        precondition(!ended, "append after commit or rollback")
        let observations = records.filter { $0.goal == nil }
        let goals = records.filter { $0.goal != nil }
        do {
            for (table, part) in [("observations", observations), ("goals", goals)] {
                for start in stride(from: 0, to: part.count, by: Self.rowsPerStatement) {
                    let rows = part[start..<min(start + Self.rowsPerStatement, part.count)]
                    try await connection.run(insert(into: table, rows), logger: store.logger)
                }
            }
        } catch {
            throw store.explained(error, what)
        }
        counts.observations += observations.count
        counts.goals += goals.count
    }

    /// Saves the source's state and commits: the records become current.
    public func commit() async throws -> SourceWriteCounts {
        precondition(!ended, "commit after commit or rollback")
        ended = true
        let info = self.info
        do {
            try await connection.run(
                """
                INSERT INTO source_state (pipeline, source_id, run_id, origin, adapter, options_hash, sha256, etag,
                    last_modified, updated_at)
                VALUES (\(info.pipeline), \(info.sourceID), \(info.runID), \(info.origin), \(info.adapter),
                    \(info.optionsHash), \(info.sha256), \(info.etag), \(info.lastModified), \(PostgresStore.now))
                ON CONFLICT (pipeline, source_id) DO UPDATE SET run_id = excluded.run_id, origin = excluded.origin,
                    adapter = excluded.adapter, options_hash = excluded.options_hash, sha256 = excluded.sha256,
                    etag = excluded.etag, last_modified = excluded.last_modified, updated_at = excluded.updated_at
                """, logger: store.logger)
            try await connection.run("COMMIT", logger: store.logger)
        } catch {
            _ = try? await connection.run("ROLLBACK", logger: store.logger)
            await store.connections.release(connection)
            await store.openWriters.remove(self, run: info.runID)
            throw store.explained(error, what)
        }
        await store.connections.release(connection)
        await store.openWriters.remove(self, run: info.runID)
        return counts
    }

    /// Rolls the transaction back: nothing appended is kept.
    public func rollback() async {
        guard !ended else { return }
        ended = true
        _ = try? await connection.run("ROLLBACK", logger: store.logger)
        await store.connections.release(connection)
        await store.openWriters.remove(self, run: info.runID)
    }

    /// The columns of a goal row (an observation row has all but `comparator`).
    static let goalColumns = [
        "run_id", "pipeline", "source_id", "subject", "indicator", "kind", "comparator", "value", "upper", "unit",
        "period", "region", "redacted", "text", "line", "col", "path", "\"row\"", "pointer", "page", "cell",
        "attributes", "origin", "sha256",
    ]

    /// One multi-row INSERT of records that are all goals or all observations.
    private func insert(into table: String, _ batch: ArraySlice<SourceRecord>) -> PostgresQuery {
        let columns = table == "goals" ? Self.goalColumns : Self.goalColumns.filter { $0 != "comparator" }
        var b = PostgresBindings(capacity: batch.count * columns.count)
        var values = ""
        values.reserveCapacity(batch.count * columns.count * 6)
        for (r, record) in batch.enumerated() {
            values += r == 0 ? "(" : ",("
            for c in 1...columns.count {
                values += c == 1 ? "$\(r * columns.count + c)" : ",$\(r * columns.count + c)"
            }
            values += ")"
            let q = record.quantity
            let l = record.location
            b.append(info.runID)
            b.append(info.pipeline)
            b.append(info.sourceID)
            b.append(record.subject)
            b.append(record.indicator)
            b.append(record.kind.rawValue)
            if let comparator = record.comparator { b.append(comparator.rawValue) }
            b.append(q.value)
            b.append(q.upper)
            b.append(q.unit)
            b.append(record.period.rawValue)
            b.append(record.region)
            b.append(record.redacted)
            b.append(record.text)
            b.append(l.line)
            b.append(l.column)
            b.append(l.path)
            b.append(l.row)
            b.append(l.pointer)
            b.append(l.page)
            b.append(l.cell)
            b.append(StoredAttributes.encode(record.attributes))
            b.append(info.origin)
            b.append(info.sha256)
        }
        return PostgresQuery(
            unsafeSQL: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES " + values, binds: b)
    }
}
