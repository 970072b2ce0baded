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

    /// The value as JSON text (for external adapters' `--options`): map keys sorted.
    package var jsonText: String {
        var out = ""
        jsonValue.writeCompact(to: &out)
        return out
    }

    /// The value as JSON, map keys sorted.
    package var jsonValue: JSONValue {
        switch self {
        case .string(let s): .string(s)
        case .number(let n): .number(n)
        case .bool(let b): .bool(b)
        case .list(let l): .array(l.map(\.jsonValue))
        case .map(let m): .object(m.keys.sorted().map { ($0, m[$0]!.jsonValue) })
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
