import ArgumentParser
import Foundation
import Logging
import Pipeline
import Reports
import Storage

extension Yardstick {
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print or write the scorecard of a pipeline's current stored data, without reading its sources.")

        @Argument(
            help: "The pipeline file (with --compare: a folder of pipeline files, or one of them).",
            completion: .file(extensions: ["yaml", "yml"]))
        var pipeline: String

        @Flag(help: "Put the pipelines of the folder side by side: indicators × regions for one year, misses first.")
        var compare = false

        @Option(help: "With --compare: the year to compare (default: the latest year with goals).")
        var period: Int?

        @OptionGroup var store: StoreOptions
        @OptionGroup var global: GlobalOptions

        @Option(
            help: ArgumentHelp(
                "The report format: \(ReportFormat.acceptedNames.joined(separator: ", ")).", valueName: "format"))
        var format: String = "table"

        @Option(name: .shortAndLong, help: "Write to this file instead of stdout.")
        var output: String?

        @Option(help: "zh or en: the labels' language (default: the pipeline's report.language, else the documents').")
        var language: String?

        func run() async throws {
            let logger = global.bootstrap()
            guard let reportFormat = ReportFormat(named: format) else {
                StandardOutput.error("error: " + ReportFormat.unknownNameMessage(format))
                throw ExitCodes.invalidInput
            }
            if let language, !ReportConfig.knownLanguages.contains(language) {
                StandardOutput.error("error: unknown language '\(language)'; use zh or en")
                throw ExitCodes.invalidInput
            }
            if compare {
                try await runComparison(logger: logger)
                return
            }
            if period != nil {
                StandardOutput.error(
                    "error: --period goes with --compare; without it the report covers the pipeline's own period")
                throw ExitCodes.invalidInput
            }
            var config = try loadPipelines([pipeline])[0]
            if let language { config.report.language = language }
            let colour = output == nil && StandardOutput.useColour
            let evaluator = makeEvaluator(logger: logger, colour: colour)
            try checkCatalogs([config], evaluator: evaluator)
            let store = try await openExistingStore(self.store.databasePath)
            let lastRun = try await store.runs(pipeline: config.id, limit: 1).first?.id
            if lastRun == nil {
                StandardOutput.error(
                    "note: pipeline '\(config.id)' has no runs in \(self.store.databasePath) yet; run it with: yardstick run \(pipeline)"
                )
            }
            let scorecard = try await evaluator.scorecard(for: config, store: store, runID: lastRun)
            let text = reportFormat.renderer(colour: colour).render(scorecard)
            if let output {
                try text.write(toFile: output, atomically: true, encoding: .utf8)
                StandardOutput.error("wrote \(output)")
            } else {
                StandardOutput.write(text, to: .standardOutput)
            }
        }
    }
}
