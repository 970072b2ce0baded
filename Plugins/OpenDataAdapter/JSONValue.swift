import Foundation
import IndicatorKit

/// A parsed JSON value; objects keep their keys in document order.
enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.array(let x), .array(let y)): x == y
        case (.object(let x), .object(let y)):
            x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let b): hasher.combine(b)
        case .number(let n): hasher.combine(n)
        case .string(let s): hasher.combine(s)
        case .array(let a): hasher.combine(a)
        case .object(let o):
            for (k, v) in o {
                hasher.combine(k)
                hasher.combine(v)
            }
        }
    }

    /// The member `key` of an object.
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// The element `index` of an array.
    subscript(index: Int) -> JSONValue? {
        guard case .array(let items) = self, index >= 0, index < items.count else { return nil }
        return items[index]
    }

    var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    var intValue: Int? {
        if case .number(let n) = self, n == n.rounded() { return Int(n) }
        return nil
    }

    /// A scalar as text ("" for null); `nil` for arrays and objects.
    var scalarText: String? {
        switch self {
        case .null: ""
        case .bool(let b): b ? "true" : "false"
        case .number(let n): JSONText.format(n)
        case .string(let s): s
        case .array, .object: nil
        }
    }

    /// The value at a dotted path ("indicator.value") or a JSON pointer ("/indicator/value").
    func lookup(_ path: String) -> JSONValue? {
        let parts: [String] =
            path.hasPrefix("/") ? JSONPointer.components(path) : path.split(separator: ".").map(String.init)
        var current: JSONValue? = self
        for part in parts {
            guard let c = current else { return nil }
            if case .array = c, let i = Int(part) { current = c[i] } else { current = c[part] }
        }
        return current
    }

    /// The scalar members of an object, nested objects flattened with dotted keys ("country.value").
    func flattened(prefix: String = "") -> [(String, String)] {
        guard case .object(let members) = self else { return [] }
        var out: [(String, String)] = []
        for (k, v) in members {
            let key = prefix.isEmpty ? k : "\(prefix).\(k)"
            if case .object = v {
                out.append(contentsOf: v.flattened(prefix: key))
            } else if let text = v.scalarText {
                out.append((key, text))
            }
        }
        return out
    }
}

/// JSON pointers (RFC 6901).
enum JSONPointer {
    /// "/result/records" → ["result", "records"]; "" → [].
    static func components(_ pointer: String) -> [String] {
        guard !pointer.isEmpty else { return [] }
        return pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    /// ["result", "records", "3"] → "/result/records/3".
    static func string(_ components: [String]) -> String {
        var out = ""
        for c in components {
            out += "/"
            if c.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) {
                out += c.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
            } else {
                out += c
            }
        }
        return out
    }
}
