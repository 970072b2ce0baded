import Foundation
import IndicatorKit

extension OpenDataAdapter {
    /// Reads an SDMX-JSON data message: 1.0 (`structure` beside `dataSets`, at the root or under
    /// `data`) or 2.0 (`data.structures`).
    ///
    /// Streams when the structure comes before the data (each series, or each observation of a
    /// flat data set, is built, emitted and dropped); observations that arrive before the
    /// structure wait for it. Data-set attributes are applied when they precede the data, as the
    /// SDMX-JSON schemas order them.
    func readSDMXJSON(_ input: SourceInput, into sink: RecordSink) throws {
        let name = input.origin
        var parser = try jsonParser(input)
        var reader = SDMXReader(adapter: self, input: input, sink: sink)
        func isDataSet(_ path: [String]) -> (prefix: Int, index: Int)? {
            let p = path.first == "data" ? 1 : 0
            guard path.count >= p + 2, path[p] == "dataSets", let i = Int(path[p + 1]) else { return nil }
            return (p, i)
        }
        try parser.walk(
            streamAt: { path in
                guard let (p, _) = isDataSet(path), path.count == p + 3 else { return false }
                return path[p + 2] == "series" || path[p + 2] == "observations"
            },
            capture: { path in
                if path == ["structure"] || path == ["data", "structure"] || path == ["data", "structures"]
                    || path == ["structures"]
                {
                    return true
                }
                guard let (p, _) = isDataSet(path), path.count == p + 3 else { return false }
                return path[p + 2] == "attributes" || path[p + 2] == "structure"
            },
            onCapture: { path, value in
                if let (p, i) = isDataSet(path) {
                    if path[p + 2] == "attributes" { reader.dataSetAttributes[i] = value.arrayValue }
                    if path[p + 2] == "structure" { reader.dataSetStructure[i] = value.intValue }
                } else if path.last == "structures" {
                    reader.structures = value.arrayValue
                } else {
                    reader.structures = [value]
                }
                try reader.flush()
            },
            onElement: { path, value in
                guard let (p, i) = isDataSet(path) else { return }
                let key = path[p + 3]
                let pointer = JSONPointer.string(path)
                try reader.element(
                    dataSet: i, isSeries: path[p + 2] == "series", key: key, value: value, pointer: pointer)
            })
        if reader.structures == nil {
            let keys = parser.rootKeys.joined(separator: ", ")
            throw AdapterError(
                .unsupportedInput,
                "\(name): not an SDMX-JSON data message (no structure; top-level keys: \(keys)); for other JSON use format: json with option pointer"
            )
        }
        try reader.flush()
    }

    /// Emits a whole, already parsed SDMX-JSON document.
    func emitSDMX(_ document: JSONValue, input: SourceInput, into sink: RecordSink) throws {
        let wrapped = document["data"]?["dataSets"] != nil
        let root = wrapped ? document["data"]! : document
        let prefix = wrapped ? "/data" : ""
        var reader = SDMXReader(adapter: self, input: input, sink: sink)
        reader.structures = root["structures"]?.arrayValue ?? (root["structure"].map { [$0] } ?? [])
        for (d, dataSet) in (root["dataSets"]?.arrayValue ?? []).enumerated() {
            reader.dataSetAttributes[d] = dataSet["attributes"]?.arrayValue
            reader.dataSetStructure[d] = dataSet["structure"]?.intValue
            for part in ["series", "observations"] {
                guard case .object(let members)? = dataSet[part] else { continue }
                for (key, value) in members {
                    try reader.element(
                        dataSet: d, isSeries: part == "series", key: key, value: value,
                        pointer: "\(prefix)/dataSets/\(d)/\(part)/\(key)")
                }
            }
        }
    }

    /// One dimension or attribute of an SDMX-JSON structure.
    struct SDMXComponent {
        var id: String
        var keyPosition: Int?
        var roles: [String]
        var values: [JSONValue]

        init(_ json: JSONValue, order: Int) {
            id = json["id"]?.stringValue ?? "DIM\(order)"
            keyPosition = json["keyPosition"]?.intValue
            var roles: [String] = []
            if let r = json["role"]?.stringValue { roles.append(r) }
            if let rs = json["roles"]?.arrayValue { roles += rs.compactMap(\.stringValue) }
            if let r = json["role"]?.arrayValue { roles += r.compactMap(\.stringValue) }
            self.roles = roles.map { $0.uppercased() }
            values = json["values"]?.arrayValue ?? []
        }

        /// The code id of value `index` (or its name, or the raw value).
        func code(_ index: Int) -> String? {
            guard index >= 0, index < values.count else { return nil }
            let v = values[index]
            return v["id"]?.scalarText ?? v["name"]?.scalarText ?? v["value"]?.scalarText ?? v.scalarText
        }

        var isTime: Bool {
            roles.contains("TIME_PERIOD") || roles.contains("TIME")
                || ["TIME_PERIOD", "TIME", "YEAR"].contains(id.uppercased())
        }

        var isArea: Bool {
            roles.contains("REF_AREA") || ["REF_AREA", "GEO", "COUNTRY", "LOCATION", "AREA"].contains(id.uppercased())
        }
    }

    /// The structure of one data set, resolved once.
    struct SDMXDataSetLayout {
        var seriesDims: [SDMXComponent]
        var obsDims: [SDMXComponent]
        var seriesAttrs: [SDMXComponent]
        var obsAttrs: [SDMXComponent]
        var measureCount: Int
        var base: [(SDMXComponent, String)]
        var baseAttributes: [String: String]
    }

    /// Turns series and observations into records as they arrive, waiting for the structure.
    struct SDMXReader {
        let adapter: OpenDataAdapter
        let input: SourceInput
        let sink: RecordSink
        var structures: [JSONValue]?
        var dataSetAttributes: [Int: [JSONValue]?] = [:]
        var dataSetStructure: [Int: Int?] = [:]
        var layouts: [Int: SDMXDataSetLayout] = [:]
        var pending: [(dataSet: Int, isSeries: Bool, key: String, value: JSONValue, pointer: String)] = []
        var warnedPeriod = false

        init(adapter: OpenDataAdapter, input: SourceInput, sink: RecordSink) {
            self.adapter = adapter
            self.input = input
            self.sink = sink
        }

        mutating func element(dataSet: Int, isSeries: Bool, key: String, value: JSONValue, pointer: String) throws {
            guard structures != nil else {
                pending.append((dataSet, isSeries, key, value, pointer))
                return
            }
            let layout = try self.layout(dataSet)
            if isSeries {
                let seriesKey = OpenDataAdapter.indices(key)
                var seriesAttributes: [String: String] = [:]
                OpenDataAdapter.attach(value["attributes"]?.arrayValue, to: layout.seriesAttrs, into: &seriesAttributes)
                guard case .object(let observations)? = value["observations"] else { return }
                for (obsKey, obs) in observations {
                    try emit(
                        layout, seriesKey, OpenDataAdapter.indices(obsKey), obs, seriesAttributes,
                        "\(pointer)/observations/\(obsKey)")
                }
            } else {
                try emit(layout, [], OpenDataAdapter.indices(key), value, [:], pointer)
            }
        }

        mutating func flush() throws {
            guard structures != nil, !pending.isEmpty else { return }
            let waiting = pending
            pending = []
            for p in waiting {
                try element(dataSet: p.dataSet, isSeries: p.isSeries, key: p.key, value: p.value, pointer: p.pointer)
            }
        }

        mutating func layout(_ d: Int) throws -> SDMXDataSetLayout {
            if let l = layouts[d] { return l }
            let structures = self.structures ?? []
            let s = (dataSetStructure[d] ?? nil) ?? 0
            guard s >= 0, s < structures.count else {
                throw AdapterError(
                    .malformedInput,
                    "\(input.origin): dataSets[\(d)] refers to structure \(s), which the message does not have")
            }
            let structure = structures[s]
            func components(_ group: String, _ level: String) -> [SDMXComponent] {
                (structure[group]?[level]?.arrayValue ?? []).enumerated().map { SDMXComponent($1, order: $0) }
            }
            var base: [(SDMXComponent, String)] = components("dimensions", "dataSet").compactMap { dim in
                dim.code(0).map { (dim, $0) }
            }
            base.sort { ($0.0.keyPosition ?? Int.max) < ($1.0.keyPosition ?? Int.max) }
            var baseAttributes: [String: String] = [:]
            OpenDataAdapter.attach(
                dataSetAttributes[d] ?? nil, to: components("attributes", "dataSet"), into: &baseAttributes)
            let layout = SDMXDataSetLayout(
                seriesDims: components("dimensions", "series"), obsDims: components("dimensions", "observation"),
                seriesAttrs: components("attributes", "series"), obsAttrs: components("attributes", "observation"),
                measureCount: max(1, structure["measures"]?["observation"]?.arrayValue?.count ?? 1), base: base,
                baseAttributes: baseAttributes)
            layouts[d] = layout
            return layout
        }

        mutating func emit(
            _ layout: SDMXDataSetLayout, _ seriesKey: [Int], _ obsKey: [Int], _ obs: JSONValue,
            _ seriesAttributes: [String: String], _ pointer: String
        ) throws {
            let name = input.origin
            var dims = layout.base
            for (i, dim) in layout.seriesDims.enumerated() where i < seriesKey.count {
                if let c = dim.code(seriesKey[i]) { dims.append((dim, c)) }
            }
            for (i, dim) in layout.obsDims.enumerated() where i < obsKey.count {
                if let c = dim.code(obsKey[i]) { dims.append((dim, c)) }
            }
            dims.sort { ($0.0.keyPosition ?? Int.max) < ($1.0.keyPosition ?? Int.max) }
            var attributes = layout.baseAttributes.merging(seriesAttributes) { _, s in s }
            let values = obs.arrayValue ?? [obs]
            if values.count > layout.measureCount {
                OpenDataAdapter.attach(Array(values[layout.measureCount...]), to: layout.obsAttrs, into: &attributes)
            }
            var periodText: String?
            var region: String?
            var keyParts: [String] = []
            for (dim, code) in dims {
                attributes[dim.id] = code
                if dim.isTime {
                    periodText = code
                    continue
                }
                if dim.isArea, region == nil { region = code }
                keyParts.append(code)
            }
            let seriesKeyText = keyParts.joined(separator: ".")
            attributes["series_key"] = seriesKeyText
            let columns = adapter.columns
            let defaults = adapter.defaults
            func field(_ f: String) -> String? { columns[f].flatMap { attributes[$0] } }
            let raw = values.first ?? .null
            var value: Double?
            switch raw {
            case .number(let n): value = n
            case .string(let text): value = try NumberCell.parse(text, at: "\(name) \(pointer)").value
            default: value = nil
            }
            if let status = attributes["OBS_STATUS"], status == "M" || status == "L" { value = nil }
            let periodSource = field("period") ?? periodText ?? defaults["period"] ?? input.period
            if periodSource == nil && !warnedPeriod {
                warnedPeriod = true
                input.logger.warning(
                    "\(name): the data set has no time dimension; set option period to date its observations")
            }
            let period = periodSource.map { Period(parsing: $0) ?? Period(unchecked: $0) } ?? Period(unchecked: "")
            let unit = field("unit") ?? attributes["UNIT_MEASURE"] ?? attributes["UNIT"] ?? defaults["unit"] ?? ""
            let observation = Observation(
                subject: field("subject") ?? defaults["subject"] ?? seriesKeyText, indicator: field("indicator"),
                kind: adapter.defaultKind, quantity: Quantity(value: value, unit: unit), period: period,
                region: field("region") ?? region ?? defaults["region"] ?? input.region,
                text: "\(seriesKeyText) \(periodText ?? "") = \(raw.scalarText ?? "")",
                location: SourceLocation(pointer: pointer), attributes: attributes)
            try sink.emit(observation)
        }
    }

    /// "0:1:2" → [0, 1, 2].
    static func indices(_ key: String) -> [Int] {
        key.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) ?? -1 }
    }

    /// Attribute values given as indices into each attribute's values (or as raw values, in 2.0).
    static func attach(_ values: [JSONValue]?, to components: [SDMXComponent], into out: inout [String: String]) {
        guard let values else { return }
        for (i, v) in values.enumerated() where i < components.count {
            switch v {
            case .number(let n) where n == n.rounded():
                if let code = components[i].code(Int(n)) { out[components[i].id] = code }
            case .string(let s): out[components[i].id] = s
            default: break
            }
        }
    }
}
