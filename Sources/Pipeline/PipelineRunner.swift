import Foundation
import IndicatorKit
import Logging
import Reports
import Storage

/// Runs a pipeline: for each source, materialize its input, run its adapter and stream the records
/// into the store in one transaction per source; then check goals and write reports.
///
/// A source that fails rolls back alone and the others still land. A source whose input did not
/// change since it was last stored (same sha256, and the same adapter name and version, options and
/// catalog: `SourceDependencies`) is skipped unless `fullRefresh`. One run per pipeline at a time: the store's lock.
public struct PipelineRunner: Sendable {
    package var registry: AdapterRegistry
    public var store: any ResultStore
    public var logger: Logger
    /// Builds the scorecard after the sources (goal checks and reports); nil skips checks.
    public var evaluator: (any RunEvaluator)?

    package init(
        registry: AdapterRegistry, store: any ResultStore, logger: Logger, evaluator: (any RunEvaluator)? = nil
    ) {
        self.registry = registry
        self.store = store
        self.logger = logger
        self.evaluator = evaluator
    }

    /// This host's name, looked up once per process: Foundation's `hostName` asks the resolver
    /// (nsswitch, /etc/hosts) every time, which a run of thousands of pipelines paid once each.
    static let hostName = ProcessInfo.processInfo.hostName

    /// Runs `config`. Throws `StoreError(.lockHeld)` when another run holds the pipeline's lock, and
    /// the evaluator's error (a `CatalogError`) before starting when its catalog cannot be loaded.
    public func run(_ config: PipelineConfig, options: RunOptions = RunOptions()) async throws -> RunSummary {
        let normalization = try evaluator?.normalizationHash(for: config) ?? ""
        let host = Self.hostName
        let pid = Int(ProcessInfo.processInfo.processIdentifier)
        let previous = try await store.acquireLock(
            pipeline: config.id, host: host, pid: pid, staleAfter: options.staleLockAfter,
            isAlive: LockTakeover.processIsAlive)
        if let previous {
            logger.warning(
                "took over the lock of pipeline '\(config.id)' held by \(previous): \(previous.takeoverReason ?? "stale")"
            )
        }
        let stop = options.stop
        let start: RunStart
        do {
            // Starting the run marks the pipeline's runs left running by a process that is gone, and
            // notes the run on the lock.
            start = try await store.startRun(
                pipeline: config.id, file: config.file, host: host, pid: pid, fullRefresh: options.fullRefresh)
        } catch {
            try? await store.releaseLock(pipeline: config.id, host: host, pid: pid)
            throw error
        }
        let runID = start.id
        let settings = RunGuard.Settings(
            pipeline: config.id, host: host, pid: pid, heartbeatInterval: options.heartbeatInterval,
            stopGrace: options.stopGrace ?? config.stopGrace ?? RunOptions.defaultStopGrace,
            runTimeout: options.runTimeout ?? config.runTimeout ?? RunOptions.defaultRunTimeout,
            abortBackstop: options.abortBackstop)
        // Ending the run from outside the source (a second signal, or a source that ignores the abort):
        // mark the run stopped and release the lock, once. It runs outside Swift concurrency (the run
        // guard's thread, a signal's handler).
        let endNow: @Sendable () -> Void = { [store, logger] in
            try? StoreCall.finishRun(store, id: runID, status: "stopped", records: 0, summary: nil)
            do {
                try StoreCall.releaseLock(store, pipeline: config.id, host: host, pid: pid)
            } catch {
                logger.error("could not release the lock of pipeline '\(config.id)': \(error)")
            }
        }
        let onStuck = options.onStuckStop
        let runGuard = RunGuard(store: store, settings: settings, stop: stop, logger: logger) {
            guard let onStuck else { return }
            endNow()
            onStuck()
        }
        runGuard.setRun(runID)
        runGuard.start()
        let cleanup = stop.addCleanup(endNow)
        let release = { [store, logger] () async -> Void in
            stop.removeCleanup(cleanup)
            runGuard.finish()
            do {
                try await store.releaseLock(pipeline: config.id, host: host, pid: pid)
            } catch {
                logger.error("could not release the lock of pipeline '\(config.id)': \(error)")
            }
        }
        do {
            let summary = try await runLocked(
                config, runID: runID, host: host, pid: pid, previous: previous, start: start,
                options: options, normalization: normalization)
            await release()
            return summary
        } catch {
            await release()
            throw error
        }
    }

    /// The run itself, between taking the pipeline's lock and releasing it.
    private func runLocked(
        _ config: PipelineConfig, runID: Int64, host: String, pid: Int, previous: LockHolder?, start: RunStart,
        options: RunOptions, normalization: String
    ) async throws -> RunSummary {
        let stop = options.stop
        // The runs left running, and the run before this one if it was stopped and never came back
        // from its source.
        let unfinished = start.interrupted + (start.stoppedBefore.map { [$0] } ?? [])
        do {
            let discarded = try await store.discardUnfinished(pipeline: config.id, runs: unfinished)
            if discarded > 0 {
                logger.notice(
                    "deleted \(discarded) rows that an interrupted run of '\(config.id)' left unfinished (never current)"
                )
            }
        } catch {
            logger.warning("could not delete the rows an interrupted run left unfinished: \(error)")
        }
        logger.info("run \(runID) of pipeline '\(config.id)': \(config.sources.count) source(s)")

        // Every source's state (and the checks' own) in one look; a source stored in this run changes
        // its own state only, which no later step of this run reads from here.
        let states: [String: SourceState]?
        do {
            states = try await store.sourceStates(
                pipeline: config.id, sourceIDs: config.sources.map(\.id) + [Self.checksStateID])
        } catch {
            logger.warning("could not read the state of the sources of '\(config.id)' at once: \(error)")
            states = nil
        }
        var outcomes: [RunSourceRecord] = []
        // An unchanged source's fetch and outcome wait for the run's next write (the next stored
        // source's, or the run's end) so an unchanged run writes them in one transaction.
        let pending = PendingRecords()
        var stopped = false
        for (index, source) in config.sources.enumerated() {
            if stop.isRequested {
                stopped = true
                logger.notice("\(stop.reason ?? "stop requested"): not starting source '\(source.id)' or later ones")
                break
            }
            logger.info(
                "[\(index + 1)/\(config.sources.count)] \(source.id): reading \(source.location ?? source.command.joined(separator: " "))"
            )
            let known: SourceState?? = states.map { $0[source.id] }
            let outcome = await runSource(
                source, of: config, runID: runID, options: options, normalization: normalization, state: known,
                pending: pending)
            outcomes.append(outcome)
            if stop.abortReason != nil { stopped = true }
            pending.sources.append(outcome)
            if outcome.status != "unchanged" { await flush(pending, runID: runID) }
            let line = SourceLine.format(outcome)
            if outcome.status == "failed" || outcome.status == "kept" || outcome.error != nil {
                logger.warning("\(line)")
            } else {
                logger.debug("\(line)")
            }
        }

        var summary = RunSummary(
            runID: runID, pipeline: config.id, status: "succeeded", sources: outcomes, tookOverLockFrom: previous,
            statusCounts: [:], unmatchedSubjects: [], reportFiles: [], table: nil, scorecardJSON: nil)
        let failed = outcomes.filter { $0.status == "failed" }.count
        let kept = outcomes.filter { $0.status == "kept" }.count
        if stopped {
            summary.status = "stopped"
        } else if kept > 0 && failed + kept == outcomes.count && failed > 0 {
            summary.status = "failed"
        } else if kept > 0 {
            summary.status = "partial"
        } else if failed == 0 {
            summary.status = "succeeded"
        } else if failed == outcomes.count {
            summary.status = "failed"
        } else {
            summary.status = "partial"
        }
        if let evaluator, !stopped {
            let checksHash = checksHash(config, options: options, normalization: normalization)
            if options.skipUnchangedChecks,
                let checked = await runWithCurrentChecks(
                    config, outcomes: outcomes, hash: checksHash, options: options, states: states)
            {
                summary.checksUnchangedSince = checked.id
                summary.statusCounts = Self.statusCounts(checked.summary)
                pending.sources.append(
                    RunSourceRecord(
                        sourceID: Self.checksStateID, adapter: "checks", origin: config.file, status: "unchanged"))
                logger.info("nothing changed since run \(checked.id): its checks and reports hold; skipped them")
            } else {
                // The checks may read this run's outcomes (a source's health): they are written first.
                await flush(pending, runID: runID)
                do {
                    // The steps after the sources: check goals, save the checks, write the reports.
                    var checked = try await evaluator.checkGoals(config, runID: runID, store: store)
                    // Which on-empty rule applied to a source of this run, if any.
                    checked.notes += summary.sources.compactMap { s in
                        s.error.flatMap { $0.contains("(on-empty: ") ? TerminalText.visible($0) : nil }
                    }
                    try await evaluator.saveChecks(checked, runID: runID, pipeline: config.id, store: store)
                    try evaluator.writeReports(checked, for: config, options: options, summary: &summary)
                    await saveChecksState(config, runID: runID, hash: checksHash)
                } catch {
                    logger.error("goal checks failed: \(error)")
                    summary.evaluationError = "\(error)"
                    summary.status = summary.status == "succeeded" ? "partial" : summary.status
                }
            }
        }
        var countsJSON: String?
        if !summary.statusCounts.isEmpty {
            countsJSON =
                "{"
                + summary.statusCounts.keys.sorted().map { "\"\($0)\":\(summary.statusCounts[$0]!)" }
                .joined(separator: ",") + "}"
        }
        let ending = RunEnding(status: summary.status, records: summary.records, summary: countsJSON)
        do {
            // The unchanged sources' outcomes (and the checks'), then the run's end: one transaction.
            try await store.record(runID: runID, sources: pending.sources, fetches: pending.fetches, finish: ending)
        } catch {
            logger.error("could not record the outcomes of the sources of run \(runID): \(error)")
            try await store.finishRun(
                id: runID, status: summary.status, records: summary.records, summary: countsJSON)
        }
        return summary
    }

    /// Writes the outcomes and fetches waiting in `pending` in one transaction, and empties it; an
    /// error is logged (as a source's outcome that could not be recorded always was).
    func flush(_ pending: PendingRecords, runID: Int64) async {
        guard !pending.sources.isEmpty || !pending.fetches.isEmpty else { return }
        do {
            try await store.record(runID: runID, sources: pending.sources, fetches: pending.fetches, finish: nil)
        } catch {
            let ids = pending.sources.map(\.sourceID).joined(separator: ", ")
            logger.error("could not record the outcome of source(s) \(ids): \(error)")
        }
        pending.sources = []
        pending.fetches = []
    }

    /// Reads one source into the store; never throws: a failure is the outcome.
    ///
    /// `state` is the source's state when the caller read it already (`.some(nil)`: it has none);
    /// `.none` reads it here.
    func runSource(
        _ source: SourceConfig, of config: PipelineConfig, runID: Int64, options: RunOptions,
        normalization: String = "",
        state known: SourceState?? = .none, pending: PendingRecords? = nil
    ) async -> RunSourceRecord {
        let start = DispatchTime.now().uptimeNanoseconds
        func seconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        let origin = source.location ?? source.command.joined(separator: " ")
        var outcome = RunSourceRecord(sourceID: source.id, adapter: source.adapter, origin: origin, status: "failed")
        let folder = (config.file as NSString).deletingLastPathComponent
        do {
            let state: SourceState?
            if let known {
                state = known
            } else {
                state = try await store.sourceState(pipeline: config.id, sourceID: source.id)
            }
            let optionsHash = SourceDependencies(
                source, registry: registry, folder: folder, normalization: normalization
            ).hash
            let materializer = InputMaterializer(
                logger: logger, cacheDirectory: options.cacheDirectory, progress: options.progress, paths: options.paths
            )
            // Conditional requests only when the stored data came from this same origin and options.
            let comparable =
                options.fullRefresh || state?.optionsHash != optionsHash || state?.origin != origin ? nil : state
            let input = try await materializer.materialize(source, previous: comparable, pipelineFolder: folder)
            outcome.bytes = input.bytes
            outcome.sha256 = input.sha256
            let fetch = input.fetchRecord(sourceID: source.id, origin: origin)
            let unchanged =
                comparable != nil && (input.notModified || (input.sha256 != nil && input.sha256 == comparable!.sha256))
            if unchanged, let pending {
                // Written with the run's next write (this source stores nothing).
                pending.fetches.append(fetch)
            } else if let pending {
                // Before this source stores anything: the fetches and outcomes waiting, and its fetch.
                pending.fetches.append(fetch)
                await flush(pending, runID: runID)
            } else {
                try? await store.recordFetch(runID: runID, fetch)
            }
            if unchanged {
                outcome.status = "unchanged"
                outcome.sha256 = comparable!.sha256
                outcome.seconds = seconds()
                return outcome
            }
            guard let path = input.path else {
                throw AdapterError(.unreadableInput, "\(origin): nothing to read")
            }
            let current =
                state == nil ? nil : try await store.currentRecordCount(pipeline: config.id, sourceID: source.id)
            let guardrail = EmptyInputRule(rule: source.onEmpty, sourceID: source.id, previous: current)
            if source.isRemote, source.onEmpty != .accept, let type = registry.adapter(named: source.adapter),
                !type.descriptor.reads(mediaType: input.mediaType)
            {
                let reads = type.descriptor.mediaTypes.joined(separator: ", ")
                guardrail.refuse(
                    "the server sent \(input.mediaType ?? "an unknown media type"), which adapter \(source.adapter) does not read (it reads \(reads)); an error or maintenance page?",
                    into: &outcome)
                outcome.seconds = seconds()
                return outcome
            }
            // An emptied file or body has no records in any format: the on-empty rule decides, not a
            // parser's message about the missing document (`accept` stores the empty result).
            let emptyInput = input.bytes == 0 && source.location != nil
            let read: @Sendable (SourceInput, RecordSink) async throws -> Void
            if emptyInput {
                read = { @Sendable _, _ in }
            } else {
                read = try makeReader(source, folder: folder, stop: options.stop)
            }
            let sourceInput = SourceInput(
                path: path, origin: origin, sourceID: source.id, mediaType: input.mediaType, charset: input.charset,
                sha256: input.sha256, region: source.region ?? config.region, period: config.defaultPeriod(of: source),
                logger: logger.with(source: source.id))
            let info = SourceWriteInfo(
                runID: runID, pipeline: config.id, sourceID: source.id, adapter: source.adapter, origin: origin,
                sha256: input.sha256, optionsHash: optionsHash, etag: input.etag, lastModified: input.lastModified)
            let region = source.region ?? config.region
            let normalize = normalizer(for: config)
            let transform: @Sendable (SourceRecord) -> SourceRecord = { record in
                var r = record
                if r.region == nil, let region { r.region = region }
                return normalize(r)
            }
            let stop = options.stop
            let counts = try await store.writeSource(info, batchSize: options.batchSize) { sink in
                // A source that goes on past the stop grace is stopped at its next record.
                let guarded = RecordSink { record in
                    if let reason = stop.abortReason {
                        throw AdapterError(.externalFailure, "stopped: \(reason)")
                    }
                    try sink.emit(transform(record))
                }
                let counter = RecordCounter()
                try await read(sourceInput, counter.counting(guarded))
                if let reason = stop.abortReason { throw AdapterError(.externalFailure, "stopped: \(reason)") }
                // Nothing read where the stored data has records: roll back unless on-empty says accept.
                if counter.count == 0, guardrail.refusesEmpty { throw EmptyInputRule.Refused() }
            }
            outcome.status = "stored"
            outcome.records = counts.records
            outcome.observations = counts.observations
            outcome.goals = counts.goals
            if counts.records == 0, source.onEmpty == .accept, let current, current.records > 0 {
                outcome.error =
                    "\(source.id): no records; stored the empty result in place of the \(current.records) records of run \(current.runID) (on-empty: accept)"
            }
        } catch is EmptyInputRule.Refused {
            let current = try? await store.currentRecordCount(pipeline: config.id, sourceID: source.id)
            EmptyInputRule(rule: source.onEmpty, sourceID: source.id, previous: current).refuse(
                outcome.bytes == 0 && source.location != nil
                    ? "the input is empty (0 bytes): no records" : "the input yielded no records",
                into: &outcome)
        } catch let error as AdapterError {
            outcome.error = "\(source.id): \(error.description)"
        } catch {
            outcome.error = "\(source.id): \(error)"
        }
        outcome.seconds = seconds()
        return outcome
    }

    func normalizer(for config: PipelineConfig) -> @Sendable (SourceRecord) -> SourceRecord {
        if let evaluator { return evaluator.recordTransform(for: config) }
        return { $0 }
    }

    /// The function that reads a source: a built-in adapter or an external program.
    func makeReader(_ source: SourceConfig, folder: String, stop: StopFlag? = nil) throws
        -> @Sendable (
            SourceInput, RecordSink
        ) async throws
        -> Void
    {
        if source.adapter == "exec" {
            var external = ExternalAdapter(
                command: source.command, timeout: source.timeout, options: source.options, workingDirectory: folder)
            external.stop = stop
            if let n = source.maxLineBytes { external.maxLineBytes = n }
            if let n = source.maxOutputBytes { external.maxOutputBytes = n }
            let configured = external
            return { input, sink in try await configured.read(input, into: sink) }
        }
        let adapter = try registry.make(source.adapter, options: source.options)
        return { input, sink in try await adapter.read(input, into: sink) }
    }
}

/// Formats a source's outcome as a summary line; an error's own line breaks (an external program's
/// stderr tail) stay line breaks, other control characters are shown escaped.
public enum SourceLine {
    public static func format(_ s: RunSourceRecord) -> String {
        let secs = String(format: "%.2f s", s.seconds)
        switch s.status {
        case "stored":
            let note = s.error.map { "; warning: " + TerminalText.visible($0, keepingNewlines: true) } ?? ""
            return
                "\(s.sourceID): stored \(s.records) records (\(s.observations) observations, \(s.goals) goals) in \(secs)\(note)"
        case "unchanged":
            return "\(s.sourceID): unchanged since the last run, skipped (\(secs))"
        case "kept":
            return
                "\(s.sourceID): KEPT the previous data after \(secs): \(TerminalText.visible(s.error ?? "", keepingNewlines: true))"
        default:
            return
                "\(s.sourceID): FAILED after \(secs): \(TerminalText.visible(s.error ?? "unknown error", keepingNewlines: true))"
        }
    }
}

extension Logger {
    func with(source: String) -> Logger {
        var l = self
        l[metadataKey: "source"] = "\(source)"
        return l
    }
}

/// Fetches and source outcomes of a run not written yet (`PipelineRunner.flush`); one run's, used
/// by one task at a time.
final class PendingRecords: @unchecked Sendable {
    var sources: [RunSourceRecord] = []
    var fetches: [FetchRecord] = []
}
