import Foundation
import IndicatorKit
import Storage

/// The contract every `ResultStore` keeps, as one call each implementation's tests make.
///
/// ```swift
/// @Test func conforms() async throws {
///     try await StoreConformance(name: "memory") { MemoryStore() }.run()
/// }
/// ```
///
/// Every check gets a fresh store from `makeStore` and throws nothing itself: what it finds wrong is
/// collected, and `run()` throws a `StoreConformanceFailure` naming every check that failed and what
/// it saw. The kit depends on no test framework.
public struct StoreConformance: Sendable {
    /// A name for messages ("sqlite", "postgres").
    public var name: String
    /// A new, empty store. Called once per check.
    public var makeStore: @Sendable () async throws -> any ResultStore
    /// Overwrites one stored column of one row with `code`, bypassing the store's API, so the
    /// unknown-code check can see the store refuse it: (store, table "goals" or "observations",
    /// row id, column "kind" or "comparator", code). Nil skips that check (an in-memory store keeps
    /// typed values and has no codes to corrupt).
    public var overwriteCode: (@Sendable (any ResultStore, String, Int64, String, String) async throws -> Void)?
    /// Overwrites the `status` column with `code`, bypassing the store's API, so the unknown-status
    /// check can see the store refuse it: (store, table, run id, code), where table "runs" means that
    /// run's row and "run_sources", "fetches" or "checks" every row of that run. Nil skips that check.
    public var overwriteStatus: (@Sendable (any ResultStore, String, Int64, String) async throws -> Void)?

    public init(
        name: String, makeStore: @escaping @Sendable () async throws -> any ResultStore,
        overwriteCode: (@Sendable (any ResultStore, String, Int64, String, String) async throws -> Void)? = nil,
        overwriteStatus: (@Sendable (any ResultStore, String, Int64, String) async throws -> Void)? = nil
    ) {
        self.name = name
        self.makeStore = makeStore
        self.overwriteCode = overwriteCode
        self.overwriteStatus = overwriteStatus
    }

    /// The checks, by name, in the order they run.
    public static let checkNames: [String] = checks.map(\.name)

    typealias Check = (name: String, body: @Sendable (any ResultStore, Recorder) async throws -> Void)

    static let checks: [Check] = [
        ("runs-begin-and-finish", runsBeginAndFinish),
        ("runs-list-newest-first", runsListNewestFirst),
        ("run-sources-replace-by-source", runSourcesReplaceBySource),
        ("fetches-round-trip", fetchesRoundTrip),
        ("record-outcomes-fetches-and-ending-together", recordTogether),
        ("start-run-marks-the-interrupted", startRunMarksInterrupted),
        ("start-run-notes-the-lock-and-a-stopped-run", startRunNotesTheLockAndAStoppedRun),
        ("source-states-together", sourceStatesTogether),
        ("records-round-trip", recordsRoundTrip),
        ("commit-makes-current", commitMakesCurrent),
        ("rollback-keeps-previous-data", rollbackKeepsPreviousData),
        ("store-error-rolls-back", storeErrorRollsBack),
        ("source-state", sourceStateIsSaved),
        ("current-filters", currentFilters),
        ("interrupted-runs-discarded", interruptedRunsDiscarded),
        ("checks-and-latest-checked-run", checksAndLatestCheckedRun),
        ("source-health", sourceHealth),
        ("lock-held-and-released", lockHeldAndReleased),
        ("lock-takeover", lockTakeover),
        ("lock-one-winner", lockOneWinner),
    ]

    /// Runs every check and throws `StoreConformanceFailure` when any failed.
    public func run() async throws {
        let found = await violations()
        if !found.isEmpty { throw StoreConformanceFailure(store: name, violations: found) }
    }

    /// Runs every check and returns what failed (empty when the store conforms).
    public func violations() async -> [StoreConformanceViolation] {
        var found: [StoreConformanceViolation] = []
        var all = Self.checks
        if let overwriteCode {
            all.append(
                ("unknown-code-is-an-error", { store, r in try await Self.unknownCode(store, r, overwriteCode) }))
        }
        if let overwriteStatus {
            all.append(
                ("unknown-status-is-an-error", { store, r in try await Self.unknownStatus(store, r, overwriteStatus) })
            )
        }
        for check in all {
            let recorder = Recorder(check: check.name)
            do {
                let store = try await makeStore()
                try await check.body(store, recorder)
            } catch {
                recorder.fail("threw \(error)")
            }
            found += recorder.violations
        }
        return found
    }
}

/// Everything a store got wrong in a `StoreConformance` run.
public struct StoreConformanceFailure: Error, Sendable, CustomStringConvertible {
    public var store: String
    public var violations: [StoreConformanceViolation]

    /// The names of the checks that failed, without repeats.
    public var checks: Set<String> { Set(violations.map(\.check)) }

    public var description: String {
        (["store '\(store)' failed \(violations.count) conformance check\(violations.count == 1 ? "" : "s"):"]
            + violations.map { "  - \($0)" }).joined(separator: "\n")
    }
}

/// One thing a check saw that breaks the contract.
public struct StoreConformanceViolation: Sendable, Hashable, CustomStringConvertible {
    /// The check's name (`StoreConformance.checkNames`).
    public var check: String
    public var message: String
    public var description: String { "[\(check)] \(message)" }
}

/// Collects a check's failures.
final class Recorder: @unchecked Sendable {
    let check: String
    private let lock = NSLock()
    private var found: [StoreConformanceViolation] = []

    init(check: String) { self.check = check }

    var violations: [StoreConformanceViolation] {
        lock.lock()
        defer { lock.unlock() }
        return found
    }

    func fail(_ message: String) {
        lock.lock()
        found.append(StoreConformanceViolation(check: check, message: message))
        lock.unlock()
    }

    /// Records a failure unless `condition` holds.
    func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fail(message()) }
    }

    func expectEqual<T: Equatable>(_ seen: T, _ wanted: T, _ what: String) {
        if seen != wanted { fail("\(what): got \(seen), expected \(wanted)") }
    }
}

/// An error a check throws from inside a source to see it roll back.
struct PlannedFailure: Error, CustomStringConvertible {
    var description: String { "planned failure" }
}

/// A record writer that fails on its second append, to see a store error roll a source back.
struct FailingSecondAppend: RecordWriter {
    let inner: any RecordWriter
    let appends = Counter()

    func append(_ records: [SourceRecord]) async throws {
        if appends.next() == 2 { throw PlannedFailure() }
        try await inner.append(records)
    }

    func commit() async throws -> SourceWriteCounts { try await inner.commit() }
    func rollback() async { await inner.rollback() }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        n += 1
        return n
    }
}

// MARK: - Records used by the checks

extension StoreConformance {
    static let host = "conformance-host"

    static func info(_ run: Int64, pipeline: String = "p", source: String = "s", sha: String? = "sha-1")
        -> SourceWriteInfo
    {
        SourceWriteInfo(
            runID: run, pipeline: pipeline, sourceID: source, adapter: "csv", origin: "/data/\(source).csv",
            sha256: sha, optionsHash: "options-\(source)", etag: "\"e-\(run)\"",
            lastModified: "Tue, 01 Dec 2026 00:00:00 GMT")
    }

    static func observation(_ subject: String, _ value: Double, indicator: String? = nil, line: Int = 1)
        -> SourceRecord
    {
        .observation(
            Observation(
                subject: subject, indicator: indicator, kind: .level, quantity: Quantity(value: value, unit: "万元"),
                period: Period(year: 2022), location: SourceLocation(line: line)))
    }

    /// One record of each shape, with every field set, to see it read back equal.
    static let samples: [SourceRecord] = [
        .goal(
            Goal(
                subject: "生产总值", indicator: "gdp", kind: .growth, comparator: .about,
                quantity: Quantity(value: 5.5, unit: "%"), period: Period(year: 2022), region: "中国", redacted: false,
                text: "国内生产总值增长5.5%左右", location: SourceLocation(line: 3, column: 9), attributes: ["cue": "左右"])),
        .goal(
            Goal(
                subject: "居民消费价格", indicator: "cpi", kind: .growth, comparator: .range,
                quantity: Quantity(value: 2, upper: 3, unit: "%"), period: Period(parsing: "2022-01/2022-09")!,
                location: SourceLocation(path: "/a/b", row: 4, pointer: "/x/0", page: 2, cell: 7))),
        .goal(
            Goal(
                subject: "粮食产量", kind: .level, comparator: .atLeast, quantity: Quantity(value: 1.3, unit: "万亿斤"),
                period: Period(year: 2022), redacted: true)),
        .observation(
            Observation(
                subject: "GDP_GROWTH", indicator: "gdp", kind: .growth, quantity: Quantity(value: 3, unit: "%"),
                period: Period(year: 2022), region: "CN", location: SourceLocation(line: 40, path: "/message/Obs"),
                attributes: ["OBS_STATUS": "A", "UNIT_MULT": "0"])),
        .observation(
            Observation(
                subject: "城镇调查失业率", kind: .share, quantity: Quantity(value: nil, unit: "%"),
                period: Period(parsing: "2022-Q3")!, redacted: true, text: "***")),
        .observation(
            Observation(
                subject: "期末值", kind: .change, quantity: Quantity(value: -1.25, unit: "万人"),
                period: Period(unchecked: "FY2022/23"), location: SourceLocation(row: 9))),
    ]

    static func write(
        _ store: any ResultStore, _ info: SourceWriteInfo, _ records: [SourceRecord], batchSize: Int = 1000
    ) async throws -> SourceWriteCounts {
        try await store.writeSource(info, batchSize: batchSize) { sink in
            for r in records { try sink.emit(r) }
        }
    }

    static func subjects(_ records: [StoredRecord]) -> [String] { records.map(\.record.subject) }
}

// MARK: - The checks

extension StoreConformance {
    static func runsBeginAndFinish(_ store: any ResultStore, _ r: Recorder) async throws {
        let before = Date().addingTimeInterval(-1)
        let id = try await store.beginRun(
            pipeline: "p", file: "/pipelines/p.yaml", host: host, pid: 42, fullRefresh: true)
        let started = try await store.run(id: id)
        r.expectEqual(started?.status, "running", "status of a begun run")
        r.expectEqual(started?.pipeline, "p", "pipeline")
        r.expectEqual(started?.pipelineFile, "/pipelines/p.yaml", "pipeline file")
        r.expectEqual(started?.host, host, "host")
        r.expectEqual(started?.pid, 42, "pid")
        r.expectEqual(started?.fullRefresh, true, "fullRefresh")
        r.expect(
            started?.finishedAt == nil, "a begun run has no finishedAt, got \(String(describing: started?.finishedAt))")
        r.expect(
            (started?.startedAt ?? .distantPast) >= before,
            "startedAt is now, got \(String(describing: started?.startedAt))")
        try await store.finishRun(id: id, status: "partial", records: 12, summary: "{\"met\":1}")
        let finished = try await store.run(id: id)
        r.expectEqual(finished?.status, "partial", "status after finishRun")
        r.expectEqual(finished?.records, 12, "records after finishRun")
        r.expectEqual(finished?.summary, "{\"met\":1}", "summary after finishRun")
        r.expect(finished?.finishedAt != nil, "finishRun sets finishedAt")
        let second = try await store.beginRun(pipeline: "p", file: "f", host: host, pid: 42, fullRefresh: false)
        r.expect(second > id, "a later run has a larger id: \(second) after \(id)")
        r.expect(try await store.run(id: second + 1000) == nil, "run(id:) of an unknown id is nil")
    }

    static func runsListNewestFirst(_ store: any ResultStore, _ r: Recorder) async throws {
        var ids: [Int64] = []
        for pipeline in ["a", "b", "a", "a"] {
            ids.append(try await store.beginRun(pipeline: pipeline, file: "f", host: host, pid: 1, fullRefresh: false))
        }
        r.expectEqual(try await store.runs(pipeline: nil, limit: 20).map(\.id), ids.reversed(), "runs(), newest first")
        r.expectEqual(
            try await store.runs(pipeline: "a", limit: 20).map(\.id), [ids[3], ids[2], ids[0]], "runs(pipeline: a)")
        r.expectEqual(
            try await store.runs(pipeline: "a", limit: 2).map(\.id), [ids[3], ids[2]], "runs(pipeline: a, limit: 2)")
        r.expect(try await store.runs(pipeline: "none", limit: 20).isEmpty, "runs of an unknown pipeline are empty")
    }

    static func runSourcesReplaceBySource(_ store: any ResultStore, _ r: Recorder) async throws {
        let run = try await store.beginRun(pipeline: "p", file: "f", host: host, pid: 1, fullRefresh: false)
        try await store.recordSource(
            runID: run, RunSourceRecord(sourceID: "x", adapter: "csv", origin: "o", status: "failed", error: "boom"))
        try await store.recordSource(
            runID: run,
            RunSourceRecord(
                sourceID: "y", adapter: "json", origin: "o2", status: "stored", records: 3, observations: 2, goals: 1,
                bytes: 99, seconds: 0.5, sha256: "h"))
        try await store.recordSource(
            runID: run, RunSourceRecord(sourceID: "x", adapter: "csv", origin: "o", status: "unchanged"))
        let sources = try await store.runSources(runID: run)
        r.expectEqual(sources.map(\.sourceID).sorted(), ["x", "y"], "sources of the run (one outcome each)")
        let x = sources.first { $0.sourceID == "x" }
        r.expectEqual(x?.status, "unchanged", "a second outcome of a source replaces the first")
        r.expectEqual(x?.error, nil, "the replaced outcome's error")
        r.expectEqual(
            sources.first { $0.sourceID == "y" },
            RunSourceRecord(
                sourceID: "y", adapter: "json", origin: "o2", status: "stored", records: 3, observations: 2, goals: 1,
                bytes: 99, seconds: 0.5, sha256: "h"), "every field of an outcome")
        r.expect(try await store.runSources(runID: run + 1000).isEmpty, "an unknown run has no sources")
    }

    static func fetchesRoundTrip(_ store: any ResultStore, _ r: Recorder) async throws {
        let run = try await store.beginRun(pipeline: "p", file: "f", host: host, pid: 1, fullRefresh: false)
        let full = FetchRecord(
            sourceID: "web", origin: "http://127.0.0.1/x", sha256: "abc", bytes: 10, status: "fetched", httpStatus: 200,
            mediaType: "text/csv", charset: "utf-8", etag: "\"1\"", lastModified: "yesterday", cachePath: "/c/abc",
            error: nil)
        let notModified = FetchRecord(
            sourceID: "web2", origin: "o", sha256: nil, bytes: 0, status: "not-modified", httpStatus: 304)
        try await store.recordFetch(runID: run, full)
        try await store.recordFetch(runID: run, notModified)
        r.expectEqual(try await store.fetches(runID: run), [full, notModified], "fetches of the run")
    }

    /// `record`: outcomes (a source given twice keeps its last), fetches and the run's end at once.
    static func recordTogether(_ store: any ResultStore, _ r: Recorder) async throws {
        let run = try await store.beginRun(pipeline: "p", file: "f", host: host, pid: 1, fullRefresh: false)
        let y = RunSourceRecord(
            sourceID: "y", adapter: "json", origin: "o2", status: "stored", records: 3, observations: 2, goals: 1,
            bytes: 99, seconds: 0.5, sha256: "h")
        let checks = RunSourceRecord(sourceID: "#checks", adapter: "", origin: "", status: "unchanged")
        let fetch = FetchRecord(
            sourceID: "y", origin: "http://127.0.0.1/y", sha256: "h", bytes: 99, status: "fetched", httpStatus: 200,
            mediaType: "application/json", charset: nil, etag: "\"e\"", lastModified: nil, cachePath: "/c/h",
            error: "a note, with \"quotes\" and 中文")
        let other = FetchRecord(sourceID: "z", origin: "o", sha256: nil, bytes: 0, status: "failed", error: "gone")
        try await store.record(
            runID: run,
            sources: [
                RunSourceRecord(sourceID: "x", adapter: "csv", origin: "o", status: "failed", error: "boom"), y,
                RunSourceRecord(sourceID: "x", adapter: "csv", origin: "o", status: "unchanged"),
            ],
            fetches: [fetch, other], finish: nil)
        r.expectEqual(
            try await store.run(id: run)?.status, "running", "a record without an ending leaves the run running")
        try await store.record(
            runID: run, sources: [checks], fetches: [],
            finish: RunEnding(status: "succeeded", records: 3, summary: "{\"met\":1}"))
        let sources = try await store.runSources(runID: run)
        r.expectEqual(sources.map(\.sourceID).sorted(), ["#checks", "x", "y"], "one outcome per source")
        r.expectEqual(
            sources.first { $0.sourceID == "x" }?.status, "unchanged", "the last outcome of a source given twice")
        r.expectEqual(sources.first { $0.sourceID == "y" }, y, "every field of an outcome")
        r.expectEqual(sources.last?.sourceID, "#checks", "outcomes in the order recorded")
        r.expectEqual(try await store.fetches(runID: run), [fetch, other], "every field of the fetches, in order")
        let ended = try await store.run(id: run)
        r.expectEqual(ended?.status, "succeeded", "the run's end")
        r.expectEqual(ended?.records, 3, "the run's records")
        r.expectEqual(ended?.summary, "{\"met\":1}", "the run's summary")
        r.expect(ended?.finishedAt != nil, "the run's end time")
    }

    /// `startRun`: a new run, and the pipeline's runs left running marked interrupted (not another
    /// pipeline's).
    static func startRunMarksInterrupted(_ store: any ResultStore, _ r: Recorder) async throws {
        let left = try await store.beginRun(pipeline: "p", file: "f", host: host, pid: 1, fullRefresh: false)
        let elsewhere = try await store.beginRun(pipeline: "q", file: "f", host: host, pid: 1, fullRefresh: false)
        let started = try await store.startRun(pipeline: "p", file: "f", host: host, pid: 2, fullRefresh: true)
        r.expect(started.id > elsewhere, "a new run id")
        r.expectEqual(started.interrupted, [left], "the runs of the pipeline left running")
        r.expectEqual(try await store.run(id: left)?.status, "interrupted", "the left run's status")
        r.expectEqual(try await store.run(id: elsewhere)?.status, "running", "another pipeline's run")
        let run = try await store.run(id: started.id)
        r.expectEqual(run?.status, "running", "the new run's status")
        r.expectEqual(run?.fullRefresh, true, "the new run's full refresh")
        let again = try await store.startRun(pipeline: "p", file: "f", host: host, pid: 3, fullRefresh: false)
        r.expectEqual(again.interrupted, [started.id], "the run before it, only")
        r.expectEqual(again.stoppedBefore, nil, "no stopped run before it")
    }

    /// `startRun` notes the new run on the pipeline's lock (as `heartbeat` does) and names the run
    /// before it when that one was stopped, and only then.
    static func startRunNotesTheLockAndAStoppedRun(_ store: any ResultStore, _ r: Recorder) async throws {
        r.expect(
            try await store.acquireLock(pipeline: "p", host: host, pid: 7, staleAfter: 60) { _ in true } == nil,
            "a free lock")
        let first = try await store.startRun(pipeline: "p", file: "f", host: host, pid: 7, fullRefresh: false)
        r.expectEqual(try await store.lockHolder(pipeline: "p")?.runID, first.id, "the run on the lock")
        r.expectEqual(first.stoppedBefore, nil, "no run before the first")
        try await store.finishRun(id: first.id, status: "stopped", records: 0, summary: nil)
        let second = try await store.startRun(pipeline: "p", file: "f", host: host, pid: 7, fullRefresh: false)
        r.expectEqual(second.stoppedBefore, first.id, "the stopped run before it")
        r.expectEqual(second.interrupted, [], "a stopped run is not marked interrupted")
        r.expectEqual(try await store.run(id: first.id)?.status, "stopped", "the stopped run's status")
        r.expectEqual(try await store.lockHolder(pipeline: "p")?.runID, second.id, "the new run on the lock")
        try await store.finishRun(id: second.id, status: "succeeded", records: 0, summary: nil)
        let third = try await store.startRun(pipeline: "p", file: "f", host: host, pid: 7, fullRefresh: false)
        r.expectEqual(third.stoppedBefore, nil, "the run before it succeeded")
        let other = try await store.startRun(pipeline: "q", file: "f", host: host, pid: 7, fullRefresh: false)
        r.expectEqual(other.stoppedBefore, nil, "another pipeline's stopped run is not its own")
        r.expectEqual(
            try await store.lockHolder(pipeline: "p")?.runID, third.id, "another pipeline's run leaves the lock")
        try await store.releaseLock(pipeline: "p", host: host, pid: 7)
    }

    /// `sourceStates`: the stored states among the ids asked for, in one call.
    static func sourceStatesTogether(_ store: any ResultStore, _ r: Recorder) async throws {
        let run = try await store.beginRun(pipeline: "p", file: "f", host: host, pid: 1, fullRefresh: false)
        _ = try await write(store, info(run), [observation("x", 1)])
        _ = try await write(store, info(run, source: "t"), [observation("y", 2)])
        _ = try await write(store, info(run, pipeline: "other", source: "u"), [observation("z", 3)])
        let states = try await store.sourceStates(pipeline: "p", sourceIDs: ["t", "u", "missing", info(run).sourceID])
        r.expectEqual(states.keys.sorted(), [info(run).sourceID, "t"].sorted(), "the stored sources asked for")
        r.expectEqual(
            states["t"], try await store.sourceState(pipeline: "p", sourceID: "t"), "the same state as sourceState")
        r.expect(try await store.sourceStates(pipeline: "p", sourceIDs: []).isEmpty, "no ids, no states")
    }

    static func recordsRoundTrip(_ store: any ResultStore, _ r: Recorder) async throws {
        let run = try await store.beginRun(pipeline: "p", file: "f", host: host, pid: 1, fullRefresh: false)
        let counts = try await write(store, info(run), samples, batchSize: 2)
        r.expectEqual(counts, SourceWriteCounts(observations: 3, goals: 3), "counts of the written source")
        let goals = try await store.currentGoals(pipeline: "p", sources: nil)
        let observations = try await store.currentObservations(pipeline: "p", sources: nil, matching: nil)
        r.expectEqual(goals.map(\.record), samples.filter { $0.goal != nil }, "goals read back")
        r.expectEqual(observations.map(\.record), samples.filter { $0.observation != nil }, "observations read back")
        for stored in goals + observations {
            r.expectEqual(stored.runID, run, "runID of \(stored.record.subject)")
            r.expectEqual(
                stored.provenance,
                Provenance(
                    sourceID: "s", origin: "/data/s.csv", sha256: "sha-1", location: stored.record.location,
                    text: stored.record.text), "provenance of \(stored.record.subject)")
        }
        for (table, rows) in [("goals", goals), ("observations", observations)] {
            r.expectEqual(Set(rows.map(\.id)).count, rows.count, "distinct row ids among the \(table)")
        }
        r.expect(goals.map(\.id) == goals.map(\.id).sorted(), "goals come in the order stored: ids \(goals.map(\.id))")
    }

    static func commitMakesCurrent(_ store: any ResultStore, _ r: Recorder) async throws {
        let run1 = try await store.beginRun(pipeline: "p", file: "f", host: host, pid: 1, fullRefresh: false)
        _ = try await write(store, info(run1), (0..<5).map { observation("old-\($0)", 1) }, batchSize: 2)
        let run2 = try await store.beginRun(pipeline: "p", file: "f", host: host, pid: 1, fullRefresh: false)
        let writer = try await store.openSource(info(run2, sha: "sha-2"))
        try await writer.append([observation("new", 2)])
        r.expectEqual(
            subjects(try await store.currentObservations(pipeline: "p", sources: nil, matching: nil)),
            (0..<5).map { "old-\($0)" }, "current data while the next run's source is being written")
        r.expectEqual(
            try await store.sourceState(pipeline: "p", sourceID: "s")?.runID, run1, "source state before commit")
        let counts = try await writer.commit()
        r.expectEqual(counts.records, 1, "records committed")
        r.expectEqual(
            subjects(try await store.currentObservations(pipeline: "p", sources: nil, matching: nil)), ["new"],
            "current data after the commit")
        r.expectEqual(
            try await store.currentRecordCount(pipeline: "p", sourceID: "s"), CurrentRecords(runID: run2, records: 1),
            "currentRecordCount after the commit")
        r.expectEqual(
            try await store.sourceState(pipeline: "p", sourceID: "s")?.runID, run2, "source state after commit")
        // An empty source commits too: its current data is then nothing.
        let run3 = try await store.beginRun(pipeline: "p", file: "f", host: host, pid: 1, fullRefresh: false)
        _ = try await write(store, info(run3), [])
        r.expectEqual(
            try await store.currentRecordCount(pipeline: "p", sourceID: "s"), CurrentRecords(runID: run3, records: 0),
            "currentRecordCount after an empty commit")
    }

    static func rollbackKeepsPreviousData(_ store: any ResultStore, _ r: Recorder) async throws {
        let run1 = try await store.beginRun(pipeline: "p", file: "f", host: host, pid: 1, fullRefresh: false)
        _ = try await write(store, info(run1), [observation("kept", 1)])
        let run2 = try await store.beginRun(pipeline: "p", file: "f", host: host, pid: 1, fullRefresh: false)
        do {
            _ = try await store.writeSource(info(run2, sha: "sha-2"), batchSize: 2) { sink in
                for i in 0..<7 { try sink.emit(observation("lost-\(i)", 2)) }
                throw PlannedFailure()
            }
            r.fail("writeSource did not rethrow the body's error")
        } catch is PlannedFailure {}
        r.expectEqual(
            subjects(try await store.currentObservations(pipeline: "p", sources: nil, matching: nil)), ["kept"],
            "current data after a source failed")
        r.expectEqual(
            try await store.sourceState(pipeline: "p", sourceID: "s")?.sha256, "sha-1", "source state after a failure")
        // Nothing of the failed source is left under its run: discarding finds nothing to delete.
        try await store.finishRun(id: run2, status: "failed", records: 0, summary: nil)
        r.expectEqual(
            try await store.discardUnfinished(pipeline: "p", runs: [run2]), 0,
            "rows left behind by a rolled-back source")
    }

    static func storeErrorRollsBack(_ store: any ResultStore, _ r: Recorder) async throws {
        let run1 = try await store.beginRun(pipeline: "p", file: "f", host: host, pid: 1, fullRefresh: false)
        _ = try await write(store, info(run1), [observation("kept", 1)])
        let run2 = try await store.beginRun(pipeline: "p", file: "f", host: host, pid: 1, fullRefresh: false)
        let writer = FailingSecondAppend(inner: try await store.openSource(info(run2, sha: "sha-2")))
        do {
            try await writer.append([observation("a", 2)])
            try await writer.append([observation("b", 2)])
            r.fail("the failing writer did not fail")
        } catch is PlannedFailure {
            await writer.rollback()
        }
        r.expectEqual(
            subjects(try await store.currentObservations(pipeline: "p", sources: nil, matching: nil)), ["kept"],
            "current data after the store failed mid-source")
        r.expectEqual(
            try await store.discardUnfinished(pipeline: "p", runs: [run2]), 0,
            "rows left behind by a writer rolled back after a store error")
    }

    static func sourceStateIsSaved(_ store: any ResultStore, _ r: Recorder) async throws {
        r.expect(try await store.sourceState(pipeline: "p", sourceID: "s") == nil, "no state before the first commit")
        r.expect(
            try await store.currentRecordCount(pipeline: "p", sourceID: "s") == nil, "no count before the first commit")
        let run = try await store.beginRun(pipeline: "p", file: "f", host: host, pid: 1, fullRefresh: false)
        _ = try await write(store, info(run), [observation("x", 1)])
        r.expectEqual(
            try await store.sourceState(pipeline: "p", sourceID: "s"),
            SourceState(
                runID: run, origin: "/data/s.csv", adapter: "csv", optionsHash: "options-s", sha256: "sha-1",
                etag: "\"e-\(run)\"", lastModified: "Tue, 01 Dec 2026 00:00:00 GMT"), "state after a commit")
        r.expect(try await store.sourceState(pipeline: "other", sourceID: "s") == nil, "state is per pipeline")
        // All of a pipeline's states at once: the ones asked for that exist, as `sourceState` reads them.
        _ = try await write(store, info(run, source: "t"), [observation("y", 2)])
        _ = try await write(store, info(run, pipeline: "other", source: "u"), [observation("z", 3)])
        let states = try await store.sourceStates(pipeline: "p", sourceIDs: ["s", "t", "never"])
        r.expectEqual(states.keys.sorted(), ["s", "t"], "sourceStates: the sources of the pipeline that have a state")
        r.expectEqual(
            states["t"], try await store.sourceState(pipeline: "p", sourceID: "t"), "sourceStates equals sourceState")
        r.expectEqual(
            try await store.sourceStates(pipeline: "p", sourceIDs: ["s"]).keys.sorted(), ["s"],
            "sourceStates: only the sources asked for")
    }

    static func currentFilters(_ store: any ResultStore, _ r: Recorder) async throws {
        let run = try await store.beginRun(pipeline: "p", file: "f", host: host, pid: 1, fullRefresh: false)
        _ = try await write(
            store, info(run, source: "one"),
            [observation("GDP", 1, indicator: "gdp"), observation("CPI", 2, indicator: "cpi"), observation("其他", 3)])
        _ = try await write(store, info(run, source: "two"), [observation("GDP2", 4, indicator: "gdp")])
        let other = try await store.beginRun(pipeline: "q", file: "f", host: host, pid: 1, fullRefresh: false)
        _ = try await write(store, info(other, pipeline: "q", source: "one"), [observation("GDP", 9, indicator: "gdp")])
        func observed(_ sources: [String]?, _ match: RecordMatch?) async throws -> [String] {
            subjects(try await store.currentObservations(pipeline: "p", sources: sources, matching: match))
        }
        r.expectEqual(try await observed(nil, nil), ["GDP", "CPI", "其他", "GDP2"], "every current observation of p")
        r.expectEqual(try await observed(["two"], nil), ["GDP2"], "sources: [two]")
        r.expectEqual(
            try await observed(nil, RecordMatch(indicators: ["gdp"], subjects: [])), ["GDP", "GDP2"], "matching gdp")
        r.expectEqual(
            try await observed(nil, RecordMatch(indicators: ["cpi"], subjects: ["其他"])), ["CPI", "其他"],
            "matching an indicator or a subject")
        r.expectEqual(try await observed(nil, RecordMatch(indicators: [], subjects: [])), [], "matching nothing")
        r.expect(try await store.currentGoals(pipeline: "p", sources: nil).isEmpty, "goals of a pipeline without goals")
    }

    static func interruptedRunsDiscarded(_ store: any ResultStore, _ r: Recorder) async throws {
        let good = try await store.beginRun(pipeline: "p", file: "f", host: host, pid: 1, fullRefresh: false)
        _ = try await write(store, info(good), [observation("good", 1)])
        try await store.finishRun(id: good, status: "succeeded", records: 1, summary: nil)
        // A run killed while writing: rows appended, never committed, run left 'running'.
        let killed = try await store.beginRun(pipeline: "p", file: "f", host: host, pid: 2, fullRefresh: false)
        let writer = try await store.openSource(info(killed, sha: "sha-2"))
        try await writer.append([observation("half-1", 2), observation("half-2", 2)])
        let otherPipeline = try await store.beginRun(pipeline: "q", file: "f", host: host, pid: 3, fullRefresh: false)
        let next = try await store.beginRun(pipeline: "p", file: "f", host: host, pid: 4, fullRefresh: false)
        r.expectEqual(
            try await store.markInterrupted(pipeline: "p", exceptRun: next), [killed], "runs marked interrupted")
        r.expectEqual(try await store.run(id: killed)?.status, "interrupted", "status of the killed run")
        r.expectEqual(try await store.run(id: next)?.status, "running", "status of the run that marked it")
        r.expectEqual(try await store.run(id: otherPipeline)?.status, "running", "status of another pipeline's run")
        r.expectEqual(try await store.discardUnfinished(pipeline: "p", runs: [killed]), 2, "rows discarded")
        r.expectEqual(
            subjects(try await store.currentObservations(pipeline: "p", sources: nil, matching: nil)), ["good"],
            "current data after discarding")
        r.expectEqual(
            try await store.discardUnfinished(pipeline: "p", runs: [good]), 0, "a committed source is never discarded")
    }

    static func checksAndLatestCheckedRun(_ store: any ResultStore, _ r: Recorder) async throws {
        let run1 = try await store.beginRun(pipeline: "p", file: "f", host: host, pid: 1, fullRefresh: false)
        _ = try await write(store, info(run1), samples)
        let goalIDs = try await store.currentGoals(pipeline: "p", sources: nil).map(\.id)
        let checks = [
            StoredCheck(
                goalID: goalIDs[0], subject: "生产总值", indicator: "gdp", status: "missed", target: 5.5, actual: 3,
                unit: "%", margin: -2.5, attainment: 0.545455),
            StoredCheck(
                goalID: goalIDs[1], subject: "居民消费价格", indicator: nil, status: "no_data", target: nil, actual: nil,
                unit: nil, margin: nil, attainment: nil),
        ]
        try await store.saveChecks(runID: run1, pipeline: "p", checks)
        let run2 = try await store.beginRun(pipeline: "p", file: "f", host: host, pid: 1, fullRefresh: false)
        let run3 = try await store.beginRun(pipeline: "p", file: "f", host: host, pid: 1, fullRefresh: false)
        try await store.saveChecks(runID: run3, pipeline: "p", [checks[0]])
        r.expectEqual(try await store.checks(runID: run1), checks, "checks of run 1, in order")
        r.expect(try await store.checks(runID: run2).isEmpty, "a run without checks")
        r.expectEqual(try await store.latestCheckedRun(pipeline: "p", before: nil), run3, "latest checked run")
        r.expectEqual(
            try await store.latestCheckedRun(pipeline: "p", before: run3), run1, "latest checked run before run 3")
        r.expectEqual(
            try await store.latestCheckedRun(pipeline: "p", before: run1), nil, "latest checked run before run 1")
        r.expectEqual(try await store.latestCheckedRun(pipeline: "q", before: nil), nil, "another pipeline's")
    }

    static func sourceHealth(_ store: any ResultStore, _ r: Recorder) async throws {
        let never = try await store.sourceHealth(pipeline: "p", sourceID: "s")
        r.expect(never.dataRun == nil && !never.isFailing, "health of a source never read: \(never)")
        let run1 = try await store.beginRun(pipeline: "p", file: "f", host: host, pid: 1, fullRefresh: false)
        _ = try await write(store, info(run1), [observation("x", 1)])
        try await store.recordSource(
            runID: run1, RunSourceRecord(sourceID: "s", adapter: "csv", origin: "o", status: "stored"))
        var ids: [Int64] = []
        for _ in 0..<2 {
            let run = try await store.beginRun(pipeline: "p", file: "f", host: host, pid: 1, fullRefresh: false)
            try await store.recordSource(
                runID: run,
                RunSourceRecord(sourceID: "s", adapter: "csv", origin: "o", status: "failed", error: "e\(run)"))
            ids.append(run)
        }
        let failing = try await store.sourceHealth(pipeline: "p", sourceID: "s")
        r.expectEqual(failing.dataRun?.id, run1, "the run the failing source's data is from")
        r.expectEqual(failing.failures.map(\.runID), ids, "failures since the last good read")
        r.expectEqual(failing.failures.last?.error, "e\(ids[1])", "the last failure's error")
        let run4 = try await store.beginRun(pipeline: "p", file: "f", host: host, pid: 1, fullRefresh: false)
        try await store.recordSource(
            runID: run4, RunSourceRecord(sourceID: "s", adapter: "csv", origin: "o", status: "unchanged"))
        let healed = try await store.sourceHealth(pipeline: "p", sourceID: "s")
        r.expect(!healed.isFailing, "an unchanged read ends the failures, got \(healed.failures.map(\.runID))")
    }

    static func lockHeldAndReleased(_ store: any ResultStore, _ r: Recorder) async throws {
        let me = Int(ProcessInfo.processInfo.processIdentifier)
        let alive: @Sendable (Int) -> Bool = { _ in true }
        let first = try await store.acquireLock(pipeline: "p", host: host, pid: me, staleAfter: 3600, isAlive: alive)
        r.expect(first == nil, "a free lock is taken without a previous holder, got \(String(describing: first))")
        let holder = try await store.lockHolder(pipeline: "p")
        r.expectEqual(holder?.host, host, "holder's host")
        r.expectEqual(holder?.pid, me, "holder's pid")
        r.expectEqual(holder?.runID, nil, "holder's run before a heartbeat names it")
        r.expectEqual(holder?.processStart, ProcessStatus.of(me).startTicks, "holder's process start")
        do {
            _ = try await store.acquireLock(pipeline: "p", host: host, pid: me + 1, staleAfter: 3600, isAlive: alive)
            r.fail("a second process on the same host took a lock whose holder is alive")
        } catch let error as StoreError {
            r.expectEqual(error.code, .lockHeld, "error code for a held lock")
            r.expect(
                error.message.contains("pid \(me) on \(host)"), "the lock-held error names the holder: \(error.message)"
            )
        }
        do {
            _ = try await store.acquireLock(pipeline: "p", host: "elsewhere", pid: 7, staleAfter: 3600, isAlive: alive)
            r.fail("a process on another host took a lock whose heartbeat is fresh")
        } catch let error as StoreError {
            r.expectEqual(error.code, .lockHeld, "error code for a held lock (other host)")
        }
        let other = try await store.acquireLock(
            pipeline: "q", host: host, pid: me + 1, staleAfter: 3600, isAlive: alive)
        r.expect(other == nil, "locks are per pipeline")
        try await store.heartbeat(pipeline: "p", host: host, pid: me, runID: 17)
        r.expectEqual(try await store.lockHolder(pipeline: "p")?.runID, 17, "heartbeat names the run")
        try await store.heartbeat(pipeline: "p", host: host, pid: me, runID: nil)
        r.expectEqual(try await store.lockHolder(pipeline: "p")?.runID, 17, "a heartbeat without a run keeps it")
        try await store.releaseLock(pipeline: "p", host: host, pid: me + 5)
        r.expect(try await store.lockHolder(pipeline: "p") != nil, "release by a non-holder leaves the lock")
        try await store.releaseLock(pipeline: "p", host: host, pid: me)
        r.expect(try await store.lockHolder(pipeline: "p") == nil, "release frees the lock")
        let again = try await store.acquireLock(
            pipeline: "p", host: host, pid: me + 1, staleAfter: 3600, isAlive: alive)
        r.expect(again == nil, "a released lock is taken without a previous holder")
    }

    static func lockTakeover(_ store: any ResultStore, _ r: Recorder) async throws {
        let alive: @Sendable (Int) -> Bool = { _ in true }
        let gone: @Sendable (Int) -> Bool = { _ in false }
        _ = try await store.acquireLock(pipeline: "p", host: host, pid: 1001, staleAfter: 3600, isAlive: alive)
        try await store.heartbeat(pipeline: "p", host: host, pid: 1001, runID: 5)
        let previous = try await store.acquireLock(
            pipeline: "p", host: host, pid: 1002, staleAfter: 3600, isAlive: gone)
        r.expectEqual(previous?.pid, 1001, "previous holder after taking over a gone process's lock")
        r.expectEqual(previous?.runID, 5, "previous holder's run")
        r.expect(
            previous?.takeoverReason?.contains("no longer running") == true,
            "takeover reason for a gone process: \(String(describing: previous?.takeoverReason))")
        r.expectEqual(try await store.lockHolder(pipeline: "p")?.pid, 1002, "holder after the takeover")
        r.expectEqual(try await store.lockHolder(pipeline: "p")?.runID, nil, "the new holder has no run yet")
        // Another host: the heartbeat's age decides (staleAfter 0: any age is stale).
        try await Task.sleep(for: .milliseconds(20))
        let stale = try await store.acquireLock(pipeline: "p", host: "elsewhere", pid: 9, staleAfter: 0, isAlive: alive)
        r.expectEqual(stale?.pid, 1002, "previous holder after a stale takeover from another host")
        r.expect(
            stale?.takeoverReason?.contains("heartbeat") == true,
            "takeover reason for a stale heartbeat: \(String(describing: stale?.takeoverReason))")
        r.expectEqual(try await store.lockHolder(pipeline: "p")?.host, "elsewhere", "holder's host after the takeover")
    }

    static func lockOneWinner(_ store: any ResultStore, _ r: Recorder) async throws {
        let alive: @Sendable (Int) -> Bool = { _ in true }
        let winners = await withTaskGroup(of: Bool.self) { group -> Int in
            for pid in 2001...2008 {
                group.addTask {
                    do {
                        _ = try await store.acquireLock(
                            pipeline: "race", host: host, pid: pid, staleAfter: 3600, isAlive: alive)
                        return true
                    } catch {
                        return false
                    }
                }
            }
            var n = 0
            for await won in group where won { n += 1 }
            return n
        }
        r.expectEqual(winners, 1, "processes holding the lock after eight tried at once")
    }

    static func unknownCode(
        _ store: any ResultStore, _ r: Recorder,
        _ overwrite: @Sendable (any ResultStore, String, Int64, String, String) async throws -> Void
    ) async throws {
        let run = try await store.beginRun(pipeline: "p", file: "f", host: host, pid: 1, fullRefresh: false)
        _ = try await write(store, info(run), samples)
        let goal = try await store.currentGoals(pipeline: "p", sources: nil)[0].id
        try await overwrite(store, "goals", goal, "comparator", "about-ish")
        try await expectUnknownCode(
            r, "about-ish", in: "goals row \(goal)", of: "comparator",
            readBack: "a goal with comparator code 'about-ish'"
        ) { _ = try await store.currentGoals(pipeline: "p", sources: nil) }
        let observation = try await store.currentObservations(pipeline: "p", sources: nil, matching: nil)[0].id
        try await overwrite(store, "observations", observation, "kind", "levle")
        try await expectUnknownCode(
            r, "levle", in: "observations row \(observation)", of: "kind",
            readBack: "an observation with kind code 'levle'"
        ) { _ = try await store.currentObservations(pipeline: "p", sources: nil, matching: nil) }
    }

    /// Expects `read` to refuse a stored `code` (of the `what` of `row`, "goals row 3") with
    /// `.unknownStoredValue`, naming the row and the code; `readBack` says what was read back if it does not.
    static func expectUnknownCode(
        _ r: Recorder, _ code: String, in row: String, of what: String, readBack: String,
        _ read: () async throws -> Void
    ) async throws {
        do {
            try await read()
            r.fail("\(readBack) was read back")
        } catch let error as StoreError {
            r.expectEqual(error.code, .unknownStoredValue, "error code for an unknown \(what)")
            r.expect(
                error.message.contains(row) && error.message.contains(code),
                "the error names the table, row and code: \(error.message)")
        }
    }

    static func unknownStatus(
        _ store: any ResultStore, _ r: Recorder,
        _ overwrite: @Sendable (any ResultStore, String, Int64, String) async throws -> Void
    ) async throws {
        let run = try await store.beginRun(pipeline: "p", file: "f", host: host, pid: 1, fullRefresh: false)
        _ = try await write(store, info(run), samples)
        try await store.recordSource(
            runID: run, RunSourceRecord(sourceID: "s", adapter: "csv", origin: "o", status: "stored"))
        try await store.recordFetch(
            runID: run, FetchRecord(sourceID: "s", origin: "o", sha256: "sha-1", bytes: 3, status: "fetched"))
        let goal = try await store.currentGoals(pipeline: "p", sources: nil)[0].id
        try await store.saveChecks(
            runID: run, pipeline: "p",
            [
                StoredCheck(
                    goalID: goal, subject: "生产总值", indicator: "gdp", status: "met", target: 5.5, actual: 6,
                    unit: "%", margin: 0.5, attainment: 1.09)
            ])
        try await store.finishRun(id: run, status: "succeeded", records: 2, summary: nil)
        // Each read must refuse the code, naming the table, the row and the code.
        let reads: [(table: String, code: String, read: @Sendable () async throws -> Void)] = [
            ("runs", "finsihed", { _ = try await store.run(id: run) }),
            ("runs", "finsihed", { _ = try await store.runs(pipeline: "p", limit: 5) }),
            ("run_sources", "stord", { _ = try await store.runSources(runID: run) }),
            ("fetches", "fetchd", { _ = try await store.fetches(runID: run) }),
            ("checks", "met-ish", { _ = try await store.checks(runID: run) }),
        ]
        for (table, code, read) in reads {
            try await overwrite(store, table, run, code)
            try await expectUnknownCode(
                r, "'\(code)'", in: "\(table) row", of: "\(table) status",
                readBack: "a \(table) row with status code '\(code)'", read)
        }
    }
}
