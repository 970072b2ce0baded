import Foundation

extension SourceRecord {
    /// The record JSON of the design: one object, keys in a fixed order, no trailing newline.
    ///
    /// `{"type":"goal","subject":"生产总值","indicator":null,"kind":"growth","comparator":"~",
    /// "value":9.5,"unit":"%","period":"2022","region":"柘城县","redacted":false,
    /// "text":"生产总值增长9.5%左右","location":{"line":31,"column":18}}`
    public func jsonLine() -> String {
        var out = ""
        out.reserveCapacity(256)
        out += "{\"type\":"
        JSONText.appendString(typeName, to: &out)
        out += ",\"subject\":"
        JSONText.appendString(subject, to: &out)
        out += ",\"indicator\":"
        JSONText.appendOptionalString(indicator, to: &out)
        out += ",\"kind\":\""
        out += kind.rawValue
        out += "\""
        if let comparator {
            out += ",\"comparator\":"
            JSONText.appendString(comparator.rawValue, to: &out)
        }
        let q = quantity
        out += ",\"value\":"
        JSONText.appendNumber(q.value, to: &out)
        if let upper = q.upper {
            out += ",\"upper\":"
            JSONText.appendNumber(upper, to: &out)
        }
        out += ",\"unit\":"
        JSONText.appendString(q.unit, to: &out)
        out += ",\"period\":"
        JSONText.appendString(period.rawValue, to: &out)
        out += ",\"region\":"
        JSONText.appendOptionalString(region, to: &out)
        out += redacted ? ",\"redacted\":true" : ",\"redacted\":false"
        out += ",\"text\":"
        JSONText.appendOptionalString(text, to: &out)
        out += ",\"location\":"
        JSONText.appendLocation(location, to: &out)
        let attrs = attributes
        if !attrs.isEmpty {
            out += ",\"attributes\":{"
            var first = true
            for key in attrs.keys.sorted() {
                if !first { out += "," }
                first = false
                JSONText.appendString(key, to: &out)
                out += ":"
                JSONText.appendString(attrs[key]!, to: &out)
            }
            out += "}"
        }
        out += "}"
        return out
    }

    /// Decodes one line of the record protocol.
    ///
    /// Throws `AdapterError` with code `.malformedRecord` naming the field that is wrong.
    public init(jsonLine line: String) throws {
        try self.init(jsonData: Data(line.utf8))
    }

    /// Decodes one record object from JSON bytes.
    package init(jsonData data: Data) throws {
        let wire: RecordWire
        do {
            wire = try JSONDecoder().decode(RecordWire.self, from: data)
        } catch let error as DecodingError {
            throw AdapterError(.malformedRecord, RecordWire.explain(error))
        } catch let error as AdapterError {
            throw error
        }
        self = try wire.record()
    }
}

/// The record JSON as it travels, decoded field by field so a bad field can be named.
struct RecordWire: Decodable {
    struct Location: Decodable {
        var line: Int?
        var column: Int?
        var path: String?
        var row: Int?
        var pointer: String?
        var page: Int?
        var cell: Int?
    }
    var type: String
    var subject: String
    var indicator: String?
    var kind: String
    var comparator: String?
    var value: Double?
    var upper: Double?
    var unit: String?
    var period: String
    var region: String?
    var redacted: Bool?
    var text: String?
    var location: Location?
    var attributes: [String: String]?

    static func explain(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let p = context.codingPath.map { $0.stringValue }.joined(separator: ".")
            return p.isEmpty ? "the line" : "\"\(p)\""
        }
        switch error {
        case .keyNotFound(let key, _): return "missing \"\(key.stringValue)\""
        case .typeMismatch(let type, let context):
            return
                "\(path(context)) has the wrong type (expected \(type == Double.self ? "a number" : type == String.self ? "a string" : type == Bool.self ? "true or false" : "\(type)"))"
        case .valueNotFound(_, let context): return "\(path(context)) is null but must have a value"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not a JSON object" : "\(path(context)) is not valid"
        @unknown default: return "not a record object"
        }
    }

    func record() throws -> SourceRecord {
        func fail(_ message: String) -> AdapterError { AdapterError(.malformedRecord, message) }
        guard let kind = FigureKind(rawValue: kind) else {
            throw fail("\"kind\" is \"\(kind)\"; use one of level, growth, change, share")
        }
        let l = location
        let loc = SourceLocation(
            line: l?.line, column: l?.column, path: l?.path, row: l?.row, pointer: l?.pointer, page: l?.page,
            cell: l?.cell)
        let quantity = Quantity(value: value, upper: upper, unit: unit ?? "")
        let period = Period(unchecked: period)
        switch type {
        case "observation":
            if comparator != nil {
                throw fail("an observation has no \"comparator\"; use \"type\":\"goal\" for a target")
            }
            return .observation(
                Observation(
                    subject: subject, indicator: indicator, kind: kind, quantity: quantity, period: period,
                    region: region, redacted: redacted ?? false, text: text, location: loc,
                    attributes: attributes ?? [:]))
        case "goal":
            let text0 = comparator ?? "="
            guard let cmp = TargetComparator(rawValue: text0) else {
                throw fail("\"comparator\" is \"\(text0)\"; use one of >=, >, <=, <, ~, =, range")
            }
            return .goal(
                Goal(
                    subject: subject, indicator: indicator, kind: kind, comparator: cmp, quantity: quantity,
                    period: period, region: region, redacted: redacted ?? false, text: self.text, location: loc,
                    attributes: attributes ?? [:]))
        default:
            throw fail("\"type\" is \"\(type)\"; use \"goal\" or \"observation\"")
        }
    }
}

/// Small, fast JSON text writers shared by the record encoder and reports.
package enum JSONText {
    /// Appends `s` as a JSON string literal.
    package static func appendString(_ s: String, to out: inout String) {
        out += "\""
        var needsEscape = false
        for b in s.utf8 where b < 0x20 || b == 0x22 || b == 0x5C {
            needsEscape = true
            break
        }
        if !needsEscape {
            out += s
        } else {
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
        }
        out += "\""
    }

    package static func appendOptionalString(_ s: String?, to out: inout String) {
        if let s { appendString(s, to: &out) } else { out += "null" }
    }

    /// Appends a number in its shortest round-tripping form (integers without ".0"), or `null`.
    package static func appendNumber(_ v: Double?, to out: inout String) {
        guard let v, v.isFinite else {
            out += "null"
            return
        }
        out += format(v)
    }

    /// The shortest round-tripping text of `v`, integers without ".0".
    package static func format(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 {
            return String(Int64(v))
        }
        return "\(v)"
    }

    static func appendLocation(_ l: SourceLocation, to out: inout String) {
        out += "{"
        var first = true
        func key(_ k: String) {
            if !first { out += "," }
            first = false
            out += "\"\(k)\":"
        }
        for (k, v) in [("page", l.page), ("line", l.line), ("column", l.column), ("row", l.row), ("cell", l.cell)] {
            guard let v else { continue }
            key(k)
            out += String(v)
        }
        for (k, v) in [("path", l.path), ("pointer", l.pointer)] {
            guard let v else { continue }
            key(k)
            appendString(v, to: &out)
        }
        out += "}"
    }
}
