import Foundation
import IndicatorKit

extension OpenDataAdapter {
    /// Reads a JSON-stat 2.0 response: a `dataset`, or a `collection` whose `link.item` embeds
    /// datasets (items that only link to a dataset are reported and skipped: fetch each as its own
    /// source).
    ///
    /// A dataset's `value` (an array, or a sparse object keyed by the flat index) is laid out
    /// row-major over `id`/`size`. Values are streamed once `id`, `size` and `dimension` have been
    /// read, so a dataset that writes its dimensions first is read with memory for one value; values
    /// that come before the dimensions wait for them. `status` (one string, an array, or an object
    /// keyed like `value`) goes to the attribute `status`; a null value is a missing value. Units
    /// come from the metric dimension's `category.unit` (label, else symbol; `decimals` kept).
    func readJSONStat(_ input: SourceInput, into sink: RecordSink) throws {
        var parser = try jsonParser(input)
        var reader = JSONStatReader(adapter: self, input: input, sink: sink, prefix: "")
        var isCollection = false
        let structureKeys: Set<String> = ["version", "class", "label", "id", "size", "role", "dimension", "status"]
        try parser.walk(
            streamAt: { path in path == ["value"] || path == ["link", "item"] },
            capture: { path in path.count == 1 && structureKeys.contains(path[0]) },
            onCapture: { path, value in
                if path == ["class"], value.stringValue == "collection" { isCollection = true }
                try reader.set(path[0], value)
            },
            onElement: { path, value in
                if path.first == "link" {
                    try self.emitJSONStatItem(value, input: input, pointer: JSONPointer.string(path), into: sink)
                } else {
                    try reader.value(key: path[1], value, pointer: JSONPointer.string(path))
                }
            })
        if isCollection { return }
        try reader.finish(rootKeys: parser.rootKeys)
    }

    /// Emits a whole, already parsed JSON-stat document (dataset or collection).
    func emitJSONStat(_ document: JSONValue, input: SourceInput, into sink: RecordSink) throws {
        try emitJSONStatItem(document, input: input, pointer: "", into: sink)
    }

    func emitJSONStatItem(_ item: JSONValue, input: SourceInput, pointer: String, into sink: RecordSink) throws {
        let kind = item["class"]?.stringValue
        if kind == "collection" {
            for (i, sub) in (item["link"]?["item"]?.arrayValue ?? []).enumerated() {
                try emitJSONStatItem(sub, input: input, pointer: "\(pointer)/link/item/\(i)", into: sink)
            }
            return
        }
        guard item["value"] != nil else {
            if kind == "dataset" || kind == nil {
                let href = item["href"]?.stringValue ?? "(no href)"
                input.logger.warning(
                    "\(input.origin) \(pointer): the collection links to the dataset \(href) without embedding it; add it as its own source to read it"
                )
            }
            return
        }
        var reader = JSONStatReader(adapter: self, input: input, sink: sink, prefix: pointer)
        if case .object(let members) = item {
            for (key, value) in members where key != "value" { try reader.set(key, value) }
        }
        switch item["value"] {
        case .array(let values)?:
            for (i, v) in values.enumerated() { try reader.value(key: String(i), v, pointer: "\(pointer)/value/\(i)") }
        case .object(let members)?:
            for (k, v) in members { try reader.value(key: k, v, pointer: "\(pointer)/value/\(k)") }
        default: break
        }
        try reader.finish(rootKeys: [])
    }

    /// One JSON-stat dimension: its category codes in index order, labels and units.
    struct JSONStatDimension {
        var id: String
        var label: String?
        var codes: [String]
        var labels: [String: String]
        var units: [String: JSONValue]

        init(id: String, _ json: JSONValue?, size: Int, at place: String) throws {
            self.id = id
            label = json?["label"]?.stringValue
            let category = json?["category"]
            labels = [:]
            if case .object(let members)? = category?["label"] {
                for (k, v) in members { labels[k] = v.scalarText }
            }
            switch category?["index"] {
            case .array(let items)?:
                codes = items.compactMap(\.scalarText)
            case .object(let members)?:
                var slots = [String?](repeating: nil, count: max(size, members.count))
                for (code, position) in members {
                    guard let p = position.intValue, p >= 0, p < slots.count else {
                        throw AdapterError(
                            .malformedInput,
                            "\(place): dimension '\(id)': category.index gives '\(code)' the position \(position.scalarText ?? "?"), outside 0..<\(slots.count)"
                        )
                    }
                    slots[p] = code
                }
                codes = slots.compactMap { $0 }
            default:
                // No index: a single category, or the label's order.
                if case .object(let members)? = category?["label"] { codes = members.map(\.0) } else { codes = [] }
            }
            units = [:]
            if case .object(let members)? = category?["unit"] {
                for (k, v) in members { units[k] = v }
            }
            guard codes.count == size else {
                throw AdapterError(
                    .malformedInput,
                    "\(place): dimension '\(id)' has \(codes.count) categories but size gives \(size); the response is inconsistent"
                )
            }
        }
    }

    /// Turns JSON-stat values into observations as they arrive, once the structure is known.
    struct JSONStatReader {
        let adapter: OpenDataAdapter
        let input: SourceInput
        let sink: RecordSink
        let prefix: String
        var parts: [String: JSONValue] = [:]
        var dimensions: [JSONStatDimension]?
        var strides: [Int] = []
        var total = 0
        var timeDims: Set<Int> = []
        var geoDims: Set<Int> = []
        var metricDims: Set<Int> = []
        var pending: [(key: String, value: JSONValue, pointer: String)] = []
        var emitted = 0
        var warnedLateStatus = false

        init(adapter: OpenDataAdapter, input: SourceInput, sink: RecordSink, prefix: String) {
            self.adapter = adapter
            self.input = input
            self.sink = sink
            self.prefix = prefix
        }

        var place: String { "\(input.origin)\(prefix.isEmpty ? "" : " " + prefix)" }

        mutating func set(_ key: String, _ value: JSONValue) throws {
            parts[key] = value
            if key == "status", emitted > 0, !warnedLateStatus {
                warnedLateStatus = true
                input.logger.warning(
                    "\(place): 'status' follows 'value'; the \(emitted) values read before it carry no status")
            }
            if dimensions == nil, parts["id"] != nil, parts["size"] != nil, parts["dimension"] != nil {
                try resolve()
                let waiting = pending
                pending = []
                for p in waiting { try self.value(key: p.key, p.value, pointer: p.pointer) }
            }
        }

        mutating func resolve() throws {
            let ids = parts["id"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let sizes =
                parts["size"]?.arrayValue?.compactMap { $0.intValue ?? $0.stringValue.flatMap { Int($0) } } ?? []
            guard !ids.isEmpty, ids.count == sizes.count else {
                throw AdapterError(
                    .malformedInput,
                    "\(place): 'id' names \(ids.count) dimensions but 'size' gives \(sizes.count) sizes; JSON-stat needs one size per dimension"
                )
            }
            let dims = try ids.enumerated().map { i, id in
                try JSONStatDimension(id: id, parts["dimension"]?[id], size: sizes[i], at: place)
            }
            var strides = [Int](repeating: 1, count: dims.count)
            var step = 1
            for i in (0..<dims.count).reversed() {
                strides[i] = step
                step *= max(sizes[i], 1)
            }
            self.strides = strides
            total = step
            let role = parts["role"]
            func roleDims(_ r: String, _ names: Set<String>) -> Set<Int> {
                let named = Set(role?[r]?.arrayValue?.compactMap(\.stringValue) ?? [])
                return Set(
                    dims.indices.filter {
                        named.contains(dims[$0].id) || (named.isEmpty && names.contains(dims[$0].id.lowercased()))
                    })
            }
            timeDims = roleDims("time", ["time", "year", "time_period", "tid", "period", "år", "vuosi"])
            geoDims = roleDims("geo", ["geo", "country", "region", "area", "ref_area", "region", "alue"])
            metricDims = roleDims("metric", ["concept", "indicator", "unit", "contentscode", "tiedot"])
            dimensions = dims
        }

        mutating func value(key: String, _ raw: JSONValue, pointer: String) throws {
            guard let dims = dimensions else {
                pending.append((key, raw, pointer))
                return
            }
            guard let flat = Int(key), flat >= 0, flat < total else {
                throw AdapterError(
                    .malformedInput,
                    "\(place) \(pointer): value index '\(key)' is outside the cube (size gives \(total) cells)")
            }
            emitted += 1
            var codes: [String] = []
            var rest = flat
            for (i, _) in dims.enumerated() {
                codes.append(dims[i].codes[rest / strides[i]])
                rest %= strides[i]
            }
            var attributes: [String: String] = [:]
            var periodText: String?
            var region: String?
            var unit: String?
            var subjectParts: [String] = []
            let columns = adapter.columns
            var subjectFromColumn: String?
            for (i, dim) in dims.enumerated() {
                let code = codes[i]
                let label = dim.labels[code] ?? code
                attributes[dim.id] = code
                if let u = dim.units[code] {
                    unit = u["label"]?.stringValue ?? u["symbol"]?.stringValue ?? unit
                    if let d = u["decimals"]?.intValue { attributes["decimals"] = String(d) }
                }
                if columns["subject"] == dim.id { subjectFromColumn = label }
                if columns["region"] == dim.id { region = label }
                if columns["period"] == dim.id { periodText = code }
                if timeDims.contains(i) {
                    if periodText == nil { periodText = code }
                    continue
                }
                if geoDims.contains(i) {
                    if region == nil { region = label }
                    continue
                }
                if dims[i].codes.count > 1 || metricDims.contains(i) { subjectParts.append(label) }
            }
            let defaults = adapter.defaults
            let datasetLabel = parts["label"]?.stringValue
            let subject =
                subjectFromColumn ?? defaults["subject"]
                ?? ([datasetLabel].compactMap { $0 } + [subjectParts.joined(separator: ", ")].filter { !$0.isEmpty })
                .joined(separator: ": ")
            let status = Self.status(parts["status"], flat: flat)
            if let status { attributes["status"] = status }
            var number: Double?
            switch raw {
            case .number(let n): number = n
            case .string(let s):
                // JSON-stat allows text values; one that is no number is kept as text.
                number = (try? NumberCell.parse(s, at: "\(place) \(pointer)"))?.value
                if number == nil { attributes["value_text"] = s }
            default: number = nil
            }
            let periodSource = periodText ?? defaults["period"] ?? input.period
            let period = periodSource.map { Period(parsing: $0) ?? Period(unchecked: $0) } ?? Period(unchecked: "")
            try sink.emit(
                Observation(
                    subject: subject.isEmpty ? codes.joined(separator: ".") : subject, kind: adapter.defaultKind,
                    quantity: Quantity(value: number, unit: defaults["unit"] ?? unit ?? ""), period: period,
                    region: region ?? defaults["region"] ?? input.region,
                    text: "\(codes.joined(separator: ".")) = \(raw.scalarText ?? "")",
                    location: SourceLocation(pointer: pointer),
                    attributes: attributes))
        }

        /// The status of cell `flat`: one string for all, an array (one entry for all, or one per
        /// cell), or an object keyed by the flat index.
        static func status(_ status: JSONValue?, flat: Int) -> String? {
            switch status {
            case .string(let s)?: return s
            case .array(let items)?:
                if items.count == 1 { return items[0].stringValue }
                return flat < items.count ? items[flat].stringValue : nil
            case .object?: return status?[String(flat)]?.stringValue
            default: return nil
            }
        }

        mutating func finish(rootKeys: [String]) throws {
            if dimensions == nil {
                let missing = ["id", "size", "dimension"].filter { parts[$0] == nil }
                let keys = rootKeys.isEmpty ? "" : " (top-level keys: \(rootKeys.joined(separator: ", ")))"
                throw AdapterError(
                    .unsupportedInput,
                    "\(place): not a JSON-stat 2.0 dataset: no \(missing.joined(separator: ", "))\(keys); JSON-stat 1.0 bundles are not read, ask the service for version 2.0"
                )
            }
        }
    }
}
