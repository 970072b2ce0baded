import ArgumentParser
import BuiltinAdapters
import Foundation
import IndicatorKit
import Pipeline
import Store

extension Yardstick {
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run pipelines: read every source into the store, check the goals, write the reports.",
            discussion: """
                Each source is stored in one transaction: a source that fails rolls back alone and leaves its \
                last good data in place. Sources whose input did not change are skipped unless --full-refresh.
                """)

        @Argument(help: "Pipeline files to run.", completion: .file(extensions: ["yaml", "yml"]))
        var pipelines: [String]

        @OptionGroup var store: StoreOptions
        @OptionGroup var global: GlobalOptions

        @Flag(help: "Re-read every source even when its input did not change.")
        var fullRefresh = false

        @Option(help: "Print the scorecard as table (default) or json on stdout.")
        var format: ScorecardFormat = .table

        @Option(help: "Write report files to this folder instead of the pipeline's report.directory.")
        var reportDir: String?

        @Option(help: "Write Prometheus text-format metrics to this file after the run.")
        var metricsFile: String?

        @Option(help: "Exit with code 5 when a goal has one of these statuses (comma-separated, e.g. missed,behind).")
        var failOn: String?

        @Option(help: "Seconds after which another run's lock heartbeat counts as stale.")
        var staleLockAfter: Double = 120

        func run() async throws {
            let logger = global.bootstrap()
            let configs = try loadPipelines(pipelines)
            let store = try openStore(self.store.databasePath)
            var options = RunOptions()
            options.fullRefresh = fullRefresh
            options.staleLockAfter = staleLockAfter
            options.reportDirectory = reportDir
            options.cacheDirectory = cacheDirectory(forDatabase: self.store.databasePath)
            options.progress = isatty(STDERR_FILENO) != 0 && !global.quiet
            let stop = options.stop
            let signals = SignalWatcher { stop.request() }
            defer { signals.cancel() }
            let failStatuses = Set((failOn ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            var exit = ExitCodes.success
            var jsonDocuments: [String] = []
            for config in configs {
                let runner = PipelineRunner(
                    registry: builtinAdapters, store: store, logger: logger, evaluator: makeEvaluator(logger: logger))
                let summary: RunSummary
                do {
                    summary = try await runner.run(config, options: options)
                } catch let error as StoreError where error.code == .lockHeld {
                    StandardOutput.error("error: \(error.message)")
                    exit = ExitCodes.lockHeld
                    continue
                }
                let toStderr = format == ScorecardFormat.json
                let out: (String) -> Void = { text in
                    if toStderr { StandardOutput.error(text) } else { StandardOutput.line(text) }
                }
                out("run \(summary.runID) of \(config.id): \(summary.status)")
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
                        try MetricsWriter.write(summary: summary, store: store, to: metricsFile)
                    } catch {
                        StandardOutput.error("warning: could not write metrics to \(metricsFile): \(error)")
                    }
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
                StandardOutput.line(jsonDocuments.count == 1 ? jsonDocuments[0] : "[" + jsonDocuments.joined(separator: ",") + "]")
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
    var configs: [PipelineConfig] = []
    var failed = false
    for path in paths {
        do {
            configs.append(try loader.load(path: path))
        } catch {
            failed = true
            for p in error.problems { StandardOutput.error(p.description) }
        }
    }
    if failed { throw ExitCodes.invalidInput }
    return configs
}

/// Opens the store, or exits with the invalid-input code and a message.
func openStore(_ path: String) throws -> Store {
    do {
        return try Store(path: path)
    } catch {
        StandardOutput.error("error: \(error)")
        throw ExitCodes.invalidInput
    }
}

/// The cache of fetched inputs lives beside the store.
func cacheDirectory(forDatabase path: String) -> String {
    ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("cache")
}
