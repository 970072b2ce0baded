import Foundation
import IndicatorKit

/// Where a pipeline's runs and results are kept: runs and their sources' outcomes, each source's
/// current records and the state that decides whether it changed, goal checks, and the one-run-per-
/// pipeline locks.
///
/// The contract, which every implementation passes (`StorageTesting.StoreConformance`):
/// - A run never deletes an earlier run's data. The *current* data of a pipeline is, for each
///   source, the records of the last run that committed that source (`source state`).
/// - A source's records are written through one `RecordWriter`: nothing it appends is current until
///   `commit()`, which makes its records current and saves the source's state in one step; after
///   `rollback()` (or a failed commit) the source's earlier data stays current and the rows it wrote
///   are gone.
/// - Kind, comparator, period and status are stored as their canonical codes (`FigureKind.rawValue`,
///   `TargetComparator.rawValue`, `Period.rawValue`, a `StoredCode`'s `rawValue`) and read back
///   exactly; a stored code this build does not know is a `StoreError(.unknownStoredValue)` naming the table and row, never a default.
/// - Records are stored as given: normalization happens before `append`, once.
/// - Ids (runs, goal rows) increase: a later run has a larger id.
///
/// Methods are `async` because a store may sit behind a network connection; an implementation on a
/// local file may witness them with synchronous functions.
public protocol ResultStore: Sendable {
    /// Where the store is, for messages: a file path, or a URL without its password.
    var location: String { get }

    // MARK: Runs

    /// Starts a run (status `running`) and returns its id.
    func beginRun(pipeline: String, file: String, host: String, pid: Int, fullRefresh: Bool) async throws -> Int64
    /// Records how a run ended: its status (succeeded, partial, failed, stopped), how many records it
    /// stored, and the goal-status counts as JSON (`{"met":3,"missed":1}`) when checks ran.
    func finishRun(id: Int64, status: String, records: Int, summary: String?) async throws
    /// Marks the runs of `pipeline` still `running`, other than `exceptRun`, as `interrupted`
    /// (their process is gone: the caller holds the pipeline's lock); returns their ids.
    func markInterrupted(pipeline: String, exceptRun: Int64) async throws -> [Int64]
    /// Deletes the rows that the given runs of `pipeline` left behind for sources they never
    /// committed (they were never current); returns how many rows were deleted.
    func discardUnfinished(pipeline: String, runs: [Int64]) async throws -> Int
    /// Records one source's outcome in a run, replacing an earlier outcome of that source.
    func recordSource(runID: Int64, _ outcome: RunSourceRecord) async throws
    /// Logs how a source's input was fetched in a run.
    func recordFetch(runID: Int64, _ fetch: FetchRecord) async throws
    /// `beginRun`, then `markInterrupted(exceptRun:)` the new run, as one step: returns the new
    /// run's id, the ids of the runs it marked interrupted, and the pipeline's run before it when
    /// that one was stopped (a stopped run may have left a source unfinished). It also notes the new
    /// run on the pipeline's lock held by `host` and `pid`, as `heartbeat` does. (The default makes
    /// the calls one by one; a store should make them one transaction.)
    func startRun(pipeline: String, file: String, host: String, pid: Int, fullRefresh: Bool) async throws
        -> RunStart
    /// `recordFetch` for each of `fetches`, `recordSource` for each of `sources` (in order), then,
    /// when `finish` is given, `finishRun`, as one step. (The default makes the calls; a store
    /// should make it one transaction.)
    func record(runID: Int64, sources: [RunSourceRecord], fetches: [FetchRecord], finish: RunEnding?) async throws
    /// Recent runs, newest first, optionally of one pipeline.
    func runs(pipeline: String?, limit: Int) async throws -> [RunRecord]
    /// One run by id, or nil.
    func run(id: Int64) async throws -> RunRecord?
    /// The per-source outcomes of a run, one per source, in the order recorded (a replaced outcome
    /// may move to the end).
    func runSources(runID: Int64) async throws -> [RunSourceRecord]
    /// The fetches logged for a run, in the order they were logged.
    func fetches(runID: Int64) async throws -> [FetchRecord]

    // MARK: Sources

    /// Opens the writer of one source's records in run `info.runID`. See `RecordWriter`.
    func openSource(_ info: SourceWriteInfo) async throws -> any RecordWriter
    /// What the source's current data came from (nil: never committed): what decides "unchanged".
    func sourceState(pipeline: String, sourceID: String) async throws -> SourceState?
    /// The states of every source of `pipeline` that has one, by source id, in one look: what a run
    /// needs to tell which of its sources are unchanged (the default asks `sourceState` for each of
    /// `sourceIDs`; a store should answer with one query).
    func sourceStates(pipeline: String, sourceIDs: [String]) async throws -> [String: SourceState]
    /// How many records of the source are current, and from which run (nil: never committed).
    func currentRecordCount(pipeline: String, sourceID: String) async throws -> CurrentRecords?
    /// The run the source's current data is from, and the runs since its last good read
    /// (`stored` or `unchanged`) in which it failed.
    func sourceHealth(pipeline: String, sourceID: String) async throws -> SourceHealth

    // MARK: Current records

    /// The current goals of a pipeline (`record` is always `.goal`), in the order they were stored;
    /// `sources` limits to some source ids.
    func currentGoals(pipeline: String, sources: [String]?) async throws -> [StoredRecord]
    /// The current observations of a pipeline (`record` is always `.observation`), in the order they
    /// were stored; with `matching`, only those whose indicator or subject it lists.
    func currentObservations(pipeline: String, sources: [String]?, matching: RecordMatch?) async throws
        -> [StoredRecord]

    // MARK: Checks

    /// Stores the goal checks of a run.
    func saveChecks(runID: Int64, pipeline: String, _ checks: [StoredCheck]) async throws
    /// The goal checks of a run, in the order they were saved.
    func checks(runID: Int64) async throws -> [StoredCheck]
    /// The latest run of `pipeline` that has checks, before run `beforeRun` if given.
    func latestCheckedRun(pipeline: String, before beforeRun: Int64?) async throws -> Int64?

    // MARK: Locks

    /// Takes the run lock of `pipeline` for (`host`, `pid`), taking it over when `LockTakeover`
    /// says its holder is gone or stale; returns the previous holder (with `takeoverReason`) after a
    /// takeover, nil otherwise. Throws `StoreError(.lockHeld)` naming a holder that keeps it. Two
    /// callers never both succeed for the same pipeline.
    func acquireLock(
        pipeline: String, host: String, pid: Int, staleAfter: TimeInterval, isAlive: @Sendable (Int) -> Bool
    ) async throws -> LockHolder?
    /// The current holder of a pipeline's lock.
    func lockHolder(pipeline: String) async throws -> LockHolder?
    /// Refreshes the heartbeat (and, when given, the run id) of a lock that (`host`, `pid`) holds;
    /// does nothing when it holds none.
    func heartbeat(pipeline: String, host: String, pid: Int, runID: Int64?) async throws
    /// Releases a lock that (`host`, `pid`) holds; does nothing when it holds none.
    func releaseLock(pipeline: String, host: String, pid: Int) async throws
}

/// How a run ended, for `ResultStore.record(runID:sources:fetches:finish:)`: `finishRun`'s arguments.
/// What `startRun` gives back: the new run, the runs it marked interrupted, and the run before it
/// when that one was stopped.
public struct RunStart: Sendable, Equatable {
    public var id: Int64
    public var interrupted: [Int64]
    public var stoppedBefore: Int64?

    public init(id: Int64, interrupted: [Int64], stoppedBefore: Int64? = nil) {
        self.id = id
        self.interrupted = interrupted
        self.stoppedBefore = stoppedBefore
    }
}

public struct RunEnding: Sendable, Equatable {
    public var status: String
    public var records: Int
    public var summary: String?

    public init(status: String, records: Int, summary: String?) {
        self.status = status
        self.records = records
        self.summary = summary
    }
}

extension ResultStore {
    public func startRun(pipeline: String, file: String, host: String, pid: Int, fullRefresh: Bool) async throws
        -> RunStart
    {
        let id = try await beginRun(pipeline: pipeline, file: file, host: host, pid: pid, fullRefresh: fullRefresh)
        let interrupted = try await markInterrupted(pipeline: pipeline, exceptRun: id)
        try await heartbeat(pipeline: pipeline, host: host, pid: pid, runID: id)
        let before = try await runs(pipeline: pipeline, limit: 2).first { $0.id != id }
        return RunStart(id: id, interrupted: interrupted, stoppedBefore: before?.status == "stopped" ? before?.id : nil)
    }

    public func record(runID: Int64, sources: [RunSourceRecord], fetches: [FetchRecord], finish: RunEnding?)
        async throws
    {
        for fetch in fetches { try await recordFetch(runID: runID, fetch) }
        for source in sources { try await recordSource(runID: runID, source) }
        if let finish {
            try await finishRun(id: runID, status: finish.status, records: finish.records, summary: finish.summary)
        }
    }

    public func sourceStates(pipeline: String, sourceIDs: [String]) async throws -> [String: SourceState] {
        var states: [String: SourceState] = [:]
        for id in sourceIDs {
            if let state = try await sourceState(pipeline: pipeline, sourceID: id) { states[id] = state }
        }
        return states
    }
}

/// The sink of one source's records in one run, opened by `ResultStore.openSource`.
///
/// `append` may write its records at once (in a short transaction of their own) so no transaction
/// stays open while an adapter reads, but they are not current until `commit`. Exactly one of
/// `commit` and `rollback` ends a writer; nothing is appended after it.
public protocol RecordWriter: Sendable {
    /// Writes records, as given (already normalized), under the writer's run.
    func append(_ records: [SourceRecord]) async throws
    /// Makes this run's records of the source current and saves the source's state
    /// (`SourceWriteInfo`'s hashes and validators) in one step; returns what was stored.
    func commit() async throws -> SourceWriteCounts
    /// Deletes what was appended; the source's earlier data stays current. Never throws: a row it
    /// cannot delete is never current anyway.
    func rollback() async
}

/// A `RecordWriter` whose appends need not wait (a local file): `writeSource` then writes from the
/// adapter's own `emit`, and a store error stops the adapter at the record that met it.
public protocol SynchronousRecordWriter: RecordWriter {
    func appendNow(_ records: [SourceRecord]) throws
}

/// A store that can also serve the calls made from outside Swift concurrency without a task: the
/// run guard's heartbeat thread, and the cleanups a second signal runs. A local file can; a store
/// that cannot is called from a task the thread waits for (`StoreCall.blocking`), and then a
/// heartbeat waits for a free thread of the concurrency pool.
public protocol BlockingLockCalls: ResultStore {
    func heartbeatNow(pipeline: String, host: String, pid: Int, runID: Int64?) throws
    func releaseLockNow(pipeline: String, host: String, pid: Int) throws
    func finishRunNow(id: Int64, status: String, records: Int, summary: String?) throws
}

/// Calls a store from a thread outside Swift concurrency.
public enum StoreCall {
    /// Runs `body` in a task and waits for it on this thread. Never call it from a task.
    public static func blocking(_ body: @escaping @Sendable () async throws -> Void) throws {
        let done = DispatchSemaphore(value: 0)
        let result = ResultBox()
        Task.detached {
            do { try await body() } catch { result.set(error) }
            done.signal()
        }
        done.wait()
        if let error = result.get() { throw error }
    }

    /// The heartbeat of a lock, from the run guard's thread.
    public static func heartbeat(
        _ store: any ResultStore, pipeline: String, host: String, pid: Int, runID: Int64?
    ) throws {
        try call(
            store, { try $0.heartbeatNow(pipeline: pipeline, host: host, pid: pid, runID: runID) },
            { try await store.heartbeat(pipeline: pipeline, host: host, pid: pid, runID: runID) })
    }

    /// Releases a lock from a thread outside Swift concurrency.
    public static func releaseLock(_ store: any ResultStore, pipeline: String, host: String, pid: Int) throws {
        try call(
            store, { try $0.releaseLockNow(pipeline: pipeline, host: host, pid: pid) },
            { try await store.releaseLock(pipeline: pipeline, host: host, pid: pid) })
    }

    /// Records how a run ended, from a thread outside Swift concurrency.
    public static func finishRun(
        _ store: any ResultStore, id: Int64, status: String, records: Int, summary: String?
    ) throws {
        try call(
            store, { try $0.finishRunNow(id: id, status: status, records: records, summary: summary) },
            { try await store.finishRun(id: id, status: status, records: records, summary: summary) })
    }

    /// `local` on a store that serves blocking calls, else `remote` in a task this thread waits for.
    private static func call(
        _ store: any ResultStore, _ local: (any BlockingLockCalls) throws -> Void,
        _ remote: @escaping @Sendable () async throws -> Void
    ) throws {
        if let blockingStore = store as? any BlockingLockCalls {
            try local(blockingStore)
        } else {
            try blocking(remote)
        }
    }

    private final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private var error: (any Error)?
        func set(_ e: any Error) {
            lock.lock()
            error = e
            lock.unlock()
        }
        func get() -> (any Error)? {
            lock.lock()
            defer { lock.unlock() }
            return error
        }
    }
}

/// Which observations a set of goals can be checked against: those with one of these indicators or
/// (for goals the catalog does not know) one of these subjects. Both empty matches nothing.
public struct RecordMatch: Sendable, Equatable {
    public var indicators: [String]
    public var subjects: [String]

    public init(indicators: [String], subjects: [String]) {
        self.indicators = indicators
        self.subjects = subjects
    }

    public func matches(indicator: String?, subject: String) -> Bool {
        indicator.map(indicators.contains) == true || subjects.contains(subject)
    }
}

extension ResultStore {
    /// Streams one source's records into the store: `body` receives a sink and runs the adapter.
    ///
    /// Records go to the writer in batches of `batchSize`. When `body` returns, the writer commits
    /// and the records become current; when it (or the store) throws, the writer rolls back and the
    /// source's last good data stays current. With a `SynchronousRecordWriter` the batches are
    /// written from `emit`; otherwise a task beside the adapter writes them, and a store error is
    /// thrown from the adapter's next `emit`.
    public func writeSource(
        _ info: SourceWriteInfo, batchSize: Int = SourceBatch.defaultSize, _ body: (RecordSink) async throws -> Void
    ) async throws -> SourceWriteCounts {
        let writer = try await openSource(info)
        let batch = SourceBatch(size: batchSize, writer: writer)
        do {
            try await body(batch.sink)
            try await batch.finish()
            return try await writer.commit()
        } catch {
            await batch.cancel()
            await writer.rollback()
            throw error
        }
    }
}

/// Gathers an adapter's records into batches for a `RecordWriter` (see `ResultStore.writeSource`).
public final class SourceBatch: @unchecked Sendable {
    /// Records per batch.
    public static let defaultSize = 2000

    private let size: Int
    private let writer: any RecordWriter
    private let lock = NSLock()
    private var pending: [SourceRecord] = []
    private var failure: (any Error)?
    /// Set for a writer that must be awaited: batches go through the stream to `consumer`.
    private var continuation: AsyncStream<[SourceRecord]>.Continuation?
    private var consumer: Task<Void, Never>?

    init(size: Int, writer: any RecordWriter) {
        self.size = max(1, size)
        self.writer = writer
        pending.reserveCapacity(self.size)
        guard !(writer is any SynchronousRecordWriter) else { return }
        let (stream, continuation) = AsyncStream.makeStream(of: [SourceRecord].self)
        self.continuation = continuation
        consumer = Task { [self] in
            for await records in stream {
                do {
                    try await writer.append(records)
                } catch {
                    fail(error)
                    return
                }
            }
        }
    }

    private func fail(_ error: any Error) {
        lock.lock()
        if failure == nil { failure = error }
        lock.unlock()
    }

    /// The sink handed to the adapter.
    var sink: RecordSink {
        RecordSink { [self] record in try add(record) }
    }

    private func add(_ record: SourceRecord) throws {
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
        pending.append(record)
        guard pending.count >= size else { return }
        try flushLocked()
    }

    private func flushLocked() throws {
        guard !pending.isEmpty else { return }
        let records = pending
        pending.removeAll(keepingCapacity: true)
        if let continuation {
            continuation.yield(records)
        } else if let writer = writer as? any SynchronousRecordWriter {
            do {
                try writer.appendNow(records)
            } catch {
                failure = error
                throw error
            }
        }
    }

    /// Hands on the last batch and waits until every batch is written; throws the store's error.
    func finish() async throws {
        let flushError: (any Error)? = lock.withLock {
            if let failure { return failure }
            do {
                try flushLocked()
                return nil
            } catch {
                return error
            }
        }
        continuation?.finish()
        await consumer?.value
        if let error = flushError ?? lock.withLock({ failure }) { throw error }
    }

    /// Stops writing: drops what is pending and waits for the batch being written.
    func cancel() async {
        lock.withLock { pending.removeAll() }
        continuation?.finish()
        await consumer?.value
    }
}

/// The lock-takeover rule every store applies, so a lock means the same whichever store holds it.
public enum LockTakeover {
    /// Why `current` may be taken over by (`host`, `pid`) at `now`, or nil when it must be kept.
    ///
    /// On the holder's own host its liveness decides: it is taken over at once when the process does
    /// not exist, is a zombie, or its pid now belongs to a process started later (pid reuse, told by
    /// `processStart`); a live holder keeps its lock however old its heartbeat. A holder on another
    /// host (or this same process) is taken over once its heartbeat is older than `staleAfter`.
    public static func reason(
        toTakeOver current: LockHolder, host: String, pid: Int, staleAfter: TimeInterval, now: Date,
        isAlive: @Sendable (Int) -> Bool
    ) -> String? {
        let age = now.timeIntervalSince(current.heartbeatAt)
        if current.host == host && current.pid != pid {
            if !isAlive(current.pid) { return "process \(current.pid) is no longer running" }
            if let recorded = current.processStart, let started = ProcessStatus.of(current.pid).startTicks,
                started != recorded
            {
                return "process \(current.pid) is gone (its pid now belongs to a process started later)"
            }
            return nil
        }
        return age > staleAfter ? "its heartbeat is \(Int(age)) s old (stale after \(Int(staleAfter)) s)" : nil
    }

    /// The error for a lock that is kept.
    public static func heldError(pipeline: String, holder: LockHolder?, staleAfter: TimeInterval) -> StoreError {
        StoreError(
            .lockHeld,
            "pipeline '\(pipeline)' is already running: lock held by \(holder.map(\.description) ?? "another process"); wait for it to finish (a holder on this host is taken over as soon as it is gone; one on another host once its heartbeat is \(Int(staleAfter)) s old; docs/operations.md says how to clear a lock by hand)"
        )
    }

    /// True when a process with `pid` runs on this host (a zombie does not count).
    public static let processIsAlive: @Sendable (Int) -> Bool = { pid in
        let status = ProcessStatus.of(pid)
        return status.exists && !status.zombie
    }
}

extension StoreError {
    /// A stored kind, comparator, period or status code this build does not know.
    public static func unknownCode(_ column: String, _ code: String, table: String, row: Int64, store: String)
        -> StoreError
    {
        unknownCode(column, code, table: table, row: String(row), store: store)
    }

    /// A stored code this build does not know, in a row named by `row` (an id, or a key such as
    /// `run 3, source 'speech'`).
    public static func unknownCode(_ column: String, _ code: String, table: String, row: String, store: String)
        -> StoreError
    {
        StoreError(
            .unknownStoredValue,
            "\(store): \(table) row \(row): unknown \(column) code '\(code)'; a newer yardstick wrote it, or the row was edited by hand: upgrade yardstick, or delete the row and run the pipeline with --full-refresh"
        )
    }
}
