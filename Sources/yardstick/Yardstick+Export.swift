import ArgumentParser
import Foundation
import Pipeline
import Reports
import Storage

extension Yardstick {
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the tidy panel of pipelines' stored data: one row per region × year × goal.",
            discussion: """
                Columns: docs/panel-export.md. CSV or JSON Lines (Parquet and Arrow are not offered: no \
                well-kept Swift or C library for them is at hand). Reads the store only, like `report`.
                """)

        @Argument(help: "Pipeline files, or folders of them.", completion: .file(extensions: ["yaml", "yml"]))
        var pipelines: [String]

        @OptionGroup var store: StoreOptions
        @OptionGroup var global: GlobalOptions

        @Option(help: "csv or jsonl.")
        var format: String = "csv"

        @Option(name: .shortAndLong, help: "Write to this file instead of stdout.")
        var output: String?

        func run() async throws {
            let logger = global.bootstrap()
            guard let exportFormat = PanelExport.Format(rawValue: format) else {
                StandardOutput.error("error: unknown export format '\(format)'; use csv or jsonl")
                throw ExitCodes.invalidInput
            }
            let configs = try loadPipelines(try expandPipelinePaths(pipelines, logger: logger))
            let evaluator = makeEvaluator(logger: logger, colour: false)
            try checkCatalogs(configs, evaluator: evaluator)
            let scorecards = try await latestScorecards(
                configs, evaluator: evaluator, databasePath: self.store.databasePath)
            let text = PanelExport().render(scorecards, as: exportFormat)
            if let output {
                do {
                    try text.write(toFile: output, atomically: true, encoding: .utf8)
                } catch {
                    StandardOutput.error(
                        "error: \(output): cannot write the export (\(error.localizedDescription)); check the folder exists and is writable"
                    )
                    throw ExitCodes.invalidInput
                }
                StandardOutput.error("wrote \(output)")
            } else {
                StandardOutput.write(text, to: .standardOutput)
            }
        }
    }
}
