import Foundation

/// A JSON value; objects keep their keys in order (the order of the document read, or of writing).
///
/// One type for the open-data adapter's parser and the JSON report's writer; `package` access: it is
/// no part of the adapter SDK.
package enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    package static func == (a: JSONValue, b: JSONValue) -> Bool {
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

    package func hash(into hasher: inout Hasher) {
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
    package subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// The element `index` of an array.
    package subscript(index: Int) -> JSONValue? {
        guard case .array(let items) = self, index >= 0, index < items.count else { return nil }
        return items[index]
    }

    package var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    package var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    package var intValue: Int? {
        if case .number(let n) = self, n == n.rounded() { return Int(n) }
        return nil
    }

    /// A scalar as text ("" for null); `nil` for arrays and objects.
    package var scalarText: String? {
        switch self {
        case .null: ""
        case .bool(let b): b ? "true" : "false"
        case .number(let n): JSONText.format(n)
        case .string(let s): s
        case .array, .object: nil
        }
    }
}

// MARK: - Writing

extension JSONValue {
    package static func string(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
    package static func number(_ v: Double?) -> JSONValue { v.map { .number($0) } ?? .null }
    package static func int(_ v: Int?) -> JSONValue { v.map { .number(Double($0)) } ?? .null }

    /// Appends a null, boolean, number or string; false (nothing appended) for an array or object.
    private func writeScalar(to out: inout String) -> Bool {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let v): JSONText.appendNumber(v, to: &out)
        case .string(let s): JSONText.appendString(s, to: &out)
        case .array, .object: return false
        }
        return true
    }

    /// Appends the value on one line, keys in order, no spaces.
    package func writeCompact(to out: inout String) {
        if writeScalar(to: &out) { return }
        switch self {
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.writeCompact(to: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            for (i, (k, v)) in fields.enumerated() {
                if i > 0 { out += "," }
                JSONText.appendString(k, to: &out)
                out += ":"
                v.writeCompact(to: &out)
            }
            out += "}"
        default: break
        }
    }

    /// Appends the value with stable key order and two-space indentation, `indent` spaces in.
    package func write(to out: inout String, indent: Int) {
        if writeScalar(to: &out) { return }
        switch self {
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                item.write(to: &out, indent: indent + 2)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let pairs):
            if pairs.isEmpty {
                out += "{}"
                return
            }
            out += "{\n"
            for (i, (key, value)) in pairs.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                JSONText.appendString(key, to: &out)
                out += ": "
                value.write(to: &out, indent: indent + 2)
                out += i == pairs.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        default: break
        }
    }
}
