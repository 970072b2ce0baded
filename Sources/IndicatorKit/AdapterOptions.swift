/// The options a source passes to its adapter, with typed accessors whose errors name the key.
public struct AdapterOptions: Sendable, Hashable {
    /// The options as given.
    public var values: [String: OptionValue]

    public init(_ values: [String: OptionValue] = [:]) {
        self.values = values
    }

    /// Builds options from `KEY=VALUE` pairs; a dotted key (`columns.subject=指标`) fills a map.
    package init(pairs: [String]) throws {
        var values: [String: OptionValue] = [:]
        for pair in pairs {
            guard let eq = pair.firstIndex(of: "=") else {
                throw AdapterError(
                    .invalidOption, "option '\(pair)' is not KEY=VALUE; write it as --option \(pair)=VALUE")
            }
            let key = String(pair[..<eq])
            let value = String(pair[pair.index(after: eq)...])
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            if parts.count == 2 {
                var inner: [String: OptionValue] = [:]
                if case .map(let m)? = values[parts[0]] { inner = m }
                inner[parts[1]] = .string(value)
                values[parts[0]] = .map(inner)
            } else {
                values[key] = .string(value)
            }
        }
        self.values = values
    }

    public subscript(key: String) -> OptionValue? { values[key] }

    /// Throws `.unknownOption` for the first key the descriptor does not list, with a suggestion.
    public func rejectUnknownKeys(for descriptor: AdapterDescriptor) throws {
        let known = descriptor.optionKeys
        for key in values.keys.sorted() where !known.contains(key) {
            var message = "unknown option '\(key)' for adapter '\(descriptor.name)'"
            if let guess = Spelling.closest(to: key, among: known) {
                message += " (did you mean '\(guess)'?)"
            } else if known.isEmpty {
                message += "; it takes no options"
            } else {
                message += "; it takes: \(known.joined(separator: ", "))"
            }
            throw AdapterError(.unknownOption, message)
        }
    }

    /// A string option (numbers and booleans are given as their text).
    public func string(_ key: String) throws -> String? {
        guard let v = values[key] else { return nil }
        guard let s = v.scalarText else {
            throw AdapterError(.invalidOption, "option '\(key)' must be a single value, not \(v)")
        }
        return s
    }

    /// A string option restricted to `allowed` values.
    public func choice(_ key: String, in allowed: [String]) throws -> String? {
        guard let s = try string(key) else { return nil }
        guard allowed.contains(s) else {
            var message = "option '\(key)' is '\(s)'; use one of \(allowed.joined(separator: ", "))"
            if let guess = Spelling.closest(to: s, among: allowed) { message += " (did you mean '\(guess)'?)" }
            throw AdapterError(.invalidOption, message)
        }
        return s
    }

    /// An integer option.
    public func int(_ key: String) throws -> Int? {
        try numeric(key, mustBe: "a whole number", { $0 == $0.rounded() ? Int($0) : nil }, { Int($0) })
    }

    /// A number option.
    public func double(_ key: String) throws -> Double? {
        try numeric(key, mustBe: "a number", { $0 }, { Double($0) })
    }

    /// A numeric option: what `number` makes of a number, or `parse` of a string (trimmed); any other
    /// value, or one they give `nil` for, is an `invalidOption` saying what it must be.
    private func numeric<T>(
        _ key: String, mustBe what: String, _ number: (Double) -> T?, _ parse: (String) -> T?
    ) throws -> T? {
        guard let v = values[key] else { return nil }
        switch v {
        case .number(let n): if let x = number(n) { return x }
        case .string(let s): if let x = parse(s.trimmingWhitespace()) { return x }
        default: break
        }
        throw AdapterError(.invalidOption, "option '\(key)' must be \(what), not '\(v)'")
    }

    /// A boolean option (`true`/`false`, `yes`/`no`, `1`/`0`).
    public func bool(_ key: String) throws -> Bool? {
        guard let v = values[key] else { return nil }
        switch v {
        case .bool(let b): return b
        case .number(let n) where n == 0 || n == 1: return n == 1
        case .string(let s):
            switch s.lowercased() {
            case "true", "yes", "1", "on": return true
            case "false", "no", "0", "off": return false
            default: break
            }
        default: break
        }
        throw AdapterError(.invalidOption, "option '\(key)' must be true or false, not '\(v)'")
    }

    /// A map of strings (`columns: { subject: 指标 }`).
    public func stringMap(_ key: String) throws -> [String: String]? {
        guard let v = values[key] else { return nil }
        guard case .map(let m) = v else {
            throw AdapterError(.invalidOption, "option '\(key)' must be a map like { name: value }, not '\(v)'")
        }
        var out: [String: String] = [:]
        for (k, inner) in m {
            guard let s = inner.scalarText else {
                throw AdapterError(.invalidOption, "option '\(key).\(k)' must be a single value, not \(inner)")
            }
            out[k] = s
        }
        return out
    }

    /// A list of strings; a single string counts as a list of one.
    public func stringList(_ key: String) throws -> [String]? {
        guard let v = values[key] else { return nil }
        switch v {
        case .list(let l):
            return try l.map {
                guard let s = $0.scalarText else {
                    throw AdapterError(.invalidOption, "option '\(key)' must be a list of values")
                }
                return s
            }
        case .string(let s): return [s]
        default: throw AdapterError(.invalidOption, "option '\(key)' must be a list like [a, b], not '\(v)'")
        }
    }

    /// The options as one JSON object (for external adapters' `--options`).
    package var jsonText: String { OptionValue.map(values).jsonText }
}
