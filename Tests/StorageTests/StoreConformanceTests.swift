import Foundation
import GRDB
import IndicatorKit
import StorageTesting
import Testing

@testable import Storage

/// The one store conformance suite, on both stores this package ships.
@Suite struct StoreConformanceTests {
    /// Folders of the SQLite stores the suite made, removed at the end of each test.
    final class Folders: @unchecked Sendable {
        private let lock = NSLock()
        private var paths: [String] = []

        func make() throws -> String {
            let path = NSTemporaryDirectory() + "yardstick-conformance-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            lock.lock()
            paths.append(path)
            lock.unlock()
            return path
        }

        func removeAll() {
            lock.lock()
            defer { lock.unlock() }
            for p in paths { try? FileManager.default.removeItem(atPath: p) }
            paths.removeAll()
        }
    }

    @Test func sqliteStoreConforms() async throws {
        let folders = Folders()
        defer { folders.removeAll() }
        let suite = StoreConformance(
            name: "sqlite",
            makeStore: { try SQLiteStore(path: try folders.make() + "/db.sqlite") },
            overwriteCode: { store, table, row, column, code in
                let sqlite = try #require(store as? SQLiteStore)
                try sqlite.queue.write { db in
                    precondition(["goals", "observations"].contains(table) && ["kind", "comparator"].contains(column))
                    try db.execute(sql: "UPDATE \(table) SET \(column) = ? WHERE id = ?", arguments: [code, row])
                }
            },
            overwriteStatus: { store, table, run, code in
                let sqlite = try #require(store as? SQLiteStore)
                precondition(["runs", "run_sources", "fetches", "checks"].contains(table))
                let key = table == "runs" ? "id" : "run_id"
                try sqlite.queue.write { db in
                    try db.execute(sql: "UPDATE \(table) SET status = ? WHERE \(key) = ?", arguments: [code, run])
                }
            })
        try await suite.run()
    }

    @Test func memoryStoreConforms() async throws {
        try await StoreConformance(
            name: "memory", makeStore: { MemoryStore() },
            overwriteStatus: { store, table, run, code in
                try #require(store as? MemoryStore).overwriteStatus(table: table, runID: run, code: code)
            }
        ).run()
    }

    /// The suite can fail: a store that forgets to keep the earlier data current after a rollback
    /// is caught, by name.
    @Test func theSuiteCatchesAStoreThatLosesDataOnRollback() async throws {
        let suite = StoreConformance(name: "leaky", makeStore: { LeakyStore() })
        let found = await suite.violations()
        #expect(Set(found.map(\.check)).contains("rollback-keeps-previous-data"), "\(found)")
        #expect(StoreConformance.checkNames.contains("rollback-keeps-previous-data"))
    }
}

/// A memory store whose rollback commits instead: the suite must reject it.
final class LeakyStore: ResultStore, @unchecked Sendable {
    let inner = MemoryStore(name: "leaky")
    var location: String { inner.location }

    struct Writer: RecordWriter {
        let inner: any RecordWriter
        func append(_ records: [SourceRecord]) async throws { try await inner.append(records) }
        func commit() async throws -> SourceWriteCounts { try await inner.commit() }
        func rollback() async { _ = try? await inner.commit() }
    }

    func openSource(_ info: SourceWriteInfo) -> any RecordWriter { Writer(inner: inner.openSource(info)) }
    func beginRun(pipeline: String, file: String, host: String, pid: Int, fullRefresh: Bool) -> Int64 {
        inner.beginRun(pipeline: pipeline, file: file, host: host, pid: pid, fullRefresh: fullRefresh)
    }
    func finishRun(id: Int64, status: String, records: Int, summary: String?) throws {
        try inner.finishRun(id: id, status: status, records: records, summary: summary)
    }
    func markInterrupted(pipeline: String, exceptRun: Int64) -> [Int64] {
        inner.markInterrupted(pipeline: pipeline, exceptRun: exceptRun)
    }
    func discardUnfinished(pipeline: String, runs: [Int64]) -> Int {
        inner.discardUnfinished(pipeline: pipeline, runs: runs)
    }
    func recordSource(runID: Int64, _ outcome: RunSourceRecord) { inner.recordSource(runID: runID, outcome) }
    func recordFetch(runID: Int64, _ fetch: FetchRecord) { inner.recordFetch(runID: runID, fetch) }
    func runs(pipeline: String?, limit: Int) throws -> [RunRecord] { try inner.runs(pipeline: pipeline, limit: limit) }
    func run(id: Int64) throws -> RunRecord? { try inner.run(id: id) }
    func runSources(runID: Int64) throws -> [RunSourceRecord] { try inner.runSources(runID: runID) }
    func fetches(runID: Int64) throws -> [FetchRecord] { try inner.fetches(runID: runID) }
    func sourceState(pipeline: String, sourceID: String) -> SourceState? {
        inner.sourceState(pipeline: pipeline, sourceID: sourceID)
    }
    func currentRecordCount(pipeline: String, sourceID: String) -> CurrentRecords? {
        inner.currentRecordCount(pipeline: pipeline, sourceID: sourceID)
    }
    func sourceHealth(pipeline: String, sourceID: String) -> SourceHealth {
        inner.sourceHealth(pipeline: pipeline, sourceID: sourceID)
    }
    func currentGoals(pipeline: String, sources: [String]?) -> [StoredRecord] {
        inner.currentGoals(pipeline: pipeline, sources: sources)
    }
    func currentObservations(pipeline: String, sources: [String]?, matching: RecordMatch?) -> [StoredRecord] {
        inner.currentObservations(pipeline: pipeline, sources: sources, matching: matching)
    }
    func saveChecks(runID: Int64, pipeline: String, _ checks: [StoredCheck]) {
        inner.saveChecks(runID: runID, pipeline: pipeline, checks)
    }
    func checks(runID: Int64) throws -> [StoredCheck] { try inner.checks(runID: runID) }
    func latestCheckedRun(pipeline: String, before beforeRun: Int64?) -> Int64? {
        inner.latestCheckedRun(pipeline: pipeline, before: beforeRun)
    }
    func acquireLock(
        pipeline: String, host: String, pid: Int, staleAfter: TimeInterval, isAlive: @Sendable (Int) -> Bool
    ) throws -> LockHolder? {
        try inner.acquireLock(pipeline: pipeline, host: host, pid: pid, staleAfter: staleAfter, isAlive: isAlive)
    }
    func lockHolder(pipeline: String) -> LockHolder? { inner.lockHolder(pipeline: pipeline) }
    func heartbeat(pipeline: String, host: String, pid: Int, runID: Int64?) {
        inner.heartbeat(pipeline: pipeline, host: host, pid: pid, runID: runID)
    }
    func releaseLock(pipeline: String, host: String, pid: Int) {
        inner.releaseLock(pipeline: pipeline, host: host, pid: pid)
    }
}
