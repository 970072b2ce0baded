import ArgumentParser
import Foundation
import Pipeline

extension Yardstick {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check pipeline files: every problem as FILE:LINE:COLUMN: message.",
            discussion: "A folder stands for every .yaml and .yml file in it, as `yardstick schedule` reads it.")

        @Argument(
            help: "Pipeline files, or folders of them, to check.", completion: .file(extensions: ["yaml", "yml"]))
        var files: [String]

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let logger = global.bootstrap()
            let loader = makeLoader()
            let evaluator = makeEvaluator(logger: logger)
            var failed = false
            var expanded: [String] = []
            for path in files {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                    let found = PipelineScheduler(
                        paths: [path], loader: loader, logger: logger, stop: StopFlag(), runPipeline: { _ in "" }
                    ).pipelineFiles()
                    if found.isEmpty {
                        StandardOutput.error("\(path): no pipeline files (.yaml or .yml) in this folder")
                        failed = true
                    }
                    expanded += found
                } else {
                    expanded.append(path)
                }
            }
            for file in expanded {
                do {
                    let config = try loader.load(path: file)
                    do {
                        try checkCatalogs([config], evaluator: evaluator)
                    } catch {
                        failed = true
                        continue
                    }
                    StandardOutput.line("\(file): ok (pipeline '\(config.id)', \(config.sources.count) source(s))")
                    for line in scheduleLines(config) { StandardOutput.line("  \(line)") }
                } catch {
                    failed = true
                    for p in error.problems { StandardOutput.error(p.description) }
                }
            }
            if failed { throw ExitCodes.invalidInput }
        }
    }
}
