import ArgumentParser
import BuiltinAdapters
import IndicatorKit

extension Yardstick {
    struct Adapters: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the adapters this build knows, with their versions and options.")

        @Flag(help: "Print JSON instead of text.")
        var json = false

        @OptionGroup var global: GlobalOptions

        func run() throws {
            _ = global.bootstrap()
            let registry = builtinAdapters
            if json {
                let list = JSONValue.array(
                    registry.adapters.map { a in
                        let d = a.descriptor
                        return .object([
                            ("name", .string(d.name)), ("version", .string(d.version)), ("summary", .string(d.summary)),
                            (
                                "options",
                                .array(
                                    d.options.map { .object([("key", .string($0.key)), ("help", .string($0.help))]) })
                            ),
                        ])
                    })
                var out = ""
                list.writeCompact(to: &out)
                StandardOutput.line(out)
                return
            }
            for a in registry.adapters {
                let d = a.descriptor
                StandardOutput.line("\(d.name) \(d.version) — \(d.summary)")
                for o in d.options {
                    StandardOutput.line(
                        "    \(o.key.padding(toLength: max(12, o.key.count), withPad: " ", startingAt: 0))  \(o.help)")
                }
            }
            StandardOutput.line(
                "exec (built in) — an external adapter program: command: [...], timeout: SECONDS in a pipeline source")
        }
    }
}
