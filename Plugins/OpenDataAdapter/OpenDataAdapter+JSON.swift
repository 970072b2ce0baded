import Foundation
import IndicatorKit

extension OpenDataAdapter {
    /// A streaming parser over the input's bytes, in its declared charset, with strings up to `maxText`.
    func jsonParser(_ input: SourceInput) throws -> JSONStreamParser {
        JSONStreamParser(
            file: try InputFile(path: input.path, name: input.origin), declaredCharset: input.charset,
            maxString: maxText)
    }

    /// Reads JSON records: the array at `pointer` (streamed), a preset's array, or — without
    /// either — the whole document, recognising World Bank, CKAN and SDMX-JSON shapes.
    func readJSON(_ input: SourceInput, into sink: RecordSink) throws {
        let name = input.origin
        var parser = try jsonParser(input)
        var preset = self.preset
        let target: [String]?
        switch preset {
        case "worldbank": target = pointer.map(JSONPointer.components) ?? ["1"]
        case "ckan": target = pointer.map(JSONPointer.components) ?? ["result", "records"]
        default: target = pointer.map(JSONPointer.components)
        }
        guard let target else {
            // No pointer: the document is read whole and its shape decides.
            guard let document = try parser.parse(target: nil) else { return }
            if document["dataSets"] != nil || document["data"]?["dataSets"] != nil {
                try emitSDMX(document, input: input, into: sink)
                return
            }
            if document["returndata"] != nil && document["returncode"] != nil {
                try emitNBS(document, input: input, into: sink)
                return
            }
            if let c = document["class"]?.stringValue, c == "dataset" || c == "collection",
                document["version"] != nil
            {
                try emitJSONStat(document, input: input, into: sink)
                return
            }
            if document["columns"]?.arrayValue != nil, document["data"]?[0]?["key"] != nil {
                try emitPXWebJSON(document, input: input, into: sink)
                return
            }
            var records: JSONValue?
            var base: [String] = []
            if case .array(let items) = document, items.count == 2,
                items[0]["page"] != nil || items[0]["message"] != nil
            {
                try Self.checkWorldBankError(items[0], name: name)
                preset = "worldbank"
                records = items[1]
                base = ["1"]
            } else if let result = document["result"], let recs = result["records"] {
                try Self.checkCKANError(document, name: name)
                preset = "ckan"
                records = recs
                base = ["result", "records"]
            } else if case .array = document {
                records = document
            }
            guard let items = records?.arrayValue else {
                if records == .null { return }  // World Bank: no data for the query
                throw AdapterError(
                    .unsupportedInput,
                    "\(name): cannot find the records in this JSON (keys: \(parser.rootKeys.joined(separator: ", "))); set option pointer to the array of records, e.g. pointer: /data"
                )
            }
            var handler = RecordHandler(adapter: self.configured(for: preset), preset: preset, input: input, sink: sink)
            for (i, item) in items.enumerated() {
                try handler.handle(item, pointer: JSONPointer.string(base + [String(i)]))
            }
            return
        }
        var handler = RecordHandler(adapter: self.configured(for: preset), preset: preset, input: input, sink: sink)
        let captures: Set<[String]> =
            preset == "worldbank" ? [["0"]] : preset == "ckan" ? [["success"], ["error"]] : []
        _ = try parser.parse(target: target, captures: captures) { value, pointer in
            try handler.handle(value, pointer: pointer)
        }
        if preset == "worldbank", let head = parser.captured["/0"] { try Self.checkWorldBankError(head, name: name) }
        if preset == "ckan" {
            var envelope: [(String, JSONValue)] = []
            if let s = parser.captured["/success"] { envelope.append(("success", s)) }
            if let e = parser.captured["/error"] { envelope.append(("error", e)) }
            try Self.checkCKANError(.object(envelope), name: name)
        }
        if !parser.targetFound {
            if preset == "worldbank" { return }  // [ {page…}, null ]: no data for the query
            throw AdapterError(
                .malformedInput,
                "\(name): pointer \(JSONPointer.string(target)) names nothing in this JSON (top-level keys: \(parser.rootKeys.joined(separator: ", "))); fix option pointer"
            )
        }
    }

    /// The adapter with a preset's default field mapping under the user's.
    func configured(for preset: String?) -> OpenDataAdapter {
        var copy = self
        switch preset {
        case "worldbank":
            copy.columns = [
                "subject": "indicator.value", "region": "country.value", "period": "date", "value": "value",
            ]
            .merging(columns) { _, user in user }
        default: break
        }
        return copy
    }

    static func checkWorldBankError(_ head: JSONValue, name: String) throws {
        guard let messages = head["message"]?.arrayValue else { return }
        let text = messages.map { m in
            [m["id"]?.scalarText, m["key"]?.scalarText, m["value"]?.scalarText].compactMap { $0 }.joined(separator: " ")
        }.joined(separator: "; ")
        throw AdapterError(
            .unsupportedInput,
            "\(name): the World Bank API returned an error instead of data: \(text); check the indicator and country codes in the URL"
        )
    }

    static func checkCKANError(_ document: JSONValue, name: String) throws {
        guard document["success"] == .bool(false) else { return }
        let message = document["error"]?["message"]?.scalarText ?? document["error"]?.scalarText ?? "no message"
        throw AdapterError(
            .unsupportedInput,
            "\(name): the CKAN API reported failure (success: false): \(message); check the resource_id and the query")
    }

    /// Maps JSON records onto record fields, re-resolving the mapping when the keys change.
    struct RecordHandler {
        let adapter: OpenDataAdapter
        let preset: String?
        let input: SourceInput
        let sink: RecordSink
        var mapping: RowMapping?
        var count = 0

        init(adapter: OpenDataAdapter, preset: String?, input: SourceInput, sink: RecordSink) {
            self.adapter = adapter
            self.preset = preset
            self.input = input
            self.sink = sink
        }

        /// World Bank fields kept as attributes, by the attribute name they get: the indicator code
        /// goes to `indicator`, where the normalizer looks for foreign codes.
        static let worldBankAttributes: [String: String] = [
            "indicator.id": "indicator", "country.id": "country", "countryiso3code": "countryiso3code",
            "obs_status": "obs_status", "decimal": "decimal",
        ]

        mutating func handle(_ value: JSONValue, pointer: String) throws {
            count += 1
            let name = input.origin
            guard case .object = value else {
                throw AdapterError(
                    .malformedInput,
                    "\(name): the record at \(pointer) is not an object; point option pointer at an array of objects")
            }
            let flat = value.flattened().filter { preset != "ckan" || $0.0 != "_id" }
            let names = flat.map(\.0)
            if mapping?.names != names {
                mapping = try adapter.resolveColumns(names, name: "\(name) \(pointer)", noun: "key")
            }
            let cells = flat.map(\.1)
            let text = flat.map { "\($0.0)=\($0.1)" }.joined(separator: ", ")
            let place = OpenDataAdapter.Place(
                at: "\(name) \(pointer)", rowLabel: "record \(count)", location: SourceLocation(pointer: pointer),
                pointer: pointer)
            var attributes: [String: String] = [:]
            var out = sink
            if preset == "worldbank" {
                for (key, v) in flat where !v.isEmpty {
                    if let name = Self.worldBankAttributes[key] { attributes[name] = v }
                }
                let code = attributes["indicator"] ?? ""
                let kindGiven = adapter.kindGiven
                let unitGiven = adapter.defaults["unit"] != nil || adapter.columns["unit"] != nil
                let sink = self.sink
                out = RecordSink { record in
                    try sink.emit(
                        OpenDataAdapter.worldBankAdjusted(
                            record, code: code, kindGiven: kindGiven, unitGiven: unitGiven))
                }
            }
            try adapter.emitRow(
                cells, mapping: mapping!, place: place, text: text, input: input, attributes: attributes, sink: out)
        }
    }

    /// World Bank codes ending in `.ZG` are annual growth rates and `.ZS` shares, both in percent;
    /// other indicators name their unit in parentheses ("GDP (current US$)").
    static func worldBankAdjusted(_ record: SourceRecord, code: String, kindGiven: Bool, unitGiven: Bool)
        -> SourceRecord
    {
        guard case .observation(var o) = record else { return record }
        if !kindGiven {
            if code.hasSuffix(".ZG") { o.kind = .growth } else if code.hasSuffix(".ZS") { o.kind = .share }
        }
        if !unitGiven && o.quantity.unit.isEmpty {
            if code.hasSuffix(".ZG") || code.hasSuffix(".ZS") {
                o.quantity.unit = "%"
            } else if let open = o.subject.lastIndex(of: "("), o.subject.hasSuffix(")") {
                // "GDP (current US$)": the Bank names the unit in the indicator's name.
                o.quantity.unit = String(
                    o.subject[o.subject.index(after: open)..<o.subject.index(before: o.subject.endIndex)])
            }
        }
        return .observation(o)
    }
}
