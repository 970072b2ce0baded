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
                var out = "["
                for (i, a) in registry.adapters.enumerated() {
                    let d = a.descriptor
                    if i > 0 { out += "," }
                    out += "{\"name\":"
                    JSONText.appendString(d.name, to: &out)
                    out += ",\"version\":"
                    JSONText.appendString(d.version, to: &out)
                    out += ",\"summary\":"
                    JSONText.appendString(d.summary, to: &out)
                    out += ",\"options\":["
                    for (k, o) in d.options.enumerated() {
                        if k > 0 { out += "," }
                        out += "{\"key\":"
                        JSONText.appendString(o.key, to: &out)
                        out += ",\"help\":"
                        JSONText.appendString(o.help, to: &out)
                        out += "}"
                    }
                    out += "]}"
                }
                out += "]"
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
