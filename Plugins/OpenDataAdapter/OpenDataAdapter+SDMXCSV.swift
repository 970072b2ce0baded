import Foundation
import IndicatorKit

extension OpenDataAdapter {
    /// Reads SDMX-CSV: 1.0 (first column `DATAFLOW`) and 2.0 (`STRUCTURE`, `STRUCTURE_ID`, optional
    /// `ACTION`), with codes only or with labels (`FREQ: Frequency` headers, `A: Annual` cells).
    ///
    /// Without the data structure at hand, the columns before `TIME_PERIOD` (or, when there is none,
    /// before `OBS_VALUE`) are the series key's dimensions; the others are attributes. Without a
    /// `TIME_PERIOD` column the last key column is the time dimension when its cells are periods.
    /// The delimiter (`,`, `;` or tab) is taken from the header unless option `delimiter` is set;
    /// with `;` a comma in `OBS_VALUE` is the decimal separator. Streamed row by row.
    func readSDMXCSV(_ input: SourceInput, into sink: RecordSink) throws {
        let name = input.origin
        var reader = CSVReader()
        var delimiter = self.delimiter
        reader.delimiter = delimiter
        reader.sniffDelimiter = delimiter == ","
        var layout: SDMXCSVLayout?
        var dataRow = 0
        var warnedPeriod = false
        let noteDelimiter: (Unicode.Scalar) -> Void = { delimiter = $0 }
        try reader.read(path: input.path, declaredCharset: input.charset, name: name, onDelimiter: noteDelimiter) {
            fields, line in
            guard let layout else {
                layout = try SDMXCSVLayout(header: fields, name: name)
                return
            }
            dataRow += 1
            if fields.allSatisfy({ $0.trimmedSpaces().isEmpty }) { return }
            let at = "\(name):\(line)"
            var attributes: [String: String] = [:]
            var labels: [String: String] = [:]
            for (i, id) in layout.ids.enumerated() where i < fields.count {
                let (code, label) =
                    layout.labelled[i] ? SDMXCSVLayout.split(fields[i]) : (fields[i].trimmedSpaces(), nil)
                if code.isEmpty { continue }
                attributes[id] = code
                if let label { labels[id] = label }
            }
            var periodText = layout.timeColumn.flatMap { attributes[layout.ids[$0]] }
            var keyParts: [String] = []
            var region: String?
            for i in layout.keyColumns {
                let id = layout.ids[i]
                let code = attributes[id] ?? ""
                if layout.timeColumn == nil, i == layout.keyColumns.last, Period(parsing: code) != nil {
                    periodText = code
                    continue
                }
                if region == nil, SDMXCSVLayout.isArea(id) {
                    region = labels[id] ?? code
                }
                keyParts.append(code)
            }
            let seriesKey = keyParts.joined(separator: ".")
            attributes["series_key"] = seriesKey
            func field(_ f: String) -> String? { columns[f].flatMap { attributes[$0] } }
            var valueText = layout.valueColumn.flatMap { attributes[layout.ids[$0]] }
            if delimiter == ";", let v = valueText, v.contains(","), !v.contains(".") {
                valueText = v.replacingOccurrences(of: ",", with: ".")
            }
            var value = try NumberCell.parse(valueText, at: "\(at): row \(dataRow), 'OBS_VALUE'").value
            if let status = attributes["OBS_STATUS"], status == "M" || status == "L" { value = nil }
            let periodSource = field("period") ?? periodText ?? defaults["period"] ?? input.period
            if periodSource == nil && !warnedPeriod {
                warnedPeriod = true
                input.logger.warning("\(name): no TIME_PERIOD column; set option period to date its observations")
            }
            let period = periodSource.map { Period(parsing: $0) ?? Period(unchecked: $0) } ?? Period(unchecked: "")
            let unit = field("unit") ?? attributes["UNIT_MEASURE"] ?? attributes["UNIT"] ?? defaults["unit"] ?? ""
            for (id, label) in labels { attributes["\(id)_label"] = label }
            try sink.emit(
                Observation(
                    subject: field("subject") ?? defaults["subject"] ?? seriesKey, indicator: field("indicator"),
                    kind: defaultKind, quantity: Quantity(value: value, unit: unit), period: period,
                    region: field("region") ?? region ?? defaults["region"] ?? input.region,
                    text: fields.joined(separator: String(delimiter)),
                    location: SourceLocation(line: line, row: dataRow), attributes: attributes))
        }
        if layout == nil {
            throw AdapterError(.malformedInput, "\(name): the SDMX-CSV file is empty (no header row)")
        }
    }

    /// Which SDMX-CSV column is what.
    struct SDMXCSVLayout {
        var ids: [String]
        var labelled: [Bool]
        var keyColumns: [Int]
        var timeColumn: Int?
        var valueColumn: Int?

        static let structureColumns: Set<String> = [
            "DATAFLOW", "STRUCTURE", "STRUCTURE_ID", "ACTION", "SERIES_KEY", "OBS_KEY",
        ]

        init(header: [String], name: String) throws {
            var ids: [String] = []
            var labelled: [Bool] = []
            for cell in header {
                var text = cell.trimmedSpaces()
                if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
                let (id, label) = Self.split(text)
                // STRUCTURE[;] names the separator of multi-valued cells; the id is before the bracket.
                let bare = id.split(separator: "[").first.map(String.init) ?? id
                ids.append(bare)
                labelled.append(label != nil)
            }
            let upper = ids.map { $0.uppercased() }
            guard upper.first == "DATAFLOW" || upper.first == "STRUCTURE" else {
                throw AdapterError(
                    .unsupportedInput,
                    "\(name): not SDMX-CSV: the first column is '\(header.first ?? "")', not DATAFLOW (1.0) or STRUCTURE (2.0); for other CSV leave out preset: sdmx-csv"
                )
            }
            guard let value = upper.firstIndex(of: "OBS_VALUE") else {
                throw AdapterError(
                    .malformedInput,
                    "\(name): the SDMX-CSV header has no OBS_VALUE column (columns: \(ids.joined(separator: ", ")))")
            }
            let labelsPresent = labelled.contains(true)
            self.ids = ids
            // With labels, every cell of a dimension or coded attribute is "CODE: label".
            // The structure's id gets its name too ("ESTAT:NA_MAIN(1.6.0): Name"), under a bare header.
            self.labelled =
                labelsPresent
                ? labelled.enumerated().map { i, l in l || upper[i] == "STRUCTURE_ID" || upper[i] == "DATAFLOW" }
                : ids.map { _ in false }
            valueColumn = value
            timeColumn = upper.firstIndex(of: "TIME_PERIOD")
            let end = timeColumn ?? value
            keyColumns = (0..<end).filter { !Self.structureColumns.contains(upper[$0]) }
        }

        /// Whether a dimension names the reference area: REF_AREA, GEO, COUNTRY, …, or a BIS-style
        /// reporting country (DER_REP_CTY, L_REP_CTY).
        static func isArea(_ id: String) -> Bool {
            let u = id.uppercased()
            return ["REF_AREA", "GEO", "COUNTRY", "LOCATION", "AREA"].contains(u) || u.hasSuffix("_REF_AREA")
                || u.hasSuffix("REP_CTY")
        }

        /// "A: Annual" → ("A", "Annual"); "ESTAT:NA_MAIN(1.6.0): Name" → ("ESTAT:NA_MAIN(1.6.0)", "Name").
        static func split(_ text: String) -> (String, String?) {
            let t = text.trimmedSpaces()
            guard let r = t.range(of: ": ") else { return (t, nil) }
            return (String(t[..<r.lowerBound]), String(t[r.upperBound...]))
        }
    }
}
