import Foundation
import IndicatorKit

/// Reads open-data payloads: CSV files whose columns map onto the record fields.
///
/// A column named like a record field (`subject`, `period`, `value`, `unit`, `region`, `kind`,
/// `comparator`, `indicator`, `upper`, `type`, `text`) maps itself, as do common Chinese headers
/// (指标, 年份, 数值, 单位, 地区); `columns:` maps others. A row with a comparator is a goal.
public struct OpenDataAdapter: SourceAdapter {
    public static let descriptor = AdapterDescriptor(
        name: "open-data", version: "1.0.0",
        summary: "Open-data payloads: CSV with a column mapping",
        options: [
            .init("format", "csv (default: from the media type or file extension)"),
            .init("columns", "map of record field to column name, e.g. { subject: 指标, period: 年份, value: 数值 }"),
            .init("delimiter", "CSV field delimiter: a single character, or 'tab' (default ',')"),
            .init("header", "whether the first CSV row names the columns (default true)"),
            .init("kind", "kind for rows without a kind column: level, growth, change or share (default level)"),
            .init("unit", "unit for rows without a unit column"),
            .init("period", "period for rows without a period column"),
            .init("region", "region for rows without a region column"),
            .init("subject", "subject for rows without a subject column"),
        ])

    /// The record fields a column can map to.
    static let fields = [
        "subject", "indicator", "period", "value", "upper", "unit", "region", "kind", "comparator", "type", "text",
    ]

    /// Header names that map to a field without configuration.
    static let headerAliases: [String: String] = [
        "指标": "subject", "指标名称": "subject", "名称": "subject", "項目": "subject", "指標": "subject", "项目": "subject",
        "年份": "period", "时间": "period", "年度": "period", "時間": "period", "期间": "period", "date": "period",
        "year": "period", "time_period": "period",
        "数值": "value", "数据": "value", "值": "value", "數值": "value", "obs_value": "value",
        "单位": "unit", "計量單位": "unit", "计量单位": "unit", "單位": "unit",
        "地区": "region", "地區": "region", "区域": "region", "country": "region", "ref_area": "region",
        "类型": "kind", "比较": "comparator",
    ]

    let format: String?
    let columns: [String: String]
    let delimiter: Unicode.Scalar
    let header: Bool
    let defaultKind: Kind
    let defaults: [String: String]

    public init(options: AdapterOptions) throws {
        try options.rejectUnknownKeys(for: Self.descriptor)
        format = try options.choice("format", in: ["csv"])
        let columns = try options.stringMap("columns") ?? [:]
        for key in columns.keys.sorted() where !Self.fields.contains(key) {
            var message = "option 'columns.\(key)': '\(key)' is not a record field"
            if let guess = Spelling.closest(to: key, among: Self.fields) { message += " (did you mean '\(guess)'?)" }
            throw AdapterError(.invalidOption, message + "; fields: \(Self.fields.joined(separator: ", "))")
        }
        self.columns = columns
        let d = try options.string("delimiter") ?? ","
        let scalars = d == "tab" || d == "\\t" ? ["\t"] : Array(d.unicodeScalars)
        guard scalars.count == 1, scalars[0] != "\"", scalars[0] != "\n" else {
            throw AdapterError(.invalidOption, "option 'delimiter' must be one character (or 'tab'), not '\(d)'")
        }
        delimiter = scalars[0]
        header = try options.bool("header") ?? true
        let kindText = try options.choice("kind", in: Kind.allCases.map(\.rawValue)) ?? "level"
        defaultKind = Kind(rawValue: kindText)!
        var defaults: [String: String] = [:]
        for key in ["unit", "period", "region", "subject"] {
            if let v = try options.string(key) { defaults[key] = v }
        }
        self.defaults = defaults
    }

    public func read(_ input: SourceInput, into sink: RecordSink) async throws {
        let fmt = format ?? Self.detectFormat(input)
        switch fmt {
        case "csv":
            try readCSV(input, into: sink)
        default:
            throw AdapterError(
                .unsupportedInput,
                "\(input.origin): cannot tell the format (media type \(input.mediaType ?? "unknown")); set option format: csv")
        }
    }

    static func detectFormat(_ input: SourceInput) -> String? {
        let media = (input.mediaType ?? "").lowercased()
        if media.contains("csv") || media.contains("tab-separated") { return "csv" }
        switch input.fileExtension {
        case "csv", "tsv", "txt": return "csv"
        default: return nil
        }
    }

    // MARK: - CSV

    func readCSV(_ input: SourceInput, into sink: RecordSink) throws {
        var reader = CSVReader()
        reader.delimiter = input.fileExtension == "tsv" && delimiter == "," ? "\t" : delimiter
        var map: [String: Int] = [:]  // field -> column index
        var headerNames: [String] = []
        var dataRow = 0
        let name = input.origin
        try reader.read(path: input.path, declaredCharset: input.charset, name: name) { fields, line in
            if header && headerNames.isEmpty {
                headerNames = fields.map { $0.trimmingCharacters(in: .whitespaces) }
                map = try resolveColumns(headerNames, name: name)
                return
            }
            if !header && map.isEmpty {
                headerNames = (1...max(fields.count, 1)).map { "column\($0)" }
                map = try resolveColumns(headerNames, name: name)
            }
            dataRow += 1
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { return }
            let record = try makeRecord(
                fields: fields, map: map, headerNames: headerNames, row: dataRow, line: line, input: input)
            try sink.emit(record)
        }
    }

    func resolveColumns(_ names: [String], name: String) throws -> [String: Int] {
        var map: [String: Int] = [:]
        let lowered = names.map { $0.lowercased() }
        for (i, n) in lowered.enumerated() {
            if Self.fields.contains(n), map[n] == nil { map[n] = i }
        }
        for (i, n) in names.enumerated() {
            if let field = Self.headerAliases[n] ?? Self.headerAliases[n.lowercased()], map[field] == nil,
                columns[field] == nil
            {
                map[field] = i
            }
        }
        for (field, column) in columns {
            if let i = names.firstIndex(of: column) ?? lowered.firstIndex(of: column.lowercased()) {
                map[field] = i
            } else {
                var message = "\(name): option columns.\(field) names column '\(column)', which the header does not have"
                if let guess = Spelling.closest(to: column, among: names) { message += " (did you mean '\(guess)'?)" }
                throw AdapterError(.invalidOption, message + "; columns: \(names.joined(separator: ", "))")
            }
        }
        if map["value"] == nil {
            throw AdapterError(
                .invalidOption,
                "\(name): no value column; name one with option columns: { value: COLUMN } (columns: \(names.joined(separator: ", ")))")
        }
        if map["subject"] == nil && map["indicator"] == nil && defaults["subject"] == nil {
            throw AdapterError(
                .invalidOption,
                "\(name): no subject column; name one with option columns: { subject: COLUMN } or set option subject")
        }
        return map
    }

    func makeRecord(
        fields: [String], map: [String: Int], headerNames: [String], row: Int, line: Int, input: SourceInput
    ) throws -> Record {
        func cell(_ field: String) -> String? {
            guard let i = map[field], i < fields.count else { return nil }
            let v = fields[i].trimmingCharacters(in: .whitespaces)
            return v.isEmpty ? nil : v
        }
        let at = "\(input.origin):\(line)"
        func columnName(_ field: String) -> String { map[field].map { headerNames[$0] } ?? field }
        let indicator = cell("indicator")
        guard let subject = cell("subject") ?? defaults["subject"] ?? indicator else {
            throw AdapterError(.malformedInput, "\(at): row \(row) has no subject in column '\(columnName("subject"))'")
        }
        guard let periodText = cell("period") ?? defaults["period"] ?? input.period else {
            throw AdapterError(
                .malformedInput,
                "\(at): row \(row) has no period; add a period column or set option period")
        }
        guard let period = Period(parsing: periodText) else {
            throw AdapterError(
                .malformedInput,
                "\(at): row \(row): '\(periodText)' in column '\(columnName("period"))' is not a period (use 2022, 2022-Q3, 2022-09 or 2022-01/2022-09)")
        }
        let parsed = try NumberCell.parse(cell("value"), at: "\(at): row \(row), column '\(columnName("value"))'")
        let upper = try NumberCell.parse(cell("upper"), at: "\(at): row \(row), column '\(columnName("upper"))'").value
        var kind = defaultKind
        if let k = cell("kind") {
            guard let parsedKind = Kind(rawValue: k.lowercased()) else {
                throw AdapterError(
                    .malformedInput, "\(at): row \(row): kind '\(k)' is not level, growth, change or share")
            }
            kind = parsedKind
        }
        let unit = cell("unit") ?? defaults["unit"] ?? ""
        let region = cell("region") ?? defaults["region"] ?? input.region
        let location = SourceLocation(line: line, row: row)
        let text = cell("text") ?? fields.joined(separator: String(delimiter))
        var comparator: Comparator?
        if let c = cell("comparator") {
            guard let parsedComparator = Comparator(rawValue: c) ?? Self.comparatorWords[c] else {
                throw AdapterError(
                    .malformedInput, "\(at): row \(row): comparator '\(c)' is not one of >=, >, <=, <, ~, =, range")
            }
            comparator = parsedComparator
        }
        if let type = cell("type")?.lowercased() {
            switch type {
            case "goal", "target", "目标": if comparator == nil { comparator = .equal }
            case "observation", "actual", "实际": comparator = nil
            default:
                throw AdapterError(.malformedInput, "\(at): row \(row): type '\(type)' is not goal or observation")
            }
        }
        let quantity = Quantity(value: parsed.value, upper: upper, unit: unit)
        if let comparator {
            return .goal(
                Goal(
                    subject: subject, indicator: indicator, kind: kind, comparator: comparator, quantity: quantity,
                    period: period, region: region, redacted: parsed.redacted, text: text, location: location))
        }
        return .observation(
            Observation(
                subject: subject, indicator: indicator, kind: kind, quantity: quantity, period: period, region: region,
                redacted: parsed.redacted, text: text, location: location))
    }

    static let comparatorWords: [String: Comparator] = [
        "≥": .atLeast, "以上": .atLeast, "不低于": .atLeast, ">": .above, "超过": .above, "≤": .atMost, "以内": .atMost,
        "不超过": .atMost, "<": .below, "约": .about, "左右": .about, "≈": .about,
    ]
}

/// A numeric cell: "1,234.5", "12.3%", an empty or missing marker, or a masked figure.
enum NumberCell {
    static let missingMarkers: Set<String> = ["", "-", "--", "…", "...", "..", "NaN", "nan", "NA", "N/A", "n/a", ":", "null"]

    static func parse(_ text: String?, at place: String) throws -> (value: Double?, redacted: Bool) {
        guard var s = text?.trimmingCharacters(in: .whitespaces) else { return (nil, false) }
        if missingMarkers.contains(s) { return (nil, false) }
        if s.allSatisfy({ $0 == "X" || $0 == "x" || $0 == "*" || $0 == "×" }) { return (nil, true) }
        s = s.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "，", with: "")
        if s.hasSuffix("%") { s.removeLast() }
        guard let v = Double(s), v.isFinite else {
            throw AdapterError(.malformedInput, "\(place): '\(text!)' is not a number")
        }
        return (v, false)
    }
}
