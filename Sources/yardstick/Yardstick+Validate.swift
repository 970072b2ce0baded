import ArgumentParser
import Foundation
import Pipeline

extension Yardstick {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check pipeline files: every problem as FILE:LINE:COLUMN: message.")

        @Argument(help: "Pipeline files to check.", completion: .file(extensions: ["yaml", "yml"]))
        var files: [String]

        func run() throws {
            let loader = makeLoader()
            var failed = false
            for file in files {
                do {
                    let config = try loader.load(path: file)
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
