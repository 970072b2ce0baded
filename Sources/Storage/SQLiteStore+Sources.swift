import Foundation
import GRDB
import IndicatorKit

/// What the store needs to know about one source being written.
public struct SourceWriteInfo: Sendable {
    public var runID: Int64
    public var pipeline: String
    public var sourceID: String
    public var adapter: String
    public var origin: String
    public var sha256: String?
    /// A hash of the adapter name and options: a change re-reads the source even if its bytes did not change.
    public var optionsHash: String
    public var etag: String?
    public var lastModified: String?

    public init(
        runID: Int64, pipeline: String, sourceID: String, adapter: String, origin: String, sha256: String?,
        optionsHash: String, etag: String? = nil, lastModified: String? = nil
    ) {
        self.runID = runID
        self.pipeline = pipeline
        self.sourceID = sourceID
        self.adapter = adapter
        self.origin = origin
        self.sha256 = sha256
        self.optionsHash = optionsHash
        self.etag = etag
        self.lastModified = lastModified
    }
}

/// What a source's transaction stored.
public struct SourceWriteCounts: Sendable, Equatable {
    public var observations = 0
    public var goals = 0
    public var records: Int { observations + goals }

    public init(observations: Int = 0, goals: Int = 0) {
        self.observations = observations
        self.goals = goals
    }
}

/// The state that marks a source as read: what its last good data came from.
public struct SourceState: Sendable, Equatable {
    public var runID: Int64
    public var origin: String
    public var adapter: String
    public var optionsHash: String
    public var sha256: String?
    public var etag: String?
    public var lastModified: String?

    public init(
        runID: Int64, origin: String, adapter: String, optionsHash: String, sha256: String?, etag: String?,
        lastModified: String?
    ) {
        self.runID = runID
        self.origin = origin
        self.adapter = adapter
        self.optionsHash = optionsHash
        self.sha256 = sha256
        self.etag = etag
        self.lastModified = lastModified
    }
}

extension SQLiteStore {
    /// The writer of one source's records: each `append` is one short transaction, so other
    /// pipelines on the same file are not locked out while an adapter reads; `commit` writes the
    /// source's state, which makes the rows current.
    public func openSource(_ info: SourceWriteInfo) throws -> any RecordWriter {
        SQLiteRecordWriter(store: self, info: info)
    }

    /// Deletes the rows that runs of `pipeline` which ended before finishing (killed: `interrupted`,
    /// or `stopped` past the stop grace) left behind: rows of a source that run did not store. They
    /// were never current. Returns the number of rows deleted.
    @discardableResult
    public func discardUnfinished(pipeline: String, runs: [Int64]) throws -> Int {
        var deleted = 0
        for runID in runs {
            let sources = try queue.read { db in
                try String.fetchAll(
                    try db.cachedStatement(
                        sql: """
                            SELECT source_id FROM observations WHERE pipeline = ?1 AND run_id = ?2
                            UNION SELECT source_id FROM goals WHERE pipeline = ?1 AND run_id = ?2
                            EXCEPT SELECT source_id FROM run_sources WHERE run_id = ?2 AND status = 'stored'
                            EXCEPT SELECT source_id FROM source_state WHERE pipeline = ?1 AND run_id = ?2
                            """), arguments: [pipeline, runID])
            }
            for sourceID in sources {
                deleted += try deleteRows(pipeline: pipeline, sourceID: sourceID, runID: runID)
            }
        }
        return deleted
    }

    /// Deletes one run's rows of one source, a bounded transaction at a time.
    func deleteRows(pipeline: String, sourceID: String, runID: Int64) throws -> Int {
        var deleted = 0
        for table in ["observations", "goals"] {
            while true {
                let n = try write { db -> Int in
                    try db.execute(
                        sql: """
                            DELETE FROM \(table) WHERE id IN (SELECT id FROM \(table)
                                WHERE pipeline = ? AND source_id = ? AND run_id = ? LIMIT 5000)
                            """, arguments: [pipeline, sourceID, runID])
                    return db.changesCount
                }
                deleted += n
                if n == 0 { break }
            }
        }
        return deleted
    }

    /// The saved state of a pipeline's source, if it was ever stored.
    /// The states of `pipeline`'s sources among `sourceIDs`, in one query.
    public func sourceStates(pipeline: String, sourceIDs: [String]) throws -> [String: SourceState] {
        let wanted = Set(sourceIDs)
        return try queue.read { db in
            var states: [String: SourceState] = [:]
            let rows = try Row.fetchCursor(
                try db.cachedStatement(
                    sql: """
                        SELECT source_id, run_id, origin, adapter, options_hash, sha256, etag, last_modified
                        FROM source_state WHERE pipeline = ?
                        """), arguments: [pipeline])
            while let row = try rows.next() {
                let id: String = row["source_id"]
                guard wanted.contains(id) else { continue }
                states[id] = SourceState(
                    runID: row["run_id"], origin: row["origin"], adapter: row["adapter"],
                    optionsHash: row["options_hash"], sha256: row["sha256"], etag: row["etag"],
                    lastModified: row["last_modified"])
            }
            return states
        }
    }

    public func sourceState(pipeline: String, sourceID: String) throws -> SourceState? {
        try queue.read { db in
            try Row.fetchOne(
                try db.cachedStatement(
                    sql: """
                        SELECT run_id, origin, adapter, options_hash, sha256, etag, last_modified
                        FROM source_state WHERE pipeline = ? AND source_id = ?
                        """), arguments: [pipeline, sourceID]
            ).map {
                SourceState(
                    runID: $0["run_id"], origin: $0["origin"], adapter: $0["adapter"], optionsHash: $0["options_hash"],
                    sha256: $0["sha256"], etag: $0["etag"], lastModified: $0["last_modified"])
            }
        }
    }
}

/// Writes one source's records, each append its own short transaction (see `openSource`).
final class SQLiteRecordWriter: SynchronousRecordWriter, @unchecked Sendable {
    private let store: SQLiteStore
    private let info: SourceWriteInfo
    private let lock = NSLock()
    private var wroteRows = false
    private var counts = SourceWriteCounts()

    init(store: SQLiteStore, info: SourceWriteInfo) {
        self.store = store
        self.info = info
    }

    func append(_ records: [SourceRecord]) throws {
        try appendNow(records)
    }

    func appendNow(_ records: [SourceRecord]) throws {
        lock.lock()
        defer { lock.unlock() }
        guard !records.isEmpty else { return }
        try store.write { db in try insert(records, db) }
    }

    private func insert(_ batch: [SourceRecord], _ db: Database) throws {
        let info = self.info
        var added = SourceWriteCounts()
        wroteRows = true
        let obs = try db.cachedStatement(
            sql: """
                INSERT INTO observations (run_id, pipeline, source_id, subject, indicator, kind, value, upper, unit,
                    period, region, redacted, text, line, col, path, row, pointer, page, cell, attributes, origin, sha256)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                """)
        let goal = try db.cachedStatement(
            sql: """
                INSERT INTO goals (run_id, pipeline, source_id, subject, indicator, kind, comparator, value, upper,
                    unit, period, region, redacted, text, line, col, path, row, pointer, page, cell, attributes, origin,
                    sha256)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                """)
        for record in batch {
            let q = record.quantity
            let l = record.location
            let attrs = StoredAttributes.encode(record.attributes)
            switch record {
            case .observation(let o):
                try obs.execute(arguments: [
                    info.runID, info.pipeline, info.sourceID, o.subject, o.indicator, o.kind.rawValue,
                    q.value, q.upper, q.unit, o.period.rawValue, o.region, o.redacted, o.text,
                    l.line, l.column, l.path, l.row, l.pointer, l.page, l.cell, attrs, info.origin, info.sha256,
                ])
                added.observations += 1
            case .goal(let g):
                try goal.execute(arguments: [
                    info.runID, info.pipeline, info.sourceID, g.subject, g.indicator, g.kind.rawValue,
                    g.comparator.rawValue, q.value, q.upper, q.unit, g.period.rawValue, g.region, g.redacted,
                    g.text, l.line, l.column, l.path, l.row, l.pointer, l.page, l.cell, attrs, info.origin, info.sha256,
                ])
                added.goals += 1
            }
        }
        counts.observations += added.observations
        counts.goals += added.goals
    }

    /// Makes the source's rows of this run current: one transaction that writes its state.
    func commit() throws -> SourceWriteCounts {
        lock.lock()
        defer { lock.unlock() }
        let info = self.info
        try store.write { db in
            try db.cachedStatement(
                sql: """
                    INSERT INTO source_state (pipeline, source_id, run_id, origin, adapter, options_hash, sha256, etag,
                        last_modified, updated_at)
                    VALUES (?,?,?,?,?,?,?,?,?,?)
                    ON CONFLICT(pipeline, source_id) DO UPDATE SET run_id = excluded.run_id, origin = excluded.origin,
                        adapter = excluded.adapter, options_hash = excluded.options_hash, sha256 = excluded.sha256,
                        etag = excluded.etag, last_modified = excluded.last_modified, updated_at = excluded.updated_at
                    """
            ).execute(arguments: [
                info.pipeline, info.sourceID, info.runID, info.origin, info.adapter, info.optionsHash, info.sha256,
                info.etag, info.lastModified, Date().timeIntervalSince1970,
            ])
        }
        return counts
    }

    /// Deletes the rows already written (never current).
    func rollback() {
        lock.lock()
        defer { lock.unlock() }
        counts = SourceWriteCounts()
        guard wroteRows else { return }
        // If this fails (say on a full disk) the rows stay, but source_state never points to them.
        _ = try? store.deleteRows(pipeline: info.pipeline, sourceID: info.sourceID, runID: info.runID)
    }
}
