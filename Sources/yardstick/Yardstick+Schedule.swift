import ArgumentParser
import BuiltinAdapters
import Foundation
import Pipeline
import Storage

extension Yardstick {
    struct Schedule: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Run pipelines when their schedule says, in the foreground; or print crontab lines or systemd units.",
            discussion: """
                In the foreground (fit for a systemd service or a container), each pipeline runs when due, a failing \
                pipeline is logged and runs again at its next time, changed pipeline files are reloaded, and SIGTERM \
                or SIGINT stops cleanly: the current source finishes or rolls back.
                """)

        @Argument(help: "Pipeline files or folders of them (default: pipelines).")
        var paths: [String] = ["pipelines"]

        @OptionGroup var store: StoreOptions
        @OptionGroup var global: GlobalOptions

        @Flag(help: "Print crontab lines that run the pipelines instead of running them.")
        var printCrontab = false

        @Flag(help: "Print a systemd service and timer unit per pipeline instead of running them.")
        var printSystemd = false

        @Option(help: "Write Prometheus text-format metrics to this file after each run.")
        var metricsFile: String?

        @Flag(help: "Run every pipeline once at start, then on its schedule (catch up after a restart).")
        var runNow = false

        func run() async throws {
            let logger = global.bootstrap()
            let loader = makeLoader()
            if printCrontab || printSystemd {
                try printUnits(loader: loader)
                return
            }
            let store = try await openStore(self.store.databasePath)
            let stop = StopFlag()
            let signals = SignalWatcher(stop: stop)
            defer { signals.cancel() }
            let cache = cacheDirectory(forDatabase: self.store.databasePath)
            let metricsFile = self.metricsFile
            // One evaluator for every run: it parses the catalog once (again only when a catalog file
            // changes), not once per pipeline run.
            let evaluator = makeEvaluator(logger: logger)
            var scheduler = PipelineScheduler(paths: paths, loader: loader, logger: logger, stop: stop) { config in
                var options = RunOptions()
                options.stop = stop
                options.cacheDirectory = cache
                options.skipUnchangedChecks = true
                let runner = PipelineRunner(
                    registry: builtinAdapters, store: store, logger: logger, evaluator: evaluator)
                let summary = try await runner.run(config, options: options)
                if let metricsFile { try? await MetricsWriter.write(summary: summary, store: store, to: metricsFile) }
                let sources = summary.sources.map { "\($0.sourceID) \($0.status)" }.joined(separator: ", ")
                return "run \(summary.runID) \(summary.status) (\(sources))"
            }
            scheduler.runAtStart = runNow
            await scheduler.run()
        }

        func printUnits(loader: PipelineLoader) throws {
            let cwd = FileManager.default.currentDirectoryPath
            let executable = Self.executablePath()
            let db = PipelineLoader.absolute(store.databasePath, relativeTo: cwd)
            var scheduled: [ScheduledPipeline] = []
            let files = PipelineScheduler(
                paths: paths, loader: loader, logger: global.bootstrap(), stop: StopFlag(), runPipeline: { _ in "" }
            ).pipelineFiles()
            for file in files {
                let config: PipelineConfig
                do {
                    config = try loader.load(path: file)
                } catch {
                    for p in error.problems { StandardOutput.error(p.description) }
                    throw ExitCodes.invalidInput
                }
                guard let schedule = config.schedule else {
                    StandardOutput.error("\(file): no schedule: key; skipped")
                    continue
                }
                scheduled.append(
                    ScheduledPipeline(
                        id: config.id, pipelinePath: config.file, schedule: schedule, executablePath: executable,
                        workingDirectory: (config.file as NSString).deletingLastPathComponent, databasePath: db))
            }
            do {
                if printCrontab {
                    StandardOutput.write(try CrontabLines.text(for: scheduled), to: .standardOutput)
                } else {
                    for p in scheduled {
                        let units = try SystemdUnits(for: p)
                        StandardOutput.line("# \(units.serviceName)")
                        StandardOutput.write(units.service, to: .standardOutput)
                        StandardOutput.line("")
                        StandardOutput.line("# \(units.timerName)")
                        StandardOutput.write(units.timer, to: .standardOutput)
                        StandardOutput.line("")
                    }
                }
            } catch let error as ScheduleError {
                StandardOutput.error("error: \(error)")
                throw ExitCodes.invalidInput
            }
        }

        /// This executable's absolute path.
        static func executablePath() -> String {
            if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
            return PipelineLoader.absolute(
                CommandLine.arguments[0], relativeTo: FileManager.default.currentDirectoryPath)
        }
    }
}
