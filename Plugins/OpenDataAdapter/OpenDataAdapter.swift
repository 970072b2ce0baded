import Foundation
import IndicatorKit
import Vocabulary

/// Reads open-data payloads: CSV, JSON (with the `worldbank` and `ckan` presets) and SDMX-JSON
/// 1.0/2.0 data messages, and as statistics offices serve them: NBS easyquery (`nbs`), JSON-stat 2.0
/// (`jsonstat`), SDMX-CSV 1.0/2.0 (`sdmx-csv`) and PX-Web JSON or `.px` files (`pxweb`).
///
/// A column (or JSON key, dotted for nested objects: `country.value`) named like a record field
/// (`subject`, `period`, `value`, `unit`, `region`, `kind`, `comparator`, `indicator`, `upper`,
/// `type`, `text`) maps itself, as do common Chinese headers (指标, 年份, 数值, 单位, 地区);
/// `columns:` maps others. A row with a comparator is a goal. A table whose header cells are
/// years (2021, 2022年) and that has no value column is read as a wide table: one observation per
/// year cell. CSV and JSON with `pointer` or a preset are streamed record by record; SDMX-JSON
/// and JSON without a pointer are parsed whole (the structure may follow the data).
public struct OpenDataAdapter: SourceAdapter {
    public static let descriptor = AdapterDescriptor(
        name: "open-data", version: "1.2.0",
        summary:
            "Open-data payloads: CSV (long or wide), JSON with a pointer and field mapping, World Bank, CKAN, SDMX-JSON, NBS easyquery, JSON-stat, SDMX-CSV, PX-Web",
        options: [
            .init("format", "csv, json or sdmx-json (default: from the media type or file extension)"),
            .init(
                "preset",
                "worldbank (World Bank API v2), ckan (CKAN datastore_search), nbs (NBS easyquery QueryData), jsonstat (JSON-stat 2.0 dataset or collection), sdmx-csv (SDMX-CSV 1.0 or 2.0) or pxweb (PX-Web API JSON or a .px file)"
            ),
            .init(
                "dbcode",
                "preset nbs: the NBS database of the query (hgyd, hgjd, hgnd, fsnd, …; default: dbcode= in the URL)"),
            .init("pointer", "JSON pointer to the array of records, e.g. /result/records (default: the root array)"),
            .init(
                "columns",
                "map of record field to column or JSON key (dotted path), e.g. { subject: 指标, period: 年份, value: 数值 }"),
            .init("years", "auto (default), columns (header cells are years: a wide table) or none"),
            .init("delimiter", "CSV field delimiter: a single character, or 'tab' (default ',')"),
            .init("header", "whether the first CSV row names the columns (default true)"),
            .init("kind", "kind for rows without a kind column: level, growth, change or share (default level)"),
            .init("unit", "unit for rows without a unit column"),
            .init("period", "period for rows without a period column"),
            .init("region", "region for rows without a region column"),
            .init("subject", "subject for rows without a subject column"),
            .init("max-text", "the longest JSON string accepted, in bytes (default 1048576)"),
        ],
        mediaTypes: [
            "text/csv", "application/csv", "text/tab-separated-values", "application/json", "text/json",
            "application/javascript", "text/javascript", "+json", "+csv", "application/vnd.ms-excel",
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
    let preset: String?
    let pointer: String?
    var columns: [String: String]
    let years: String
    let delimiter: Unicode.Scalar
    let header: Bool
    let defaultKind: FigureKind
    let kindGiven: Bool
    let defaults: [String: String]
    let maxText: Int
    let nbsDatabase: String?

    public init(options: AdapterOptions) throws {
        try options.rejectUnknownKeys(for: Self.descriptor)
        preset = try options.choice("preset", in: ["worldbank", "ckan"] + Self.officePresets)
        var format = try options.choice("format", in: ["csv", "json", "sdmx-json"])
        nbsDatabase = try options.string("dbcode")
        if let p = preset, Self.officePresets.contains(p) {
            if let f = format {
                throw AdapterError(
                    .invalidOption, "option 'preset: \(p)' names the format itself; remove 'format: \(f)'")
            }
            format = p
        } else if preset != nil {
            if let f = format, f != "json" {
                throw AdapterError(
                    .invalidOption, "option 'preset: \(preset!)' reads JSON; remove 'format: \(f)' or set it to json")
            }
            format = "json"
        }
        self.format = format
        pointer = try options.string("pointer")
        if let p = pointer, !p.isEmpty, !p.hasPrefix("/") {
            throw AdapterError(
                .invalidOption,
                "option 'pointer' must be a JSON pointer starting with '/', like /result/records, not '\(p)'")
        }
        let columns = try options.stringMap("columns") ?? [:]
        for key in columns.keys.sorted() where !Self.fields.contains(key) {
            var message = "option 'columns.\(key)': '\(key)' is not a record field"
            if let guess = Spelling.closest(to: key, among: Self.fields) { message += " (did you mean '\(guess)'?)" }
            throw AdapterError(.invalidOption, message + "; fields: \(Self.fields.joined(separator: ", "))")
        }
        self.columns = columns
        years = try options.choice("years", in: ["auto", "columns", "none"]) ?? "auto"
        let d = try options.string("delimiter") ?? ","
        let scalars = d == "tab" || d == "\\t" ? ["\t"] : Array(d.unicodeScalars)
        guard scalars.count == 1, scalars[0] != "\"", scalars[0] != "\n" else {
            throw AdapterError(.invalidOption, "option 'delimiter' must be one character (or 'tab'), not '\(d)'")
        }
        delimiter = scalars[0]
        header = try options.bool("header") ?? true
        let kindText = try options.choice("kind", in: FigureKind.allCases.map(\.rawValue))
        kindGiven = kindText != nil
        defaultKind = FigureKind(rawValue: kindText ?? "level")!
        var defaults: [String: String] = [:]
        for key in ["unit", "period", "region", "subject"] {
            if let v = try options.string(key) { defaults[key] = v }
        }
        self.defaults = defaults
        let text = try options.int("max-text") ?? 1 << 20
        guard (16...(256 << 20)).contains(text) else {
            throw AdapterError(
                .invalidOption, "option 'max-text' is \(text); use a number of bytes from 16 to 268435456")
        }
        maxText = text
    }

    public func read(_ input: SourceInput, into sink: RecordSink) async throws {
        let readers: [String: (SourceInput, RecordSink) throws -> Void] = [
            "csv": readCSV, "json": readJSON, "sdmx-json": readSDMXJSON, "nbs": readNBS, "jsonstat": readJSONStat,
            "sdmx-csv": readSDMXCSV, "pxweb": readPXWeb,
        ]
        guard let fmt = format ?? Self.detectFormat(input), let reader = readers[fmt] else {
            throw AdapterError(
                .unsupportedInput,
                "\(input.origin): cannot tell the format (media type \(input.mediaType ?? "unknown")); set option format: csv, json or sdmx-json"
            )
        }
        try reader(input, sink)
    }

    /// The presets that name a statistics office's format rather than a mapping of JSON records.
    static let officePresets = ["nbs", "jsonstat", "sdmx-csv", "pxweb"]

    static func detectFormat(_ input: SourceInput) -> String? {
        let media = (input.mediaType ?? "").lowercased()
        if media.contains("sdmx") && media.contains("json") { return "sdmx-json" }
        if media.contains("sdmx") && media.contains("csv") { return "sdmx-csv" }
        if media.contains("json-stat") || media.contains("jsonstat") { return "jsonstat" }
        if media.contains("json") { return "json" }
        if media.contains("csv") || media.contains("tab-separated") { return "csv" }
        switch input.fileExtension {
        case "csv", "tsv", "txt": return "csv"
        case "json", "geojson": return "json"
        case "px": return "pxweb"
        default: return nil
        }
    }

    // MARK: - CSV

    func readCSV(_ input: SourceInput, into sink: RecordSink) throws {
        var reader = CSVReader()
        let delimiter = input.fileExtension == "tsv" && self.delimiter == "," ? "\t" : self.delimiter
        reader.delimiter = delimiter
        var mapping: RowMapping?
        var dataRow = 0
        let name = input.origin
        try reader.read(path: input.path, declaredCharset: input.charset, name: name) { fields, line in
            if header && mapping == nil {
                mapping = try resolveColumns(fields.map { $0.trimmedSpaces() }, name: name, noun: "column")
                return
            }
            if mapping == nil {
                mapping = try resolveColumns(
                    (1...max(fields.count, 1)).map { "column\($0)" }, name: name, noun: "column")
            }
            dataRow += 1
            if fields.allSatisfy({ $0.trimmedSpaces().isEmpty }) { return }
            let text = fields.joined(separator: String(delimiter))
            let place = Place(
                at: "\(name):\(line)", rowLabel: "row \(dataRow)", location: SourceLocation(line: line, row: dataRow))
            try emitRow(fields, mapping: mapping!, place: place, text: text, input: input, attributes: [:], sink: sink)
        }
    }

    /// Where a row is, for messages and the record's location.
    struct Place {
        var at: String
        var rowLabel: String
        var location: SourceLocation
        /// For JSON: the record's pointer, extended by the key of a wide cell.
        var pointer: String?
    }

    /// Emits one record, or one per year cell of a wide table.
    func emitRow(
        _ cells: [String], mapping: RowMapping, place: Place, text: String, input: SourceInput,
        attributes: [String: String], sink: RecordSink
    ) throws {
        if mapping.periodColumns.isEmpty {
            try sink.emit(
                makeRecord(
                    cells: cells, mapping: mapping, wide: nil, place: place, text: text, input: input,
                    attributes: attributes))
            return
        }
        for column in mapping.periodColumns {
            guard column.index < cells.count,
                !cells[column.index].trimmedSpaces().isEmpty
            else { continue }
            var cellPlace = place
            cellPlace.location.column = column.index + 1
            if let p = place.pointer {
                cellPlace.location.pointer = p + "/" + mapping.names[column.index]
                cellPlace.location.column = nil
            }
            try sink.emit(
                makeRecord(
                    cells: cells, mapping: mapping, wide: column, place: cellPlace, text: text, input: input,
                    attributes: attributes))
        }
    }

    /// Which column holds which field, and the year columns of a wide table.
    struct RowMapping {
        var names: [String]
        var index: [String: Int]
        var periodColumns: [(index: Int, period: Period)] = []
    }

    func resolveColumns(_ names: [String], name: String, noun: String) throws -> RowMapping {
        var map: [String: Int] = [:]
        let lowered = names.map { $0.lowercased() }
        for (i, n) in lowered.enumerated() {
            if Self.fields.contains(n), map[n] == nil, columns[n] == nil { map[n] = i }
        }
        for (i, n) in names.enumerated() {
            if let field = Self.headerAliases[n] ?? Self.headerAliases[n.lowercased()], map[field] == nil,
                columns[field] == nil
            {
                map[field] = i
            }
        }
        for (field, column) in columns.sorted(by: { $0.key < $1.key }) {
            if let i = names.firstIndex(of: column) ?? lowered.firstIndex(of: column.lowercased()) {
                map[field] = i
            } else {
                var message =
                    "\(name): option columns.\(field) names \(noun) '\(column)', which the input does not have"
                if let guess = Spelling.closest(to: column, among: names) { message += " (did you mean '\(guess)'?)" }
                throw AdapterError(.invalidOption, message + "; \(noun)s: \(names.joined(separator: ", "))")
            }
        }
        var mapping = RowMapping(names: names, index: map)
        let wideWanted = years == "columns" || (years == "auto" && map["value"] == nil)
        if wideWanted {
            let mapped = Set(map.values)
            for (i, n) in names.enumerated() where !mapped.contains(i) {
                if let period = Self.yearHeader(n) { mapping.periodColumns.append((i, period)) }
            }
            if years == "columns" && mapping.periodColumns.isEmpty {
                throw AdapterError(
                    .invalidOption,
                    "\(name): option years: columns, but no \(noun) is named like a year or period (\(noun)s: \(names.joined(separator: ", ")))"
                )
            }
        }
        if map["value"] == nil && mapping.periodColumns.isEmpty {
            throw AdapterError(
                .invalidOption,
                "\(name): no value \(noun); name one with option columns: { value: NAME }, or use year \(noun)s for a wide table (\(noun)s: \(names.joined(separator: ", ")))"
            )
        }
        if map["subject"] == nil && map["indicator"] == nil && defaults["subject"] == nil {
            throw AdapterError(
                .invalidOption,
                "\(name): no subject \(noun); name one with option columns: { subject: NAME } or set option subject")
        }
        return mapping
    }

    /// A header that names a period: "2022", "2022年", "2022-Q3", "2022M09".
    static func yearHeader(_ text: String) -> Period? {
        var t = text.trimmedSpaces()
        if t.hasSuffix("年") { t.removeLast() }
        guard t.count >= 4, t.prefix(4).allSatisfy(\.isNumber), let p = Period(parsing: t), let y = p.year,
            (1800...2200).contains(y)
        else { return nil }
        return p
    }

    func makeRecord(
        cells: [String], mapping: RowMapping, wide: (index: Int, period: Period)?, place: Place, text: String,
        input: SourceInput, attributes: [String: String]
    ) throws -> SourceRecord {
        func cell(_ field: String) -> String? {
            if let wide {
                if field == "value" { return cells[wide.index].trimmedSpaces() }
                if field == "period" { return wide.period.rawValue }
            }
            guard let i = mapping.index[field], i < cells.count else { return nil }
            let v = cells[i].trimmedSpaces()
            return v.isEmpty ? nil : v
        }
        let at = place.at
        let row = place.rowLabel
        func columnName(_ field: String) -> String {
            if let wide, field == "value" || field == "period" { return mapping.names[wide.index] }
            return mapping.index[field].map { mapping.names[$0] } ?? field
        }
        let indicator = cell("indicator")
        guard let subject = cell("subject") ?? defaults["subject"] ?? indicator else {
            throw AdapterError(.malformedInput, "\(at): \(row) has no subject in '\(columnName("subject"))'")
        }
        guard let periodText = cell("period") ?? defaults["period"] ?? input.period else {
            throw AdapterError(
                .malformedInput,
                "\(at): \(row) has no period; add a period column or set option period")
        }
        guard let period = Period(parsing: periodText) else {
            throw AdapterError(
                .malformedInput,
                "\(at): \(row): '\(periodText)' in '\(columnName("period"))' is not a period (use 2022, 2022-Q3, 2022-09 or 2022-01/2022-09)"
            )
        }
        let parsed = try NumberCell.parse(cell("value"), at: "\(at): \(row), '\(columnName("value"))'")
        let upper = try NumberCell.parse(cell("upper"), at: "\(at): \(row), '\(columnName("upper"))'").value
        var kind = defaultKind
        if let k = cell("kind") {
            guard let parsedKind = FigureKind(rawValue: k.lowercased()) else {
                throw AdapterError(
                    .malformedInput, "\(at): \(row): kind '\(k)' is not level, growth, change or share")
            }
            kind = parsedKind
        }
        let unit = cell("unit") ?? defaults["unit"] ?? ""
        let region = cell("region") ?? defaults["region"] ?? input.region
        let text = cell("text") ?? text
        var comparator: TargetComparator?
        if let c = cell("comparator") {
            guard let parsedComparator = TargetComparator(rawValue: c) ?? Self.comparatorWords[c] else {
                throw AdapterError(
                    .malformedInput, "\(at): \(row): comparator '\(c)' is not one of >=, >, <=, <, ~, =, range")
            }
            comparator = parsedComparator
        }
        if let type = cell("type")?.lowercased() {
            switch type {
            case "goal", "target", "目标": if comparator == nil { comparator = .equal }
            case "observation", "actual", "实际": comparator = nil
            default:
                throw AdapterError(.malformedInput, "\(at): \(row): type '\(type)' is not goal or observation")
            }
        }
        let quantity = Quantity(value: parsed.value, upper: upper, unit: unit)
        if let comparator {
            return .goal(
                Goal(
                    subject: subject, indicator: indicator, kind: kind, comparator: comparator, quantity: quantity,
                    period: period, region: region, redacted: parsed.redacted, text: text, location: place.location,
                    attributes: attributes))
        }
        return .observation(
            Observation(
                subject: subject, indicator: indicator, kind: kind, quantity: quantity, period: period, region: region,
                redacted: parsed.redacted, text: text, location: place.location, attributes: attributes))
    }

    /// Comparator words a comparator cell may hold instead of a code: the vocabulary's (catalog/units.yaml).
    static let comparatorWords: [String: TargetComparator] = {
        var map: [String: TargetComparator] = [:]
        for w in Vocabulary.shipped.comparators where map[w.word] == nil { map[w.word] = w.comparator }
        return map
    }()
}

/// A numeric cell: "1,234.5", "12.3%", an empty or missing marker, or a masked figure.
enum NumberCell {
    static let missingMarkers: Set<String> = [
        "", "-", "--", "…", "...", "..", "NaN", "nan", "NA", "N/A", "n/a", ":", "null",
    ]

    static func parse(_ text: String?, at place: String) throws -> (value: Double?, redacted: Bool) {
        guard var s = text?.trimmedSpaces() else { return (nil, false) }
        if missingMarkers.contains(s) { return (nil, false) }
        if s.allSatisfy({ $0 == "X" || $0 == "x" || $0 == "*" || $0 == "×" }) { return (nil, true) }
        if s.utf8.contains(UInt8(ascii: ",")) || s.unicodeScalars.contains("，") {
            s = String(s.filter { $0 != "," && $0 != "，" })
        }
        if s.hasSuffix("%") { s.removeLast() }
        guard let v = Double(s), v.isFinite else {
            throw AdapterError(.malformedInput, "\(place): '\(text!)' is not a number")
        }
        return (v, false)
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs; fast when there are none.
    func trimmedSpaces() -> String {
        let u = utf8
        guard let first = u.first, let last = u.last else { return self }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
        if !isSpace(first) && !isSpace(last) && first != 0xE3 && last != 0x80 { return self }
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\u{3000}" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\u{3000}" { s = s.dropLast() }
        return String(s)
    }
}
