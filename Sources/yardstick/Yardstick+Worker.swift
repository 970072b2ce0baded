import ArgumentParser
import BuiltinAdapters
import Foundation
import Logging
import Pipeline
import PostgresStorage
import Storage
import Workers

extension Yardstick {
    struct Worker: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve a shared PostgreSQL store: run the due pipelines that no other worker has claimed.",
            discussion: """
                Start one on each of any number of hosts, all with the same --db and pipeline files. Each worker \
                queues the runs the pipelines' schedule: makes due (each due time once), claims queued runs from \
                the store's run queue (FOR UPDATE SKIP LOCKED) and heartbeats its claim; a claim whose worker \
                stopped heartbeating for --stale-after seconds is taken over by another worker and logged. SIGTERM \
                lets the current source finish, gives the claim back and exits. When the database cannot be \
                reached the worker logs it and retries with a doubling backoff. docs/operations.md has the details.
                """)

        @Argument(help: "Folders (every *.yaml / *.yml inside) or files of pipelines (default: pipelines).")
        var paths: [String] = ["pipelines"]

        @OptionGroup var store: StoreOptions
        @OptionGroup var global: GlobalOptions

        @Option(help: "This worker's name in the queue (default: HOST:PID:random).")
        var name: String?

        @Option(help: "Seconds between looks at the queue when nothing is due.")
        var poll: Double = 2

        @Option(help: "Seconds between heartbeats of a claimed run.")
        var heartbeat: Double = 5

        @Option(help: "Seconds after which a claim whose heartbeat stopped is taken over by another worker.")
        var staleAfter: Double = 30

        @Option(help: "Folder for the cache of fetched inputs (default: .yardstick/cache).")
        var cacheDir: String = ".yardstick/cache"

        @Flag(help: "Exit once no run of these pipelines waits or is claimed, instead of serving forever.")
        var untilIdle = false

        func validate() throws {
            for (flag, value) in [("--poll", poll), ("--heartbeat", heartbeat), ("--stale-after", staleAfter)]
            where !(value > 0) {
                throw ValidationError("\(flag) must be a number of seconds above 0")
            }
            if staleAfter <= heartbeat {
                throw ValidationError(
                    "--stale-after (\(staleAfter) s) must be longer than --heartbeat (\(heartbeat) s), or live claims would be taken over"
                )
            }
        }

        func run() async throws {
            let logger = global.bootstrap()
            let url = try postgresURL(self.store.databasePath, for: "worker")
            let store = try await openPostgresStore(url, logger: logger)
            var settings = RunQueueWorker.Settings(paths: paths)
            if let name { settings.name = name }
            settings.pollInterval = poll
            settings.heartbeatInterval = heartbeat
            settings.staleAfter = staleAfter
            settings.untilIdle = untilIdle
            let stop = StopFlag()
            let signals = SignalWatcher(stop: stop)
            defer { signals.cancel() }
            let cache = cacheDir
            let heartbeatInterval = heartbeat
            let staleLockAfter = staleAfter
            let evaluator = makeEvaluator(logger: logger, colour: false)
            let worker = RunQueueWorker(settings: settings, store: store, loader: makeLoader(), logger: logger) {
                config, runStop in
                var options = RunOptions()
                options.stop = runStop
                options.cacheDirectory = cache
                options.paths = PathResolver()
                options.skipUnchangedChecks = true
                options.heartbeatInterval = heartbeatInterval
                options.staleLockAfter = staleLockAfter
                let runner = PipelineRunner(
                    registry: builtinAdapters, store: store, logger: logger, evaluator: evaluator)
                return try await runner.run(config, options: options)
            }
            let tally = await worker.run(stop: stop)
            await store.close()
            StandardOutput.error(
                "worker \(settings.name): \(tally.runs) run(s), \(tally.failedRuns) failed, \(tally.takeovers) taken over, \(tally.released) given back"
            )
        }
    }

    struct Enqueue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Queue runs of pipelines now, for the workers of a shared PostgreSQL store.",
            discussion: """
                A pipeline is named by its id or by its file. A pipeline that already has a run waiting is not \
                queued twice (that run reads the same inputs).
                """)

        @Argument(help: "Pipeline ids or files.")
        var pipelines: [String]

        @OptionGroup var store: StoreOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let logger = global.bootstrap()
            let url = try postgresURL(self.store.databasePath, for: "enqueue")
            var ids: [String] = []
            for name in pipelines {
                if name.hasSuffix(".yaml") || name.hasSuffix(".yml") || FileManager.default.fileExists(atPath: name) {
                    ids += try loadPipelines([name]).map(\.id)
                } else {
                    ids.append(name)
                }
            }
            let store = try await openPostgresStore(url, logger: logger)
            for id in ids {
                do {
                    let queued = try await store.enqueue(pipeline: id)
                    StandardOutput.line(queued ? "queued \(id)" : "\(id): a run is already waiting in the queue")
                } catch {
                    StandardOutput.error("error: \(error)")
                    await store.close()
                    throw ExitCodes.sourceFailed
                }
            }
            await store.close()
        }
    }
}

/// `--db` when it is a PostgreSQL URL; otherwise says that `command` needs one and exits with the
/// invalid-input code.
func postgresURL(_ location: String, for command: String) throws -> String {
    guard PostgresLocation.isURL(location) else {
        StandardOutput.error(
            "error: yardstick \(command) needs the workers' shared PostgreSQL store: give --db postgres://USER@HOST:PORT/DATABASE (or set YARDSTICK_DB); \(location) is not one"
        )
        throw ExitCodes.invalidInput
    }
    return location
}

/// Connects to a PostgreSQL store, or prints why not (never the password) and exits with the
/// invalid-input code.
func openPostgresStore(_ url: String, logger: Logger, existingOnly: Bool = false) async throws -> PostgresStore {
    do {
        return try await PostgresStore(url: url, logger: logger, existingOnly: existingOnly)
    } catch {
        StandardOutput.error("error: \(error)")
        throw ExitCodes.invalidInput
    }
}
