import Foundation
import IndicatorKit
import Normalize
import Reports
import Yams

/// Reads a pipeline file and checks everything that can be checked without running it.
///
/// Every problem is collected and reported as `FILE:LINE:COLUMN: message`: unknown keys (with a
/// suggestion), missing keys, wrong types, unknown adapters, options the adapter rejects, duplicate
/// source ids, locations that do not exist, unset `${VAR}`s. `${VAR}` and `${VAR:-default}` are
/// substituted in values after parsing; relative locations resolve against the file's folder.
public struct PipelineLoader: Sendable {
    package var registry: AdapterRegistry
    public var environment: [String: String]
    /// Checks a `schedule:` value; returns an error message for a bad one.
    public var scheduleCheck: (@Sendable (String) -> String?)?

    public static let topLevelKeys = [
        "pipeline", "title", "region", "regions", "period", "schedule", "sources", "goals", "report", "catalog",
        "run-timeout", "stop-grace",
    ]
    public static let sourceKeys = [
        "id", "adapter", "location", "options", "headers", "command", "timeout", "max-line-bytes", "max-output-bytes",
        "follow-redirects", "max-body-size", "on-empty", "region", "period", "year",
    ]
    public static let goalsKeys = ["sources", "tolerance"]
    public static let toleranceKeys = ["growth", "share", "change", "level"]
    public static let reportKeys = ["formats", "directory", "language"]

    package init(
        registry: AdapterRegistry, environment: [String: String] = ProcessInfo.processInfo.environment,
        scheduleCheck: (@Sendable (String) -> String?)? = nil
    ) {
        self.registry = registry
        self.environment = environment
        self.scheduleCheck = scheduleCheck
    }

    /// Loads and checks the pipeline file at `path` (as the user wrote it; messages use that form).
    public func load(path: String) throws(ConfigError) -> PipelineConfig {
        try load(path: path, paths: PathResolver())
    }

    /// `load(path:)` with the folders `paths` already standardized: a batch of files shares one
    /// resolver, so their common folders are resolved once.
    public func load(path: String, paths: PathResolver) throws(ConfigError) -> PipelineConfig {
        var ctx = Context(display: path, loader: self, paths: paths)
        let config = ctx.load()
        if !ctx.problems.isEmpty || config == nil {
            throw ConfigError(problems: ctx.problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
        }
        return config!
    }

    /// `FILE` resolved against the working directory, standardized.
    public static func absolute(_ path: String, relativeTo folder: String) -> String {
        let p = path.hasPrefix("/") ? path : (folder as NSString).appendingPathComponent(path)
        return (p as NSString).standardizingPath
    }
}

extension PipelineLoader {
    /// Walks one file, collecting problems.
    struct Context {
        let display: String
        let loader: PipelineLoader
        let paths: PathResolver
        var problems: [ConfigProblem] = []
        var folder = ""

        init(display: String, loader: PipelineLoader, paths: PathResolver) {
            self.display = display
            self.loader = loader
            self.paths = paths
        }

        func absolute(_ path: String, relativeTo folder: String) -> String {
            paths.absolute(path, relativeTo: folder)
        }

        mutating func problem(_ node: Node?, _ message: String) {
            let m = node?.mark
            problems.append(ConfigProblem(file: display, line: m?.line ?? 1, column: m?.column ?? 1, message: message))
        }

        mutating func load() -> PipelineConfig? {
            let absolute = self.absolute(display, relativeTo: FileManager.default.currentDirectoryPath)
            folder = (absolute as NSString).deletingLastPathComponent
            guard let data = FileManager.default.contents(atPath: absolute) else {
                problems.append(
                    ConfigProblem(file: display, line: 1, column: 1, message: "cannot read the file; check the path"))
                return nil
            }
            var bytes = [UInt8](data)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                problems.append(
                    ConfigProblem(
                        file: display, line: 1, column: 1,
                        message: "the file is not UTF-8; save it as UTF-8 (iconv -f GBK -t UTF-8)"))
                return nil
            }
            if let at = YAMLExpansion.exceeding(text: text) {
                problems.append(
                    ConfigProblem(file: display, line: at.line, column: at.column, message: YAMLExpansion.message()))
                return nil
            }
            let root: Node?
            do {
                root = try Yams.compose(yaml: text)
            } catch let error as YamlError {
                problems.append(yamlProblem(error))
                return nil
            } catch {
                problems.append(ConfigProblem(file: display, line: 1, column: 1, message: "not valid YAML: \(error)"))
                return nil
            }
            if let root, let at = YAMLExpansion.exceeding(root) {
                problem(at, YAMLExpansion.message())
                return nil
            }
            guard let root, case .mapping(let top) = root else {
                problem(root, "a pipeline file is a mapping with keys pipeline, sources, …")
                return nil
            }
            return pipeline(top, root: root, absolute: absolute)
        }

        func yamlProblem(_ error: YamlError) -> ConfigProblem {
            switch error {
            case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
                .composer(let context, let problem, let mark, _):
                let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
                return ConfigProblem(
                    file: display, line: mark.line, column: mark.column,
                    message: "not valid YAML: \(what); check indentation and quoting")
            default:
                return ConfigProblem(file: display, line: 1, column: 1, message: "not valid YAML: \(error)")
            }
        }

        // MARK: - Pieces

        mutating func checkKeys(_ mapping: Node.Mapping, allowed: [String], in place: String) {
            for (key, _) in mapping {
                guard let k = key.scalar?.string else {
                    problem(key, "keys must be plain names")
                    continue
                }
                if !allowed.contains(k) {
                    var message = "unknown key '\(k)'\(place)"
                    if let guess = Spelling.closest(to: k, among: allowed) {
                        message += " (did you mean '\(guess)'?)"
                    } else {
                        message += "; allowed keys: \(allowed.joined(separator: ", "))"
                    }
                    problem(key, message)
                }
            }
        }

        func value(_ mapping: Node.Mapping, _ key: String) -> Node? {
            for (k, v) in mapping where k.scalar?.string == key { return v }
            return nil
        }

        func keyNode(_ mapping: Node.Mapping, _ key: String) -> Node? {
            for (k, _) in mapping where k.scalar?.string == key { return k }
            return nil
        }

        /// A scalar's text with `${VAR}` substituted.
        mutating func string(_ node: Node?, _ what: String) -> String? {
            guard let node else { return nil }
            guard let s = node.scalar else {
                problem(node, "\(what) must be a single value, not a \(node.isMapping ? "mapping" : "list")")
                return nil
            }
            return substitute(s.string, at: node)
        }

        mutating func substitute(_ text: String, at node: Node) -> String? {
            guard text.contains("${") else { return text }
            var out = ""
            var rest = Substring(text)
            var ok = true
            while let start = rest.range(of: "${") {
                out += rest[..<start.lowerBound]
                guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                    problem(node, "unclosed '${' in '\(text)'; write ${NAME} or ${NAME:-default}")
                    return nil
                }
                let inner = rest[start.upperBound..<end]
                var name = String(inner)
                var fallback: String?
                if let sep = inner.range(of: ":-") {
                    name = String(inner[..<sep.lowerBound])
                    fallback = String(inner[sep.upperBound...])
                }
                if let v = loader.environment[name], !(v.isEmpty && fallback != nil) {
                    out += v
                } else if let fallback {
                    out += fallback
                } else {
                    problem(
                        node,
                        "environment variable \(name) is not set; set it, or give a default as ${\(name):-VALUE}")
                    ok = false
                }
                rest = rest[rest.index(after: end)...]
            }
            out += rest
            return ok ? out : nil
        }

        mutating func number(_ node: Node?, _ what: String) -> Double? {
            guard let node, let s = string(node, what) else { return nil }
            guard let d = Double(s), d.isFinite else {
                problem(node, "\(what) must be a number, not '\(s)'")
                return nil
            }
            return d
        }

        mutating func stringList(_ node: Node?, _ what: String) -> [String]? {
            guard let node else { return nil }
            if node.scalar != nil { return string(node, what).map { [$0] } }
            guard case .sequence(let seq) = node else {
                problem(node, "\(what) must be a list like [a, b]")
                return nil
            }
            var out: [String] = []
            for item in seq {
                if let s = string(item, "each item of \(what)") { out.append(s) }
            }
            return out
        }

        mutating func optionValue(_ node: Node) -> OptionValue? {
            switch node {
            case .scalar(let s):
                guard let text = substitute(s.string, at: node) else { return nil }
                if s.style == .plain {
                    if text == "true" || text == "false" { return .bool(text == "true") }
                    if let d = Double(text), d.isFinite, text.first.map({ $0.isNumber || $0 == "-" }) == true {
                        return .number(d)
                    }
                }
                return .string(text)
            case .sequence(let seq):
                var out: [OptionValue] = []
                for item in seq { if let v = optionValue(item) { out.append(v) } }
                return .list(out)
            case .mapping(let m):
                var out: [String: OptionValue] = [:]
                for (k, v) in m {
                    guard let key = k.scalar?.string else {
                        problem(k, "option keys must be plain names")
                        continue
                    }
                    if let value = optionValue(v) { out[key] = value }
                }
                return .map(out)
            case .alias:
                problem(node, "YAML aliases are not supported in options; write the value out")
                return nil
            }
        }

        // MARK: - The file

        mutating func pipeline(_ top: Node.Mapping, root: Node, absolute: String) -> PipelineConfig? {
            checkKeys(top, allowed: PipelineLoader.topLevelKeys, in: "")
            var id = ""
            if let node = value(top, "pipeline") {
                if let s = string(node, "pipeline") {
                    if s.isEmpty || !s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
                        problem(node, "pipeline id '\(TerminalText.visible(s))' may use only letters, digits and '-'")
                    }
                    id = s
                }
            } else {
                problem(root, "missing key 'pipeline' (the pipeline's id, e.g. pipeline: zhecheng-2022)")
            }
            let title = string(value(top, "title"), "title")
            let region = string(value(top, "region"), "region")
            let (period, years) = pipelinePeriod(value(top, "period"))
            let regions = regionList(value(top, "regions"), region: region)
            var schedule: String?
            if let node = value(top, "schedule"), let s = string(node, "schedule") {
                if let check = loader.scheduleCheck, let message = check(s) { problem(node, message) }
                schedule = s
            }
            var sources: [SourceConfig] = []
            if let node = value(top, "sources") {
                if case .sequence(let seq) = node {
                    if seq.count == 0 { problem(node, "sources is empty; list at least one source") }
                    for item in seq {
                        if let s = source(item) { sources.append(s) }
                    }
                } else {
                    problem(node, "sources must be a list of sources (- id: …)")
                }
            } else {
                problem(root, "missing key 'sources' (a list of sources with id, adapter and location)")
            }
            var seen: [String: Int] = [:]
            for s in sources {
                if let first = seen[s.id] {
                    problems.append(
                        ConfigProblem(
                            file: display, line: s.line, column: s.column,
                            message:
                                "duplicate source id '\(TerminalText.visible(s.id))' (first used on line \(first)); give each source its own id"
                        ))
                } else {
                    seen[s.id] = s.line
                }
            }
            let goals = goalsConfig(value(top, "goals"), sourceIDs: sources.map(\.id))
            let report = reportConfig(value(top, "report"))
            var catalogFiles: [String] = []
            if let node = value(top, "catalog"), let list = stringList(node, "catalog") {
                for f in list {
                    let path = self.absolute(f, relativeTo: folder)
                    if FileManager.default.fileExists(atPath: path) {
                        catalogFiles.append(path)
                    } else {
                        problem(node, "catalog file '\(f)' does not exist (resolved to \(path))")
                    }
                }
            }
            var config = PipelineConfig(
                file: absolute, id: id, title: title, region: region, period: period, schedule: schedule,
                sources: sources, goals: goals, report: report, catalogFiles: catalogFiles)
            config.years = years
            config.regions = regions
            checkSourceRegions(sources, regions: regions)
            for key in ["run-timeout", "stop-grace"] {
                guard let node = value(top, key), let v = number(node, key) else { continue }
                if v <= 0 {
                    problem(node, "\(key) must be a number of seconds above 0")
                } else if key == "run-timeout" {
                    config.runTimeout = v
                } else {
                    config.stopGrace = v
                }
            }
            return config
        }

        mutating func source(_ node: Node) -> SourceConfig? {
            guard case .mapping(let m) = node else {
                problem(node, "each source is a mapping with id, adapter and location")
                return nil
            }
            checkKeys(m, allowed: PipelineLoader.sourceKeys, in: " in a source")
            let idNode = value(m, "id")
            let id = string(idNode, "id") ?? ""
            if idNode == nil {
                problem(node, "missing key 'id' in a source (a short name like 'speech')")
            } else if id.isEmpty || id.contains(where: { $0.isWhitespace || $0 == "/" })
                || !TerminalText.isPrintable(id)
            {
                problem(
                    idNode,
                    "source id '\(TerminalText.visible(id))' must be a non-empty name of printable characters, without spaces, control characters or '/'"
                )
            }
            let label = id.isEmpty ? "a source" : "source '\(id)'"
            guard let adapterNode = value(m, "adapter") else {
                problem(
                    node, "missing key 'adapter' in \(label); known adapters: \(adapterNames.joined(separator: ", "))")
                return nil
            }
            let adapter = string(adapterNode, "adapter") ?? ""
            let isExec = adapter == "exec"
            if !isExec && loader.registry.adapter(named: adapter) == nil {
                var message = "unknown adapter '\(adapter)' in \(label)"
                let builtIn = loader.registry.names
                if let guess = Spelling.closest(to: adapter, among: adapterNames) {
                    message += " (did you mean '\(guess)'?)"
                } else if let nearest = builtIn.min(by: {
                    Spelling.distance(Array(adapter), Array($0)) < Spelling.distance(Array(adapter), Array($1))
                }) {
                    message += " (the nearest built-in adapter is '\(nearest)')"
                }
                problem(
                    adapterNode,
                    message + "; built-in adapters: \(builtIn.joined(separator: ", ")) (see `yardstick adapters`); "
                        + "for an external program use adapter: exec with command: [PROGRAM, ARGS...]")
            }
            // Location.
            var location: String?
            let locationNode = value(m, "location")
            if let locationNode, let raw = string(locationNode, "location") {
                location = resolveLocation(raw, at: locationNode, label: label)
            } else if locationNode == nil && !isExec {
                problem(node, "missing key 'location' in \(label) (a path, file:// or http(s):// URL)")
            }
            // Options.
            var options = AdapterOptions()
            if let optionsNode = value(m, "options") {
                if case .mapping = optionsNode, case .map(let values)? = optionValue(optionsNode) {
                    options = AdapterOptions(values)
                    if !isExec, loader.registry.adapter(named: adapter) != nil {
                        do {
                            _ = try loader.registry.make(adapter, options: options)
                        } catch let error as AdapterError {
                            let at = optionKeyNode(optionsNode, named: error.message) ?? optionsNode
                            problem(at, "\(label): \(error.message)")
                        } catch {
                            problem(optionsNode, "\(label): \(error)")
                        }
                    }
                } else {
                    problem(optionsNode, "options must be a mapping like { mode: goals }")
                }
            }
            var headers: [String: String] = [:]
            if let h = value(m, "headers") {
                if case .mapping(let hm) = h {
                    for (k, v) in hm {
                        if let key = k.scalar?.string, let val = string(v, "header '\(key)'") { headers[key] = val }
                    }
                    if !headers.isEmpty, location != nil,
                        !(location!.hasPrefix("http://") || location!.hasPrefix("https://"))
                    {
                        problem(h, "headers apply only to http(s) locations; \(label) reads a local file")
                    }
                } else {
                    problem(h, "headers must be a mapping like { Authorization: \"Bearer ${TOKEN}\" }")
                }
            }
            var command: [String] = []
            let commandNode = value(m, "command")
            if let commandNode {
                if !isExec {
                    problem(keyNode(m, "command"), "'command' is only for adapter: exec (\(label) uses '\(adapter)')")
                }
                if case .sequence = commandNode {
                    command = stringList(commandNode, "command") ?? []
                    if command.isEmpty { problem(commandNode, "command is empty; give the program and its arguments") }
                } else {
                    problem(commandNode, "command must be a list like [\"python3\", \"my_adapter.py\"]")
                }
            } else if isExec {
                problem(
                    node,
                    "missing key 'command' in \(label): adapter exec runs a program, e.g. command: [\"python3\", \"my_adapter.py\"]"
                )
            }
            let isRemote = SourceConfig.isRemote(location)
            var timeout: Double?
            if let t = value(m, "timeout") {
                if !isExec && !isRemote {
                    problem(
                        keyNode(m, "timeout"),
                        "'timeout' is for adapter: exec (seconds the program may run) and http(s) locations (seconds for the whole transfer); \(label) reads a local file"
                    )
                }
                timeout = number(t, "timeout")
                if let tv = timeout, tv <= 0 { problem(t, "timeout must be a number of seconds above 0") }
            }
            var limits: [String: Int] = [:]
            for key in ["max-line-bytes", "max-output-bytes"] {
                guard let n = value(m, key) else { continue }
                if !isExec { problem(keyNode(m, key), "'\(key)' is only for adapter: exec") }
                if let v = number(n, key) {
                    if v < 1 || v > 1e15 || v != v.rounded() {
                        problem(n, "\(key) must be a whole number of bytes above 0")
                    } else {
                        limits[key] = Int(v)
                    }
                }
            }
            let mark = node.mark
            var config = SourceConfig(
                id: id, adapter: adapter, location: location, options: options, headers: headers, command: command,
                timeout: timeout, line: mark?.line ?? 1, column: mark?.column ?? 1)
            config.maxLineBytes = limits["max-line-bytes"]
            config.maxOutputBytes = limits["max-output-bytes"]
            sourceBounds(m, label: label, isRemote: isRemote, into: &config)
            sourcePanel(m, label: label, into: &config)
            return config
        }

        /// `follow-redirects`, `max-body-size` and `on-empty`.
        mutating func sourceBounds(_ m: Node.Mapping, label: String, isRemote: Bool, into config: inout SourceConfig) {
            if let node = value(m, "follow-redirects") {
                if !isRemote {
                    problem(
                        keyNode(m, "follow-redirects"),
                        "'follow-redirects' applies only to http(s) locations; \(label) has none")
                }
                if case .sequence = node {
                    let hosts = stringList(node, "follow-redirects") ?? []
                    for h in hosts where h.isEmpty || h.contains(where: { $0 == "/" || $0 == ":" || $0.isWhitespace }) {
                        problem(
                            node,
                            "follow-redirects: '\(TerminalText.visible(h))' is not a host name; list bare host names like [data.example.gov.cn]"
                        )
                    }
                    config.followRedirects = .hosts(hosts)
                } else if let s = string(node, "follow-redirects") {
                    switch s {
                    case "any": config.followRedirects = .any
                    case "same-host": config.followRedirects = .sameOrigin
                    default:
                        problem(
                            node,
                            "follow-redirects must be same-host (the default), any, or a list of host names like [data.example.gov.cn]; not '\(TerminalText.visible(s))'"
                        )
                    }
                }
            }
            if let node = value(m, "max-body-size"), let s = string(node, "max-body-size") {
                if let bytes = ByteSize.parse(s) {
                    config.maxBodyBytes = bytes
                } else {
                    problem(
                        node,
                        "max-body-size must be a size like 500MB, 2GiB or a number of bytes; not '\(TerminalText.visible(s))'"
                    )
                }
            }
            if let node = value(m, "on-empty"), let s = string(node, "on-empty") {
                if let rule = OnEmptyRule(rawValue: s) {
                    config.onEmpty = rule
                } else {
                    var message =
                        "on-empty must be fail (the default), keep or accept; not '\(TerminalText.visible(s))'"
                    if let guess = Spelling.closest(to: s, among: OnEmptyRule.allCases.map(\.rawValue)) {
                        message += " (did you mean '\(guess)'?)"
                    }
                    problem(node, message)
                }
            }
        }

        var adapterNames: [String] { loader.registry.names + ["exec"] }

        /// The node of the option key an adapter's message names ('key'), if any.
        func optionKeyNode(_ options: Node, named message: String) -> Node? {
            guard case .mapping(let m) = options else { return nil }
            for (k, _) in m {
                if let key = k.scalar?.string, message.contains("'\(key)'") || message.contains("'\(key).") { return k }
            }
            return nil
        }

        mutating func resolveLocation(_ raw: String, at node: Node, label: String) -> String? {
            let lower = raw.lowercased()
            if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return raw }
            var path = raw
            if lower.hasPrefix("file://") { path = String(raw.dropFirst(7)) }
            if let scheme = raw.range(of: "://"), !lower.hasPrefix("file://") {
                problem(
                    node,
                    "\(label): location scheme '\(raw[..<scheme.lowerBound])' is not supported; use a path, file://, http:// or https://"
                )
                return nil
            }
            let resolved = self.absolute(path, relativeTo: folder)
            var isDir: ObjCBool = false
            if !FileManager.default.fileExists(atPath: resolved, isDirectory: &isDir) {
                problem(
                    node,
                    "\(label): location '\(raw)' does not exist (resolved to \(resolved)); paths are relative to the pipeline file"
                )
            } else if isDir.boolValue {
                problem(node, "\(label): location '\(raw)' is a folder; name a file")
            }
            return resolved
        }

        mutating func goalsConfig(_ node: Node?, sourceIDs: [String]) -> GoalsConfig {
            var config = GoalsConfig(sources: nil, tolerance: [:])
            guard let node else { return config }
            guard case .mapping(let m) = node else {
                problem(node, "goals must be a mapping with sources and tolerance")
                return config
            }
            checkKeys(m, allowed: PipelineLoader.goalsKeys, in: " in goals")
            if let s = value(m, "sources"), let list = stringList(s, "goals.sources") {
                for id in list where !sourceIDs.contains(id) {
                    var message = "goals.sources names '\(id)', which is not a source id"
                    if let guess = Spelling.closest(to: id, among: sourceIDs) {
                        message += " (did you mean '\(guess)'?)"
                    }
                    problem(s, message)
                }
                config.sources = list
            }
            if let t = value(m, "tolerance") {
                if case .mapping(let tm) = t {
                    checkKeys(tm, allowed: PipelineLoader.toleranceKeys, in: " in goals.tolerance")
                    for key in PipelineLoader.toleranceKeys {
                        if let v = value(tm, key), let d = number(v, "goals.tolerance.\(key)") {
                            if d < 0 { problem(v, "goals.tolerance.\(key) must not be negative") }
                            config.tolerance[key] = d
                        }
                    }
                } else {
                    problem(t, "goals.tolerance must be a mapping like { growth: 0.5, level: 0.05 }")
                }
            }
            return config
        }

        mutating func reportConfig(_ node: Node?) -> ReportConfig {
            var config = ReportConfig(formats: ["table"], directory: nil)
            guard let node else { return config }
            guard case .mapping(let m) = node else {
                problem(node, "report must be a mapping with formats and directory")
                return config
            }
            checkKeys(m, allowed: PipelineLoader.reportKeys, in: " in report")
            if let f = value(m, "formats"), let list = stringList(f, "report.formats") {
                for format in list where ReportFormat(named: format) == nil {
                    problem(f, ReportFormat.unknownNameMessage(format))
                }
                config.formats = list
            }
            if let d = value(m, "directory"), let dir = string(d, "report.directory") {
                config.directory = self.absolute(dir, relativeTo: folder)
            }
            if let node = value(m, "language"), let language = string(node, "report.language") {
                if ReportConfig.knownLanguages.contains(language) {
                    config.language = language
                } else {
                    var message = "unknown report language '\(language)'"
                    if let guess = Spelling.closest(to: language, among: ReportConfig.knownLanguages) {
                        message += " (did you mean '\(guess)'?)"
                    }
                    problem(node, message + "; use zh or en, or leave it out to follow the documents")
                }
            }
            if config.directory == nil, config.formats.contains(where: { $0 != "table" }) {
                config.directory = self.absolute(
                    "reports", relativeTo: FileManager.default.currentDirectoryPath)
            }
            return config
        }
    }
}

extension Node {
    var isMapping: Bool {
        if case .mapping = self { return true }
        return false
    }
}
