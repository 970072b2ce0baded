import Foundation
import IndicatorKit

extension OpenDataAdapter {
    /// Reads PX-Web: the API's JSON response (`columns`, `data` rows of `key` and `values`), or a
    /// `.px` file (PC-Axis: `STUB`, `HEADING`, `VALUES`, `CODES`, `TIMEVAL`, `UNITS`, `DATA`) in
    /// the charset its `CODEPAGE` names (Big5, GBK/GB18030, ISO-8859-1/-15, Windows-1252, UTF-8).
    ///
    /// The JSON response is streamed row by row once `columns` has been read. A `.px` file's header
    /// is read up to `DATA=` and decoded whole (it decides how to read the data); the cells are
    /// emitted as the `DATA` list arrives: the `STUB` variables vary slowest, the last `HEADING`
    /// variable fastest.
    func readPXWeb(_ input: SourceInput, into sink: RecordSink) throws {
        // Told apart without reading: a pipe cannot be read twice.
        let ext = input.fileExtension
        let media = (input.mediaType ?? "").lowercased()
        if ext == "px" || media.contains("pc-axis") || media.contains("px") && !media.contains("json") {
            try readPXFile(input, into: sink)
        } else if ext == "json" || media.contains("json") {
            try readPXWebJSON(input, into: sink)
        } else {
            throw AdapterError(
                .unsupportedInput,
                "\(input.origin): cannot tell a PX-Web JSON response from a .px file (extension '\(ext)', media type \(input.mediaType ?? "unknown")); name the file .json or .px"
            )
        }
    }

    // MARK: - PX-Web API JSON

    func readPXWebJSON(_ input: SourceInput, into sink: RecordSink) throws {
        var parser = try jsonParser(input)
        var reader = PXWebJSONReader(adapter: self, input: input, sink: sink)
        try parser.walk(
            streamAt: { $0 == ["data"] },
            capture: { $0 == ["columns"] || $0 == ["metadata"] },
            onCapture: { path, value in try reader.set(path[0], value) },
            onElement: { path, value in try reader.row(value, pointer: JSONPointer.string(path)) })
        try reader.finish(rootKeys: parser.rootKeys)
    }

    /// Emits a whole, already parsed PX-Web JSON response.
    func emitPXWebJSON(_ document: JSONValue, input: SourceInput, into sink: RecordSink) throws {
        var reader = PXWebJSONReader(adapter: self, input: input, sink: sink)
        if let c = document["columns"] { try reader.set("columns", c) }
        if let m = document["metadata"] { try reader.set("metadata", m) }
        for (i, row) in (document["data"]?.arrayValue ?? []).enumerated() {
            try reader.row(row, pointer: "/data/\(i)")
        }
        try reader.finish(rootKeys: [])
    }

    struct PXWebJSONReader {
        struct Column {
            var code: String
            var text: String
            var type: String
            var unit: String?
        }

        let adapter: OpenDataAdapter
        let input: SourceInput
        let sink: RecordSink
        var keyColumns: [Column]?
        var valueColumns: [Column] = []
        var label: String?
        var pending: [(JSONValue, String)] = []

        init(adapter: OpenDataAdapter, input: SourceInput, sink: RecordSink) {
            self.adapter = adapter
            self.input = input
            self.sink = sink
        }

        mutating func set(_ key: String, _ value: JSONValue) throws {
            if key == "metadata" {
                label = value[0]?["label"]?.stringValue ?? label
                return
            }
            let columns = (value.arrayValue ?? []).map {
                Column(
                    code: $0["code"]?.scalarText ?? "", text: $0["text"]?.stringValue ?? $0["code"]?.scalarText ?? "",
                    type: $0["type"]?.stringValue ?? "d", unit: $0["unit"]?.stringValue)
            }
            keyColumns = columns.filter { $0.type != "c" }
            valueColumns = columns.filter { $0.type == "c" }
            let waiting = pending
            pending = []
            for (row, pointer) in waiting { try self.row(row, pointer: pointer) }
        }

        mutating func row(_ row: JSONValue, pointer: String) throws {
            guard let keyColumns else {
                pending.append((row, pointer))
                return
            }
            let place = "\(input.origin) \(pointer)"
            let keys = row["key"]?.arrayValue?.compactMap(\.scalarText) ?? []
            let values = row["values"]?.arrayValue ?? []
            guard keys.count == keyColumns.count else {
                throw AdapterError(
                    .malformedInput,
                    "\(place): the row has \(keys.count) key cells but 'columns' names \(keyColumns.count) key columns")
            }
            var attributes: [String: String] = [:]
            var periodText: String?
            var region: String?
            var others: [String] = []
            let columns = adapter.columns
            for (i, column) in keyColumns.enumerated() {
                attributes[column.code] = keys[i]
                if columns["period"] == column.code || (columns["period"] == nil && column.type == "t") {
                    periodText = keys[i]
                } else if columns["region"] == column.code
                    || (columns["region"] == nil && OpenDataAdapter.isRegionName(column.code, column.text))
                {
                    region = keys[i]
                } else {
                    others.append("\(column.text) \(keys[i])")
                }
            }
            let defaults = adapter.defaults
            for (j, column) in valueColumns.enumerated() where j < values.count {
                var cell = attributes
                cell["contents"] = column.code
                let raw = values[j].scalarText ?? ""
                let value = OpenDataAdapter.pxNumber(raw)
                if value == nil, !raw.isEmpty { cell["status"] = raw.trimmedSpaces() }
                let subject = defaults["subject"] ?? ([column.text] + others).joined(separator: ", ")
                let periodSource = periodText ?? defaults["period"] ?? input.period
                let period = periodSource.map { OpenDataAdapter.pxPeriod($0) } ?? Period(unchecked: "")
                try sink.emit(
                    Observation(
                        subject: subject, kind: adapter.defaultKind,
                        quantity: Quantity(value: value, unit: column.unit ?? defaults["unit"] ?? ""), period: period,
                        region: region ?? defaults["region"] ?? input.region,
                        text: "\(keys.joined(separator: " ")) \(column.code) = \(raw)",
                        location: SourceLocation(pointer: "\(pointer)/values/\(j)"), attributes: cell))
            }
        }

        func finish(rootKeys: [String]) throws {
            guard keyColumns != nil else {
                let keys = rootKeys.isEmpty ? "" : " (top-level keys: \(rootKeys.joined(separator: ", ")))"
                throw AdapterError(
                    .unsupportedInput,
                    "\(input.origin): not a PX-Web API response: no 'columns'\(keys); ask the API for format json, or use preset: jsonstat for json-stat2"
                )
            }
        }
    }

    // MARK: - Shared

    /// A PX cell: a number, or nil for the missing markers (`..`, `...`, `-`, `.`, `:`).
    static func pxNumber(_ text: String) -> Double? {
        let t = text.trimmedSpaces()
        if t.isEmpty || ["-", ":", "…"].contains(t) || t.allSatisfy({ $0 == "." }) { return nil }
        guard let v = Double(t.replacingOccurrences(of: " ", with: "")), v.isFinite else { return nil }
        return v
    }

    /// A PX period: `2019`, `2019M01`, `2019Q1`/`2019K1`/`2019T1` (quarters, in Swedish, Norwegian
    /// and Spanish tables), `2019H1`; other forms are kept as given.
    static func pxPeriod(_ text: String) -> Period {
        var t = text.trimmedSpaces()
        let u = Array(t.utf8)
        if u.count == 6, u[0..<4].allSatisfy({ $0 >= 48 && $0 <= 57 }),
            u[4] == UInt8(ascii: "K") || u[4] == UInt8(ascii: "T")
        {
            t = String(t.prefix(4)) + "Q" + String(t.suffix(1))
        }
        return Period(parsing: t) ?? Period(unchecked: t)
    }

    /// Whether a variable names a region ("Region", "alue", "län", "Comunidad Autónoma", "地区").
    static func isRegionName(_ code: String, _ text: String) -> Bool {
        let words = [
            "region", "county", "län", "kommun", "alue", "maakunta", "comunidad", "provincia", "municipality",
            "fylke", "geo", "area", "地区", "地區", "縣市", "省份",
        ]
        let c = code.lowercased()
        let t = text.lowercased()
        return words.contains { c.hasPrefix($0) || t.hasPrefix($0) }
    }
}
