import Foundation
import IndicatorKit

extension OpenDataAdapter {
    /// Reads an SDMX-JSON data message (1.0, with `structure` beside `dataSets`, or 2.0, with
    /// `data.structures`). The whole message is parsed first: the structure may come after the data.
    func readSDMXJSON(_ input: SourceInput, into sink: RecordSink) throws {
        let file = try InputFile(path: input.path, name: input.origin)
        var parser = JSONStreamParser(file: file)
        guard let document = try parser.parse(target: nil) else { return }
        try emitSDMX(document, input: input, into: sink)
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
            roles.contains("TIME_PERIOD") || roles.contains("TIME") || ["TIME_PERIOD", "TIME", "YEAR"].contains(id.uppercased())
        }

        var isArea: Bool {
            roles.contains("REF_AREA") || ["REF_AREA", "GEO", "COUNTRY", "LOCATION", "AREA"].contains(id.uppercased())
        }
    }

    func emitSDMX(_ document: JSONValue, input: SourceInput, into sink: RecordSink) throws {
        let name = input.origin
        let wrapped = document["data"]?["dataSets"] != nil
        let root = wrapped ? document["data"]! : document
        let prefix = wrapped ? "/data" : ""
        guard let dataSets = root["dataSets"]?.arrayValue else {
            throw AdapterError(.unsupportedInput, "\(name): not an SDMX-JSON data message (no dataSets); for other JSON set option pointer")
        }
        let structures: [JSONValue] = root["structures"]?.arrayValue ?? (root["structure"].map { [$0] } ?? [])
        var warnedPeriod = false
        for (d, dataSet) in dataSets.enumerated() {
            let s = dataSet["structure"]?.intValue ?? 0
            guard s >= 0, s < structures.count else {
                throw AdapterError(
                    .malformedInput, "\(name): dataSets[\(d)] refers to structure \(s), which the message does not have")
            }
            let structure = structures[s]
            func components(_ group: String, _ level: String) -> [SDMXComponent] {
                (structure[group]?[level]?.arrayValue ?? []).enumerated().map { SDMXComponent($1, order: $0) }
            }
            let dsDims = components("dimensions", "dataSet")
            let seriesDims = components("dimensions", "series")
            let obsDims = components("dimensions", "observation")
            let dsAttrs = components("attributes", "dataSet")
            let seriesAttrs = components("attributes", "series")
            let obsAttrs = components("attributes", "observation")
            let measureCount = max(1, structure["measures"]?["observation"]?.arrayValue?.count ?? 1)

            // Dimension and attribute values fixed for the whole data set.
            var base: [(SDMXComponent, String)] = dsDims.compactMap { dim in dim.code(0).map { (dim, $0) } }
            var baseAttributes: [String: String] = [:]
            Self.attach(dataSet["attributes"]?.arrayValue, to: dsAttrs, into: &baseAttributes)
            base.sort { ($0.0.keyPosition ?? Int.max) < ($1.0.keyPosition ?? Int.max) }

            func emit(_ seriesKey: [Int], _ obsKey: [Int], _ obs: JSONValue, _ seriesAttributes: [String: String], _ pointer: String) throws {
                var dims = base
                for (i, dim) in seriesDims.enumerated() where i < seriesKey.count {
                    if let c = dim.code(seriesKey[i]) { dims.append((dim, c)) }
                }
                for (i, dim) in obsDims.enumerated() where i < obsKey.count {
                    if let c = dim.code(obsKey[i]) { dims.append((dim, c)) }
                }
                dims.sort { ($0.0.keyPosition ?? Int.max) < ($1.0.keyPosition ?? Int.max) }
                var attributes = baseAttributes.merging(seriesAttributes) { _, s in s }
                let values = obs.arrayValue ?? [obs]
                if values.count > measureCount {
                    Self.attach(Array(values[measureCount...]), to: obsAttrs, into: &attributes)
                }
                var periodText: String?
                var region: String?
                var keyParts: [String] = []
                for (dim, code) in dims {
                    attributes[dim.id] = code
                    if dim.isTime { periodText = code; continue }
                    if dim.isArea, region == nil { region = code }
                    keyParts.append(code)
                }
                let seriesKeyText = keyParts.joined(separator: ".")
                attributes["series_key"] = seriesKeyText
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
                    input.logger.warning("\(name): the data set has no time dimension; set option period to date its observations")
                }
                let period = periodSource.map { Period(parsing: $0) ?? Period(unchecked: $0) } ?? Period(unchecked: "")
                let unit = field("unit") ?? attributes["UNIT_MEASURE"] ?? attributes["UNIT"] ?? defaults["unit"] ?? ""
                let subject = field("subject") ?? defaults["subject"] ?? seriesKeyText
                let observation = Observation(
                    subject: subject, indicator: field("indicator"), kind: defaultKind,
                    quantity: Quantity(value: value, unit: unit), period: period,
                    region: field("region") ?? region ?? defaults["region"] ?? input.region,
                    text: "\(seriesKeyText) \(periodText ?? "") = \(raw.scalarText ?? "")",
                    location: SourceLocation(pointer: pointer), attributes: attributes)
                try sink.emit(observation)
            }

            let dsPointer = "\(prefix)/dataSets/\(d)"
            if case .object(let series)? = dataSet["series"] {
                for (key, s) in series {
                    let seriesKey = Self.indices(key)
                    var seriesAttributes: [String: String] = [:]
                    Self.attach(s["attributes"]?.arrayValue, to: seriesAttrs, into: &seriesAttributes)
                    guard case .object(let observations)? = s["observations"] else { continue }
                    for (obsKey, obs) in observations {
                        try emit(
                            seriesKey, Self.indices(obsKey), obs, seriesAttributes,
                            "\(dsPointer)/series/\(key)/observations/\(obsKey)")
                    }
                }
            }
            if case .object(let observations)? = dataSet["observations"] {
                for (obsKey, obs) in observations {
                    try emit([], Self.indices(obsKey), obs, [:], "\(dsPointer)/observations/\(obsKey)")
                }
            }
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
