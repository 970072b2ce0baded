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

        @Argument(help: "The pipeline file.", completion: .file(extensions: ["yaml", "yml"]))
        var pipeline: String

        @OptionGroup var store: StoreOptions
        @OptionGroup var global: GlobalOptions

        @Option(help: "table, json, csv, markdown or html.")
        var format: String = "table"

        @Option(name: .shortAndLong, help: "Write to this file instead of stdout.")
        var output: String?

        @Option(help: "zh or en: the labels' language (default: the pipeline's report.language, else the documents').")
        var language: String?

        func run() async throws {
            let logger = global.bootstrap()
            guard let reportFormat = ReportFormat(rawValue: format) else {
                StandardOutput.error("error: unknown format '\(format)'; use table, json, csv, markdown or html")
                throw ExitCodes.invalidInput
            }
            if let language, !ReportConfig.knownLanguages.contains(language) {
                StandardOutput.error("error: unknown language '\(language)'; use zh or en")
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
                StandardOutput.error("note: pipeline '\(config.id)' has no runs in \(self.store.databasePath) yet; run it with: yardstick run \(pipeline)")
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
