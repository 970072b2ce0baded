import Foundation
import Logging
import Pipeline
import PostgresStorage
import Storage

/// A worker of a shared PostgreSQL store: it queues the runs its pipelines' `schedule:` makes due,
/// claims queued runs one at a time, runs them and heartbeats its claim meanwhile.
///
/// Any number of workers, on any hosts, may serve the same store and the same pipeline files. The
/// queue hands each run to one worker (`PostgresStore.claimNext`); a claim whose worker stopped
/// heartbeating for `staleAfter` seconds is taken over by another and logged. A stop request
/// (SIGTERM) lets the current source finish, then gives the claim back for another worker. When the
/// database cannot be reached, the worker logs it and retries with a doubling backoff.
public struct RunQueueWorker: Sendable {
    public struct Settings: Sendable {
        /// Folders or files of pipelines (every *.yaml / *.yml in a folder).
        public var paths: [String]
        /// This worker's name in the queue: host, pid and a random suffix by default.
        public var name: String
        /// Seconds between looks at the queue when nothing was claimable.
        public var pollInterval: Double = 2
        /// Seconds between heartbeats of a claim.
        public var heartbeatInterval: Double = 5
        /// A claim whose heartbeat is older than this (seconds) is taken over.
        public var staleAfter: Double = 30
        /// How far back a schedule's missed times are looked for when a worker starts (seconds).
        public var catchUp: Double = 7 * 86400
        /// Longest wait between retries while the database cannot be reached (seconds).
        public var maxBackoff: Double = 30
        /// Exit once the queue has no waiting or claimed run of these pipelines (tests, benchmarks,
        /// a one-off catch-up), instead of serving forever.
        public var untilIdle = false

        public init(paths: [String], name: String = RunQueueWorker.defaultName()) {
            self.paths = paths
            self.name = name
        }
    }

    /// What a worker did, for its exit message and tests.
    public struct Tally: Sendable, Equatable {
        public var runs = 0
        public var failedRuns = 0
        public var takeovers = 0
        public var released = 0
        public var storeErrors = 0
    }

    public var settings: Settings
    public var store: PostgresStore
    public var loader: PipelineLoader
    public var logger: Logger
    /// Runs one pipeline with the given stop flag (the worker's, or one the heartbeat trips when the
    /// claim is lost).
    public var runPipeline: @Sendable (PipelineConfig, StopFlag) async throws -> RunSummary

    public init(
        settings: Settings, store: PostgresStore, loader: PipelineLoader, logger: Logger,
        runPipeline: @escaping @Sendable (PipelineConfig, StopFlag) async throws -> RunSummary
    ) {
        self.settings = settings
        self.store = store
        self.loader = loader
        self.logger = logger
        self.runPipeline = runPipeline
    }

    /// `host:pid:xxxx`.
    public static func defaultName() -> String {
        let suffix = String(UUID().uuidString.prefix(4)).lowercased()
        return "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(suffix)"
    }

    /// A run cut off by a store error: its claim and pipeline lock are given back once the store answers.
    struct CutOff: Sendable {
        var claim: ClaimedRun
    }

    /// Serves the queue until `stop` is requested (or, with `untilIdle`, the queue is empty).
    public func run(stop: StopFlag) async -> Tally {
        var tally = Tally()
        var cutOff: [CutOff] = []
        var configs: [String: PipelineConfig] = [:]
        var ids: [String] = []
        var storedSet: PipelineSet?
        var files: [String: LoadedFile] = [:]
        var lastSlots: [String: Date] = [:]
        var nextLooks: [String: Date] = [:]
        // The earliest of `nextLooks`: until then no schedule needs a look.
        var nextLook = Date.distantPast
        var loadedAt = 0.0
        var backoff = 1.0
        logger.info("worker \(settings.name): serving \(store.location)")
        while !stop.isRequested {
            do {
                let now = Date()
                if configs.isEmpty || now.timeIntervalSince1970 - loadedAt > 60 {
                    configs = load(cache: &files)
                    let loaded = configs.keys.sorted()
                    if loaded != ids { storedSet = nil }
                    ids = loaded
                    nextLooks = [:]
                    nextLook = .distantPast
                    loadedAt = now.timeIntervalSince1970
                }
                // The pipelines this worker has files for, stored once; claims name the set.
                let set: PipelineSet
                if let stored = storedSet {
                    set = stored
                } else {
                    set = try await store.pipelineSet(ids)
                    storedSet = set
                }
                while let first = cutOff.first {
                    try await giveBack(first.claim)
                    cutOff.removeFirst()
                }
                if now >= nextLook {
                    try await queueDue(configs, ids: ids, now: now, lastSlots: &lastSlots, nextLooks: &nextLooks)
                    nextLook = nextLooks.values.min() ?? .distantFuture
                }
                guard
                    let claim = try await store.claimNext(
                        worker: settings.name, in: set, staleAfter: settings.staleAfter)
                else {
                    if settings.untilIdle, try await !store.hasOpenRuns(in: set) { break }
                    await sleep(settings.pollInterval, unless: stop)
                    backoff = 1
                    continue
                }
                backoff = 1
                guard let config = configs[claim.pipeline] else { continue }
                if let from = claim.tookOverFrom {
                    tally.takeovers += 1
                    logger.warning(
                        "took over the claimed run \(claim.id) of '\(claim.pipeline)' from worker \(from): its heartbeat is older than \(Int(settings.staleAfter)) s"
                    )
                }
                do {
                    try await serve(claim, config: config, stop: stop, tally: &tally)
                } catch {
                    cutOff.append(CutOff(claim: claim))
                    throw error
                }
            } catch let error as StoreError where error.code == .unavailable {
                tally.storeErrors += 1
                logger.error("\(error.message); retrying in \(Int(backoff)) s")
                await sleep(backoff, unless: stop)
                backoff = min(backoff * 2, settings.maxBackoff)
            } catch {
                tally.storeErrors += 1
                logger.error("worker \(settings.name): \(error); retrying in \(Int(backoff)) s")
                await sleep(backoff, unless: stop)
                backoff = min(backoff * 2, settings.maxBackoff)
            }
        }
        logger.info(
            "worker \(settings.name): stopping after \(tally.runs) run(s) (\(tally.failedRuns) failed, \(tally.takeovers) taken over, \(tally.released) given back)"
        )
        return tally
    }

    /// Runs one claimed pipeline, heartbeating the claim; finishes or gives back the claim.
    private func serve(_ claim: ClaimedRun, config: PipelineConfig, stop: StopFlag, tally: inout Tally) async throws {
        logger.info("claimed run \(claim.id) of '\(claim.pipeline)' (\(claim.reason))")
        let runStop = StopFlag()
        let settings = self.settings
        let store = self.store
        let logger = self.logger
        // The worker's stop request reaches the run; a lost claim stops the run too.
        let heartbeat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: UInt64(settings.heartbeatInterval * 1e9))
                if Task.isCancelled { break }
                if stop.isRequested && !runStop.isRequested { runStop.request(reason: stop.reason ?? "stop requested") }
                do {
                    if try await !store.heartbeatClaim(claim.id, worker: settings.name) {
                        logger.error(
                            "lost the claim of run \(claim.id) of '\(claim.pipeline)' to another worker; stopping it")
                        runStop.request(reason: "the claim was taken over by another worker")
                    }
                } catch {
                    logger.warning("could not heartbeat the claim of run \(claim.id): \(error)")
                }
            }
        }
        let forward = Task {
            while !Task.isCancelled && !runStop.isRequested {
                if stop.isRequested { runStop.request(reason: stop.reason ?? "stop requested") }
                try? await Task.sleep(nanoseconds: 100_000_000)
            }
        }
        // A second SIGTERM ends the process at once: the run's own cleanups (mark it stopped, release
        // the pipeline's lock), then the claim goes back to the queue.
        let cleanup = stop.addCleanup { [settings] in
            runStop.runCleanups()
            try? StoreCall.blocking {
                try await store.releaseClaim(
                    claim.id, worker: settings.name, reason: "a second signal ended the worker")
            }
        }
        defer {
            stop.removeCleanup(cleanup)
            heartbeat.cancel()
            forward.cancel()
        }
        let outagesBefore = store.unavailableErrors
        let summary: RunSummary
        do {
            summary = try await runPipeline(config, runStop)
        } catch let error as StoreError where error.code == .lockHeld {
            // Run outside the queue (yardstick run) at the moment: give the claim back, try later.
            logger.notice("'\(claim.pipeline)': \(error.message); giving the claim back")
            try await store.releaseClaim(claim.id, worker: settings.name, reason: "pipeline lock held")
            tally.released += 1
            await sleep(settings.pollInterval, unless: stop)
            return
        } catch let error where !(error is StoreError) {
            // Not the store: the pipeline cannot run as it is (its catalog does not load, say). The
            // run is done, failed; it runs again at its next scheduled time.
            logger.error("'\(claim.pipeline)' could not run: \(error)")
            try await store.finishClaim(claim.id, worker: settings.name, runID: nil, outcome: "failed: \(error)")
            tally.failedRuns += 1
            return
        }
        heartbeat.cancel()
        forward.cancel()
        if summary.status != "succeeded" && store.unavailableErrors > outagesBefore && !runStop.isRequested {
            // The database went away during the run: its sources failed for that, not for their own
            // inputs. It runs again once the server answers; what it committed stays.
            try await store.releaseClaim(claim.id, worker: settings.name, reason: "the run met a database outage")
            tally.released += 1
            logger.warning(
                "run \(summary.runID) of '\(claim.pipeline)' ended \(summary.status) during a database outage; queued it again"
            )
            return
        }
        if summary.status == "stopped" {
            try await store.releaseClaim(claim.id, worker: settings.name, reason: runStop.reason ?? "stopped")
            tally.released += 1
            logger.notice("run \(summary.runID) of '\(claim.pipeline)' stopped; gave its claim back to the queue")
            return
        }
        try await store.finishClaim(claim.id, worker: settings.name, runID: summary.runID, outcome: summary.status)
        tally.runs += 1
        if summary.status == "failed" { tally.failedRuns += 1 }
        logger.info("run \(summary.runID) of '\(claim.pipeline)': \(summary.status)")
    }

    /// Gives back the claim and the pipeline lock of a run a store error cut off, so any worker runs
    /// it again now (its committed sources stay; the next run marks it interrupted).
    private func giveBack(_ claim: ClaimedRun) async throws {
        let host = ProcessInfo.processInfo.hostName
        let pid = Int(ProcessInfo.processInfo.processIdentifier)
        try await store.releaseLock(pipeline: claim.pipeline, host: host, pid: pid)
        try await store.releaseClaim(claim.id, worker: settings.name, reason: "the run was cut off by a store error")
        logger.notice("gave back run \(claim.id) of '\(claim.pipeline)', cut off by a store error, to the queue")
    }

    /// Queues each pipeline's latest scheduled time that has come (once: `schedule_slots`), all in
    /// one statement. A pipeline is looked at again only once its next scheduled time has come
    /// (`nextLooks`), and the caller calls this only once the earliest of those has come, so a claim
    /// does not cost a pass over every pipeline.
    private func queueDue(
        _ configs: [String: PipelineConfig], ids: [String], now: Date, lastSlots: inout [String: Date],
        nextLooks: inout [String: Date]
    ) async throws {
        var due: [(pipeline: String, slot: Date)] = []
        // Kept only once the due runs are queued: a store error leaves them to the next pass.
        var looks: [String: Date] = [:]
        for id in ids {
            if let next = nextLooks[id], now < next { continue }
            guard let text = configs[id]?.schedule, let schedule = try? CronSchedule(parsing: text) else {
                looks[id] = .distantFuture
                continue
            }
            let from = lastSlots[id] ?? now.addingTimeInterval(-settings.catchUp)
            var latest: Date?
            var cursor = from
            while let next = schedule.nextRun(after: cursor), next <= now {
                latest = next
                cursor = next
            }
            looks[id] = schedule.nextRun(after: cursor) ?? .distantFuture
            guard let latest, latest != lastSlots[id] else { continue }
            due.append((id, latest))
        }
        let queued = try await store.enqueueScheduled(due)
        nextLooks.merge(looks) { $1 }
        for (id, slot) in due {
            if queued.contains(id), let text = configs[id]?.schedule {
                logger.info("queued '\(id)': due at \(ISO8601DateFormatter().string(from: slot)) (\(text))")
            }
            lastSlots[id] = slot
        }
    }

    /// A pipeline file as the last load read it: its size and modification time, and what it loaded as.
    struct LoadedFile: Sendable {
        var size: Int
        var modified: Double
        var config: PipelineConfig
    }

    /// The pipelines the paths name, by id; a file that does not load is logged and left out.
    ///
    /// `cache` holds the files that loaded before: one whose size and modification time are the
    /// same is not read again (a worker reloads its folders every minute; a national folder is
    /// thousands of files). A file that did not load is read again every time, so an input that
    /// appears later lets it load.
    func load(cache: inout [String: LoadedFile]) -> [String: PipelineConfig] {
        var out: [String: PipelineConfig] = [:]
        let files = PipelineScheduler(paths: settings.paths, loader: loader, logger: logger, stop: StopFlag()) { _ in ""
        }
        .pipelineFiles()
        // One resolver for this load: the folders are standardized once (and again at the next load).
        let resolver = PathResolver()
        var seen: [String: LoadedFile] = [:]
        for file in files {
            let attributes = (try? FileManager.default.attributesOfItem(atPath: file)) ?? [:]
            let size = (attributes[.size] as? Int) ?? -1
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
            let config: PipelineConfig
            if let known = cache[file], known.size == size, known.modified == modified, size >= 0 {
                config = known.config
            } else {
                do {
                    config = try loader.load(path: file, paths: resolver)
                } catch {
                    for p in error.problems { logger.error("\(p.description)") }
                    continue
                }
            }
            seen[file] = LoadedFile(size: size, modified: modified, config: config)
            if let other = out[config.id] {
                logger.error("\(file): pipeline id '\(config.id)' is also the id of \(other.file); left out")
                continue
            }
            out[config.id] = config
        }
        cache = seen
        return out
    }

    private func sleep(_ seconds: Double, unless stop: StopFlag) async {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end && !stop.isRequested {
            try? await Task.sleep(nanoseconds: UInt64(min(0.2, max(0.01, end.timeIntervalSinceNow)) * 1e9))
        }
    }
}
