import ArgumentParser
import Foundation

extension Yardstick {
    struct NewAdapter: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new-adapter",
            abstract: "Create a new adapter: a Swift module in this package, or an external program.",
            discussion: """
                Without --external it writes Plugins/<Name>Adapter/ (a working adapter for subject,period,value,unit \
                lines), Tests/<Name>AdapterTests/ (the compatibility test and value checks on a sample), and adds \
                the target to Package.swift and the adapter to Sources/BuiltinAdapters/BuiltinAdapters.swift — or, \
                if those files do not look as expected, prints the lines to add. With --external python|swift it \
                writes adapters/<name>/: a standalone program speaking the record protocol \
                (docs/adapter-protocol.md), a sample and a pipeline that runs it. Existing files are never overwritten.
                """)

        @Argument(help: "The adapter's name, e.g. Weather (type WeatherAdapter, adapter name weather).")
        var name: String

        @Option(help: "Write a standalone program in adapters/<name>/ instead: python or swift.")
        var external: AdapterScaffold.Language?

        @Option(
            name: .customLong("package-root"),
            help: "The yardstick checkout to add to (default: the current directory).")
        var packageRoot: String = "."

        @OptionGroup var global: GlobalOptions

        func run() throws {
            _ = global.bootstrap()
            let root = URL(fileURLWithPath: packageRoot, isDirectory: true).standardizedFileURL
            let outcome: AdapterScaffold.Outcome
            let scaffold: AdapterScaffold
            do {
                scaffold = try AdapterScaffold(name: name, root: root)
                outcome = try external.map(scaffold.createExternal) ?? scaffold.createBuiltin()
            } catch let failure as AdapterScaffold.Failure {
                StandardOutput.error("error: \(failure.message)")
                throw ExitCodes.invalidInput
            }
            let what =
                external.map { "external \($0.rawValue) adapter '\(scaffold.adapterName)'" }
                ?? "adapter \(scaffold.typeName) ('\(scaffold.adapterName)')"
            StandardOutput.line("Created \(what) in \(root.path):")
            for path in outcome.created { StandardOutput.line("  created  \(path)") }
            for path in outcome.edited { StandardOutput.line("  edited   \(path)") }
            if !outcome.manualEdits.isEmpty {
                StandardOutput.line("")
                StandardOutput.line(
                    "These files did not have the expected shape, so nothing in them was changed. Add by hand:")
                for edit in outcome.manualEdits {
                    StandardOutput.line("  - " + edit.replacingOccurrences(of: "\n", with: "\n    "))
                }
            }
            StandardOutput.line("")
            StandardOutput.line("Next:")
            for step in outcome.nextSteps { StandardOutput.line("  \(step)") }
        }
    }
}

extension AdapterScaffold.Language: ExpressibleByArgument {}
