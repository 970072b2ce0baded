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
}

extension Store {
    /// Streams one source's records into the store inside one transaction.
    ///
    /// `body` receives a sink and runs the adapter. When it returns, the records and the source's new
    /// state (`source_state`) commit together; when it throws, everything it wrote rolls back and the
    /// source's last good data stays current. `transform` is applied to every record before it is stored
    /// (normalization).
    public func writeSource(
        _ info: SourceWriteInfo, transform: @escaping @Sendable (IndicatorKit.Record) -> IndicatorKit.Record = { $0 },
        _ body: (RecordSink) async throws -> Void
    ) async throws -> SourceWriteCounts {
        let writer = SourceWriter(queue: queue, info: info, transform: transform)
        try writer.begin()
        do {
            try await body(writer.sink)
            try writer.commit()
        } catch {
            writer.rollback()
            throw error
        }
        return writer.counts
    }

    /// The saved state of a pipeline's source, if it was ever stored.
    public func sourceState(pipeline: String, sourceID: String) throws -> SourceState? {
        try queue.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT run_id, origin, adapter, options_hash, sha256, etag, last_modified
                    FROM source_state WHERE pipeline = ? AND source_id = ?
                    """, arguments: [pipeline, sourceID]
            ).map {
                SourceState(
                    runID: $0["run_id"], origin: $0["origin"], adapter: $0["adapter"], optionsHash: $0["options_hash"],
                    sha256: $0["sha256"], etag: $0["etag"], lastModified: $0["last_modified"])
            }
        }
    }
}

/// Writes one source's records in batches within a transaction that spans the adapter's run.
final class SourceWriter: @unchecked Sendable {
    private let queue: DatabaseQueue
    private let info: SourceWriteInfo
    private let transform: @Sendable (Record) -> Record
    private let lock = NSLock()
    private var pending: [Record] = []
    private(set) var counts = SourceWriteCounts()
    private static let batchSize = 512

    init(queue: DatabaseQueue, info: SourceWriteInfo, transform: @escaping @Sendable (Record) -> Record) {
        self.queue = queue
        self.info = info
        self.transform = transform
        pending.reserveCapacity(Self.batchSize)
    }

    var sink: RecordSink {
        RecordSink { [self] record in
            try add(transform(record))
        }
    }

    func begin() throws {
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
        }
    }

    private func add(_ record: Record) throws {
        lock.lock()
        defer { lock.unlock() }
        pending.append(record)
        if pending.count >= Self.batchSize { try flushLocked() }
    }

    private func flushLocked() throws {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        let info = self.info
        var added = SourceWriteCounts()
        try queue.writeWithoutTransaction { db in
            let obs = try db.cachedStatement(
                sql: """
                    INSERT INTO observations (run_id, pipeline, source_id, subject, indicator, kind, value, upper, unit,
                        period, region, redacted, text, line, col, path, row, pointer, page, cell, attributes, origin, sha256)
                    VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                    """)
            let goal = try db.cachedStatement(
                sql: """
                    INSERT INTO goals (run_id, pipeline, source_id, subject, indicator, kind, comparator, value, upper,
                        unit, period, region, redacted, text, line, col, path, row, pointer, page, cell, attributes, origin, sha256)
                    VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                    """)
            for record in batch {
                let q = record.quantity
                let l = record.location
                let attrs = record.attributes.isEmpty ? nil : Store.encodeAttributes(record.attributes)
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
        }
        counts.observations += added.observations
        counts.goals += added.goals
    }

    func commit() throws {
        lock.lock()
        defer { lock.unlock() }
        try flushLocked()
        let info = self.info
        try queue.writeWithoutTransaction { db in
            try db.execute(
                sql: """
                    INSERT INTO source_state (pipeline, source_id, run_id, origin, adapter, options_hash, sha256, etag,
                        last_modified, updated_at)
                    VALUES (?,?,?,?,?,?,?,?,?,?)
                    ON CONFLICT(pipeline, source_id) DO UPDATE SET run_id = excluded.run_id, origin = excluded.origin,
                        adapter = excluded.adapter, options_hash = excluded.options_hash, sha256 = excluded.sha256,
                        etag = excluded.etag, last_modified = excluded.last_modified, updated_at = excluded.updated_at
                    """,
                arguments: [
                    info.pipeline, info.sourceID, info.runID, info.origin, info.adapter, info.optionsHash, info.sha256,
                    info.etag, info.lastModified, Date().timeIntervalSince1970,
                ])
            try db.execute(sql: "COMMIT")
        }
    }

    func rollback() {
        lock.lock()
        defer { lock.unlock() }
        pending.removeAll()
        counts = SourceWriteCounts()
        try? queue.writeWithoutTransaction { db in
            if db.isInsideTransaction { try db.execute(sql: "ROLLBACK") }
        }
    }
}

extension Store {
    static func encodeAttributes(_ attributes: [String: String]) -> String {
        var out = "{"
        for (i, key) in attributes.keys.sorted().enumerated() {
            if i > 0 { out += "," }
            JSONText.appendString(key, to: &out)
            out += ":"
            JSONText.appendString(attributes[key]!, to: &out)
        }
        return out + "}"
    }

    static func decodeAttributes(_ text: String?) -> [String: String] {
        guard let text, let data = text.data(using: .utf8),
            let dict = try? JSONDecoder().decode([String: String].self, from: data)
        else { return [:] }
        return dict
    }
}
