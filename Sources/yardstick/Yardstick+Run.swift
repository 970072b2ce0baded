import ArgumentParser

extension Yardstick {
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run pipelines: read every source, store, check goals, report.")
        func run() async throws { throw ExitCodes.internalError }
    }
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check pipeline files.")
    }
    struct Runs: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List recent runs.")
    }
}
