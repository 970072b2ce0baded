import Foundation
import Logging
import Pipeline
import Reports
import Storage

extension Yardstick.Report {
    /// `report DIR --compare`: every pipeline of the folder from the store, one table of
    /// indicators × regions for a year.
    func runComparison(logger: Logger) async throws {
        guard ["table", "json", "csv"].contains(format) else {
            StandardOutput.error("error: --compare writes table, json or csv, not '\(format)'")
            throw ExitCodes.invalidInput
        }
        let files = try expandPipelinePaths([pipeline], logger: logger)
        var configs = try loadPipelines(files)
        if let language { for i in configs.indices { configs[i].report.language = language } }
        let evaluator = makeEvaluator(logger: logger, colour: false)
        try checkCatalogs(configs, evaluator: evaluator)
        let scorecards = try await latestScorecards(
            configs, evaluator: evaluator, databasePath: self.store.databasePath)
        let comparison = RegionComparison(scorecards, year: period)
        let text: String
        switch format {
        case "json": text = comparison.json()
        case "csv": text = comparison.csv()
        default: text = comparison.table()
        }
        if let output {
            try text.write(toFile: output, atomically: true, encoding: .utf8)
            StandardOutput.error("wrote \(output)")
        } else {
            StandardOutput.write(text, to: .standardOutput)
        }
    }
}

/// Pipeline files and folders of them (every .yaml and .yml file, as `schedule` reads a folder),
/// sorted within a folder; an empty folder is an error.
func expandPipelinePaths(_ paths: [String], logger: Logger) throws -> [String] {
    var out: [String] = []
    for path in paths {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            let found = PipelineScheduler(
                paths: [path], loader: makeLoader(), logger: logger, stop: StopFlag(), runPipeline: { _ in "" }
            ).pipelineFiles()
            if found.isEmpty {
                StandardOutput.error("error: \(path): no pipeline files (.yaml or .yml) in this folder")
                throw ExitCodes.invalidInput
            }
            out += found
        } else {
            out.append(path)
        }
    }
    return out
}
