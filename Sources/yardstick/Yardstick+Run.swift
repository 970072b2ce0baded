import ArgumentParser
import BuiltinAdapters
import Foundation
import GoalCheck
import IndicatorKit
import Logging
import Normalize
import Pipeline
import PostgresStorage
import Storage

extension Yardstick {
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run pipelines: read every source into the store, check the goals, write the reports.",
            discussion: """
                Each source is stored in one transaction: a source that fails rolls back alone and leaves its \
                last good data in place. Sources whose input did not change are skipped unless --full-refresh.
                """)

        @Argument(
            help: "Pipeline files to run, or folders of them (every .yaml and .yml file inside).",
            completion: .file(extensions: ["yaml", "yml"]))
        var pipelines: [String]

        @OptionGroup var store: StoreOptions
        @OptionGroup var global: GlobalOptions

        @Flag(help: "Re-read every source even when its input did not change.")
        var fullRefresh = false

        @Flag(
            help:
                "When no source, pipeline file, catalog or report option changed since the last checked run, record the run as unchanged and skip its checks and reports."
        )
        var skipUnchanged = false

        @Option(help: "Print the scorecard as table (default) or json on stdout.")
        var format: ScorecardFormat = .table

        @Option(help: "Write report files to this folder instead of the pipeline's report.directory.")
        var reportDir: String?

        @Option(help: "Write Prometheus text-format metrics to this file after the run.")
        var metricsFile: String?

        @Option(help: "Exit with code 5 when a goal has one of these statuses (comma-separated, e.g. missed,behind).")
        var failOn: String?

        @Option(help: "Seconds after which the lock heartbeat of a run on another host counts as stale.")
        var staleLockAfter: Double = 120

        @Option(
            help:
                "Seconds the current source may go on after SIGTERM/SIGINT or the run-timeout before it is rolled back (default: the pipeline's stop-grace, else 30)."
        )
        var stopGrace: Double?

        @Option(
            help:
                "Seconds a run may take before it is stopped as on SIGTERM (default: the pipeline's run-timeout, else 21600)."
        )
        var runTimeout: Double?

        @Option(help: .hidden)
        var heartbeatInterval: Double?

        func validate() throws {
            _ = try Self.failStatuses(failOn)
            if let stopGrace, !(stopGrace > 0) {
                throw ValidationError("--stop-grace must be a number of seconds above 0")
            }
            if let runTimeout, !(runTimeout > 0) {
                throw ValidationError("--run-timeout must be a number of seconds above 0")
            }
        }

        /// The statuses `--fail-on` names; a usage error naming the valid ones for anything else.
        static func failStatuses(_ text: String?) throws -> Set<String> {
            let names = (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            let valid = CheckStatus.all.map(\.rawValue)
            for name in names where !valid.contains(name) {
                var message = "--fail-on: '\(name)' is not a goal status"
                if let guess = Spelling.closest(to: name, among: valid) { message += " (did you mean '\(guess)'?)" }
                throw ValidationError(message + "; valid statuses: " + valid.joined(separator: ", "))
            }
            if text != nil && names.isEmpty {
                throw ValidationError("--fail-on: give one or more statuses: " + valid.joined(separator: ", "))
            }
            return Set(names)
        }

        func run() async throws {
            let logger = global.bootstrap()
            let configs = try loadPipelines(try expandPipelinePaths(pipelines, logger: logger))
            let evaluator = makeEvaluator(logger: logger, colour: StandardOutput.useColour)
            try checkCatalogs(configs, evaluator: evaluator)
            let store = try await openStore(self.store.databasePath)
            var options = RunOptions()
            options.fullRefresh = fullRefresh
            options.skipUnchangedChecks = skipUnchanged
            options.staleLockAfter = staleLockAfter
            options.reportDirectory = reportDir
            options.cacheDirectory = cacheDirectory(forDatabase: self.store.databasePath)
            options.paths = PathResolver()
            options.progress = isatty(STDERR_FILENO) != 0 && !global.quiet
            options.stopGrace = stopGrace
            if let heartbeatInterval, heartbeatInterval > 0 { options.heartbeatInterval = heartbeatInterval }
            options.runTimeout = runTimeout
            options.onStuckStop = {
                StandardOutput.error(
                    "error: the stopped source did not end; the run was marked stopped and its lock released")
                Foundation.exit(ExitCodes.stopped.rawValue)
            }
            let stop = options.stop
            let signals = SignalWatcher(stop: stop)
            defer { signals.cancel() }
            let failStatuses = try Self.failStatuses(failOn)
            var exit = ExitCodes.success
            var jsonDocuments: [String] = []
            for config in configs {
                let runner = PipelineRunner(
                    registry: builtinAdapters, store: store, logger: logger, evaluator: evaluator)
                let summary: RunSummary
                do {
                    summary = try await runner.run(config, options: options)
                } catch let error as StoreError where error.code == .lockHeld {
                    StandardOutput.error("error: \(error.message)")
                    exit = ExitCodes.lockHeld
                    continue
                } catch let error as CatalogError {
                    StandardOutput.error("error: \(error.message)")
                    exit = ExitCodes.invalidInput
                    continue
                } catch let error as StoreError {
                    StandardOutput.error("error: \(error.message)")
                    if exit == ExitCodes.success { exit = ExitCodes.sourceFailed }
                    continue
                }
                let toStderr = format == ScorecardFormat.json
                let out: (String) -> Void = { text in
                    if toStderr { StandardOutput.error(text) } else { StandardOutput.line(text) }
                }
                out("run \(summary.runID) of \(config.id): \(summary.status)")
                if let since = summary.checksUnchangedSince {
                    out(
                        "  nothing changed since run \(since): its checks and reports hold, skipped (yardstick report shows them)"
                    )
                }
                if let previous = summary.tookOverLockFrom {
                    out("  took over the lock held by \(previous): \(previous.takeoverReason ?? "stale")")
                }
                for s in summary.sources { out("  " + SourceLine.format(s)) }
                if !summary.unmatchedSubjects.isEmpty {
                    out("  subjects not in the catalog (add them to a catalog file to check them):")
                    for s in summary.unmatchedSubjects { out("    \(s)") }
                }
                for f in summary.reportFiles { out("  report: \(f)") }
                switch format {
                case .table:
                    if let table = summary.table { StandardOutput.line(table) }
                case .json:
                    if let json = summary.scorecardJSON { jsonDocuments.append(json) }
                }
                if let metricsFile {
                    do {
                        try await MetricsWriter.write(summary: summary, store: store, to: metricsFile)
                    } catch {
                        StandardOutput.error("warning: could not write metrics to \(metricsFile): \(error)")
                    }
                }
                if let problem = summary.evaluationError {
                    StandardOutput.error("error: goal checks or reports of \(config.id) failed: \(problem)")
                    if exit == ExitCodes.success { exit = ExitCodes.invalidInput }
                }
                if summary.status == "stopped" {
                    out(
                        "  stopped: \(stop.reason ?? "a stop was requested"); sources not read keep their last good data"
                    )
                    exit = ExitCodes.stopped
                    break
                }
                // A source kept on its previous data (on-empty: keep) did not land either.
                if !summary.failedSources.isEmpty || summary.sources.contains(where: { $0.status == "kept" }),
                    exit == ExitCodes.success
                {
                    exit = ExitCodes.sourceFailed
                }
                if !failStatuses.isEmpty,
                    summary.statusCounts.contains(where: { failStatuses.contains($0.key) && $0.value > 0 }),
                    exit == ExitCodes.success
                {
                    exit = ExitCodes.failOnTripped
                }
            }
            if format == .json {
                StandardOutput.line(
                    jsonDocuments.count == 1 ? jsonDocuments[0] : "[" + jsonDocuments.joined(separator: ",") + "]")
            }
            if exit != ExitCodes.success { throw exit }
        }
    }

    enum ScorecardFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }
}

/// Loads pipeline files, printing every problem and exiting with the invalid-input code on any.
func loadPipelines(_ paths: [String]) throws -> [PipelineConfig] {
    let loader = makeLoader()
    // One resolver for the batch: the files' folders (and their sources') are standardized once.
    let resolver = PathResolver()
    var configs: [PipelineConfig] = []
    var failed = false
    for path in paths {
        do {
            configs.append(try loader.load(path: path, paths: resolver))
        } catch {
            failed = true
            for p in error.problems { StandardOutput.error(p.description) }
        }
    }
    if failed { throw ExitCodes.invalidInput }
    return configs
}

/// Opens the store `--db` names (`StoreLocation.open`, or a PostgreSQL store for a `postgres://`
/// URL), or exits with the invalid-input code and a message.
func openStore(_ location: String) async throws -> any ResultStore {
    if PostgresLocation.isURL(location) {
        return try await openPostgresStore(location, logger: Logger(label: "yardstick.postgres"))
    }
    do {
        return try StoreLocation.open(location)
    } catch {
        StandardOutput.error("error: \(error)")
        throw ExitCodes.invalidInput
    }
}

/// Opens a store that must already exist (for commands that only read it), or exits with the
/// invalid-input code without creating anything.
func openExistingStore(_ location: String) async throws -> any ResultStore {
    if PostgresLocation.isURL(location) {
        return try await openPostgresStore(location, logger: Logger(label: "yardstick.postgres"), existingOnly: true)
    }
    do {
        return try StoreLocation.openExisting(location)
    } catch let error as StoreError where error.code == .notFound {
        StandardOutput.error("error: \(error.message)")
        throw ExitCodes.invalidInput
    } catch {
        StandardOutput.error("error: \(error)")
        throw ExitCodes.invalidInput
    }
}

/// The cache of fetched inputs lives beside the store (for a PostgreSQL store, in .yardstick/cache).
func cacheDirectory(forDatabase path: String) -> String {
    if PostgresLocation.isURL(path) { return ".yardstick/cache" }
    return ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("cache")
}
