import Foundation
import IndicatorKit

/// Paths into the JSON of open-data payloads.
extension JSONValue {
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
