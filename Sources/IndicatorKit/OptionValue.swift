/// An adapter option's value as it comes from a pipeline file (YAML) or the command line.
public enum OptionValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case number(Double)
    case bool(Bool)
    case list([OptionValue])
    case map([String: OptionValue])

    public var description: String {
        switch self {
        case .string(let s): s
        case .number(let n): JSONText.format(n)
        case .bool(let b): b ? "true" : "false"
        case .list(let l): "[" + l.map(\.description).joined(separator: ", ") + "]"
        case .map(let m): "{" + m.keys.sorted().map { "\($0): \(m[$0]!)" }.joined(separator: ", ") + "}"
        }
    }

    /// The value as JSON text (for external adapters' `--options`).
    package var jsonText: String {
        var out = ""
        append(to: &out)
        return out
    }

    func append(to out: inout String) {
        switch self {
        case .string(let s): JSONText.appendString(s, to: &out)
        case .number(let n): JSONText.appendNumber(n, to: &out)
        case .bool(let b): out += b ? "true" : "false"
        case .list(let l):
            out += "["
            for (i, v) in l.enumerated() {
                if i > 0 { out += "," }
                v.append(to: &out)
            }
            out += "]"
        case .map(let m):
            out += "{"
            for (i, k) in m.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                JSONText.appendString(k, to: &out)
                out += ":"
                m[k]!.append(to: &out)
            }
            out += "}"
        }
    }

    /// A scalar's text: strings as they are, numbers and booleans written out; `nil` for lists and maps.
    public var scalarText: String? {
        switch self {
        case .string(let s): s
        case .number, .bool: description
        case .list, .map: nil
        }
    }
}
