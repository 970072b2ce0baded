import Foundation
import IndicatorKit

/// A `ResultStore` held in memory, for the runner's tests and one-off runs that keep nothing.
///
/// It keeps the same contract as the SQLite store (the conformance suite runs on both); its
/// writers are asynchronous (not `SynchronousRecordWriter`), so `writeSource`'s asynchronous path
/// is exercised too. Everything is behind one lock.
public final class MemoryStore: ResultStore, @unchecked Sendable {
    public let location: String

    private let lock = NSLock()
    private var nextID: Int64 = 1
    private var runRows: [RunRecord] = []
    private var sourceRows: [Int64: [RunSourceRecord]] = [:]
    private var fetchRows: [Int64: [FetchRecord]] = [:]
    private var goalRows: [Row] = []
    private var observationRows: [Row] = []
    private var states: [Key: SourceState] = [:]
    private var checkRows: [(runID: Int64, pipeline: String, check: StoredCheck)] = []
    private var locks: [String: LockHolder] = [:]

    struct Key: Hashable {
        var pipeline: String
        var sourceID: String
    }

    /// A stored record with the columns the queries use.
    struct Row {
        var stored: StoredRecord
        var pipeline: String
    }

    public init(name: String = "memory") {
        location = name
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    private func newID() -> Int64 {
        defer { nextID += 1 }
        return nextID
    }

    // MARK: Runs

    public func beginRun(pipeline: String, file: String, host: String, pid: Int, fullRefresh: Bool) -> Int64 {
        locked {
            let id = newID()
            runRows.append(
                RunRecord(
                    id: id, pipeline: pipeline, pipelineFile: file, startedAt: Date(), finishedAt: nil,
                    status: "running", records: 0, host: host, pid: pid, fullRefresh: fullRefresh, summary: nil))
            return id
        }
    }

    public func finishRun(id: Int64, status: String, records: Int, summary: String?) throws {
        try locked {
            guard let i = runRows.firstIndex(where: { $0.id == id }) else {
                throw StoreError(.notFound, "\(location): no run \(id)")
            }
            runRows[i].finishedAt = Date()
            runRows[i].status = status
            runRows[i].records = records
            runRows[i].summary = summary
        }
    }

    public func markInterrupted(pipeline: String, exceptRun: Int64) -> [Int64] {
        locked {
            var ids: [Int64] = []
            for i in runRows.indices
            where runRows[i].pipeline == pipeline && runRows[i].status == "running" && runRows[i].id != exceptRun {
                runRows[i].status = "interrupted"
                ids.append(runRows[i].id)
            }
            return ids
        }
    }

    public func discardUnfinished(pipeline: String, runs: [Int64]) -> Int {
        locked {
            var deleted = 0
            for runID in runs {
                let stored = Set((sourceRows[runID] ?? []).filter { $0.status == "stored" }.map(\.sourceID))
                let current = Set(
                    states.filter { $0.key.pipeline == pipeline && $0.value.runID == runID }.map(\.key.sourceID))
                func keep(_ row: Row) -> Bool {
                    row.pipeline != pipeline || row.stored.runID != runID
                        || stored.contains(row.stored.provenance.sourceID)
                        || current.contains(row.stored.provenance.sourceID)
                }
                let before = goalRows.count + observationRows.count
                goalRows.removeAll { !keep($0) }
                observationRows.removeAll { !keep($0) }
                deleted += before - goalRows.count - observationRows.count
            }
            return deleted
        }
    }

    public func recordSource(runID: Int64, _ outcome: RunSourceRecord) {
        locked {
            var list = sourceRows[runID] ?? []
            if let i = list.firstIndex(where: { $0.sourceID == outcome.sourceID }) {
                list[i] = outcome
            } else {
                list.append(outcome)
            }
            sourceRows[runID] = list
        }
    }

    public func recordFetch(runID: Int64, _ fetch: FetchRecord) {
        locked { fetchRows[runID, default: []].append(fetch) }
    }

    public func runs(pipeline: String?, limit: Int) throws -> [RunRecord] {
        try locked {
            try runRows.reversed().filter { pipeline == nil || $0.pipeline == pipeline }.prefix(limit).map(checked)
        }
    }

    public func run(id: Int64) throws -> RunRecord? {
        try locked { try runRows.first { $0.id == id }.map(checked) }
    }

    public func runSources(runID: Int64) throws -> [RunSourceRecord] {
        try locked {
            try (sourceRows[runID] ?? []).map {
                _ = try SourceStatus.stored(
                    $0.status, table: "run_sources", row: "run \(runID), source '\($0.sourceID)'", store: location)
                return $0
            }
        }
    }

    public func fetches(runID: Int64) throws -> [FetchRecord] {
        try locked {
            try (fetchRows[runID] ?? []).enumerated().map { i, fetch in
                _ = try FetchStatus.stored(
                    fetch.status, table: "fetches", row: "run \(runID), #\(i + 1)", store: location)
                return fetch
            }
        }
    }

    /// `run` after checking its status code, as the SQLite store reads it back.
    private func checked(_ run: RunRecord) throws -> RunRecord {
        _ = try RunStatus.stored(run.status, table: "runs", row: String(run.id), store: location)
        return run
    }

    /// Sets the status of run `runID` (table "runs"), or of all its source outcomes ("run_sources"),
    /// fetches ("fetches") or checks ("checks"), to `code` without checking it: what a newer build or
    /// a hand edit could leave in a database, for the conformance suite's unknown-status check.
    func overwriteStatus(table: String, runID: Int64, code: String) {
        locked {
            switch table {
            case "runs":
                for i in runRows.indices where runRows[i].id == runID { runRows[i].status = code }
            case "run_sources":
                for i in (sourceRows[runID] ?? []).indices { sourceRows[runID]![i].status = code }
            case "fetches":
                for i in (fetchRows[runID] ?? []).indices { fetchRows[runID]![i].status = code }
            case "checks":
                for i in checkRows.indices where checkRows[i].runID == runID { checkRows[i].check.status = code }
            default:
                preconditionFailure("overwriteStatus: no status column in table '\(table)'")
            }
        }
    }

    // MARK: Sources

    public func openSource(_ info: SourceWriteInfo) -> any RecordWriter {
        MemoryRecordWriter(store: self, info: info)
    }

    /// Adds records under `info`'s run (not current until `commitSource`).
    func insert(_ records: [SourceRecord], _ info: SourceWriteInfo) -> SourceWriteCounts {
        locked {
            var counts = SourceWriteCounts()
            for record in records {
                let provenance = Provenance(
                    sourceID: info.sourceID, origin: info.origin, sha256: info.sha256, location: record.location,
                    text: record.text)
                let row = Row(
                    stored: StoredRecord(id: newID(), runID: info.runID, record: record, provenance: provenance),
                    pipeline: info.pipeline)
                switch record {
                case .goal:
                    goalRows.append(row)
                    counts.goals += 1
                case .observation:
                    observationRows.append(row)
                    counts.observations += 1
                }
            }
            return counts
        }
    }

    func commitSource(_ info: SourceWriteInfo) {
        locked {
            states[Key(pipeline: info.pipeline, sourceID: info.sourceID)] = SourceState(
                runID: info.runID, origin: info.origin, adapter: info.adapter, optionsHash: info.optionsHash,
                sha256: info.sha256, etag: info.etag, lastModified: info.lastModified)
        }
    }

    func deleteRows(_ info: SourceWriteInfo) {
        locked {
            func mine(_ row: Row) -> Bool {
                row.pipeline == info.pipeline && row.stored.runID == info.runID
                    && row.stored.provenance.sourceID == info.sourceID
            }
            goalRows.removeAll(where: mine)
            observationRows.removeAll(where: mine)
        }
    }

    public func sourceState(pipeline: String, sourceID: String) -> SourceState? {
        locked { states[Key(pipeline: pipeline, sourceID: sourceID)] }
    }

    public func currentRecordCount(pipeline: String, sourceID: String) -> CurrentRecords? {
        locked {
            guard let state = states[Key(pipeline: pipeline, sourceID: sourceID)] else { return nil }
            let n = (goalRows + observationRows).filter {
                $0.pipeline == pipeline && $0.stored.provenance.sourceID == sourceID && $0.stored.runID == state.runID
            }.count
            return CurrentRecords(runID: state.runID, records: n)
        }
    }

    public func sourceHealth(pipeline: String, sourceID: String) -> SourceHealth {
        locked {
            let runsOfPipeline = runRows.filter { $0.pipeline == pipeline }
            let started = Dictionary(runsOfPipeline.map { ($0.id, $0.startedAt) }, uniquingKeysWith: { a, _ in a })
            let dataRun = states[Key(pipeline: pipeline, sourceID: sourceID)].flatMap { state in
                started[state.runID].map { (id: state.runID, startedAt: $0) }
            }
            let outcomes = runsOfPipeline.sorted { $0.id < $1.id }.compactMap { run in
                sourceRows[run.id]?.first { $0.sourceID == sourceID }.map { (run: run, outcome: $0) }
            }
            let lastGood =
                outcomes.filter { ["stored", "unchanged"].contains($0.outcome.status) }.map(\.run.id).max() ?? 0
            let failures = outcomes.filter { $0.outcome.status == "failed" && $0.run.id > lastGood }.map {
                (runID: $0.run.id, startedAt: $0.run.startedAt, error: $0.outcome.error)
            }
            return SourceHealth(sourceID: sourceID, dataRun: dataRun, failures: failures)
        }
    }

    // MARK: Current records

    private func current(_ rows: [Row], pipeline: String, sources: [String]?) -> [StoredRecord] {
        rows.filter { row in
            guard row.pipeline == pipeline else { return false }
            let sourceID = row.stored.provenance.sourceID
            if let sources, !sources.contains(sourceID) { return false }
            return states[Key(pipeline: pipeline, sourceID: sourceID)]?.runID == row.stored.runID
        }.map(\.stored)
    }

    public func currentGoals(pipeline: String, sources: [String]?) -> [StoredRecord] {
        locked { current(goalRows, pipeline: pipeline, sources: sources) }
    }

    public func currentObservations(pipeline: String, sources: [String]?, matching: RecordMatch?) -> [StoredRecord] {
        locked {
            current(observationRows, pipeline: pipeline, sources: sources).filter {
                matching?.matches(indicator: $0.record.indicator, subject: $0.record.subject) ?? true
            }
        }
    }

    // MARK: Checks

    public func saveChecks(runID: Int64, pipeline: String, _ checks: [StoredCheck]) {
        locked { checkRows += checks.map { (runID: runID, pipeline: pipeline, check: $0) } }
    }

    public func checks(runID: Int64) throws -> [StoredCheck] {
        try locked {
            try checkRows.filter { $0.runID == runID }.enumerated().map { i, row in
                _ = try CheckStatus.stored(
                    row.check.status, table: "checks", row: "run \(runID), #\(i + 1)", store: location)
                return row.check
            }
        }
    }

    public func latestCheckedRun(pipeline: String, before beforeRun: Int64?) -> Int64? {
        locked {
            checkRows.filter { $0.pipeline == pipeline && $0.runID < (beforeRun ?? Int64.max) }.map(\.runID).max()
        }
    }

    // MARK: Locks

    public func acquireLock(
        pipeline: String, host: String, pid: Int, staleAfter: TimeInterval, isAlive: @Sendable (Int) -> Bool
    ) throws -> LockHolder? {
        try locked {
            let now = Date()
            let mine = LockHolder(
                host: host, pid: pid, runID: nil, startedAt: now, heartbeatAt: now,
                processStart: ProcessStatus.startTicks(of: pid))
            guard var current = locks[pipeline] else {
                locks[pipeline] = mine
                return nil
            }
            guard
                let reason = LockTakeover.reason(
                    toTakeOver: current, host: host, pid: pid, staleAfter: staleAfter, now: now, isAlive: isAlive)
            else {
                throw LockTakeover.heldError(pipeline: pipeline, holder: current, staleAfter: staleAfter)
            }
            current.observedAt = now
            current.takeoverReason = reason
            locks[pipeline] = mine
            return current
        }
    }

    public func lockHolder(pipeline: String) -> LockHolder? {
        locked { locks[pipeline] }
    }

    public func heartbeat(pipeline: String, host: String, pid: Int, runID: Int64?) {
        locked {
            guard var holder = locks[pipeline], holder.host == host, holder.pid == pid else { return }
            holder.heartbeatAt = Date()
            if let runID { holder.runID = runID }
            locks[pipeline] = holder
        }
    }

    public func releaseLock(pipeline: String, host: String, pid: Int) {
        locked {
            guard let holder = locks[pipeline], holder.host == host, holder.pid == pid else { return }
            locks[pipeline] = nil
        }
    }
}

extension MemoryStore {
    /// Every current record of a pipeline, goals first (as `SQLiteStore.currentRecords`).
    public func currentRecords(pipeline: String, sources: [String]? = nil) throws -> [StoredRecord] {
        currentGoals(pipeline: pipeline, sources: sources)
            + currentObservations(pipeline: pipeline, sources: sources, matching: nil)
    }

    /// Recent runs, newest first (as `SQLiteStore.runs`).
    public func runs(pipeline: String? = nil) throws -> [RunRecord] {
        try runs(pipeline: pipeline, limit: 20)
    }

    /// Rows of "observations", "goals", "checks" or "runs", optionally of one run and source (as
    /// `SQLiteStore.count`).
    public func count(_ table: String, runID: Int64? = nil, sourceID: String? = nil) throws -> Int {
        locked {
            switch table {
            case "observations", "goals":
                return (table == "goals" ? goalRows : observationRows).filter {
                    (runID == nil || $0.stored.runID == runID)
                        && (sourceID == nil || $0.stored.provenance.sourceID == sourceID)
                }.count
            case "checks":
                return checkRows.filter { runID == nil || $0.runID == runID }.count
            case "runs":
                return runRows.filter { runID == nil || $0.id == runID }.count
            default:
                preconditionFailure("count: no table '\(table)' (observations, goals, checks, runs)")
            }
        }
    }
}

extension MemoryStore: BlockingLockCalls {
    public func heartbeatNow(pipeline: String, host: String, pid: Int, runID: Int64?) {
        heartbeat(pipeline: pipeline, host: host, pid: pid, runID: runID)
    }

    public func releaseLockNow(pipeline: String, host: String, pid: Int) {
        releaseLock(pipeline: pipeline, host: host, pid: pid)
    }

    public func finishRunNow(id: Int64, status: String, records: Int, summary: String?) throws {
        try finishRun(id: id, status: status, records: records, summary: summary)
    }
}

/// The writer of one source in a `MemoryStore`.
final class MemoryRecordWriter: RecordWriter, @unchecked Sendable {
    private let store: MemoryStore
    private let info: SourceWriteInfo
    private let lock = NSLock()
    private var counts = SourceWriteCounts()

    init(store: MemoryStore, info: SourceWriteInfo) {
        self.store = store
        self.info = info
    }

    func append(_ records: [SourceRecord]) async throws {
        let added = store.insert(records, info)
        lock.withLock {
            counts.goals += added.goals
            counts.observations += added.observations
        }
    }

    func commit() async throws -> SourceWriteCounts {
        store.commitSource(info)
        return lock.withLock { counts }
    }

    func rollback() async {
        store.deleteRows(info)
        lock.withLock { counts = SourceWriteCounts() }
    }
}
