import Foundation
import IndicatorKit

extension OpenDataAdapter {
    /// Reads a response of the National Bureau of Statistics data service (`easyquery.htm?m=QueryData`):
    /// `returndata.datanodes` are the cells, `returndata.wdnodes` name the dimensions' codes — the
    /// indicator (`zb`: name, unit, decimals), the period (`sj`) and the region (`reg`).
    ///
    /// The service writes the cells before the dimension names: cells wait for `wdnodes` and are
    /// emitted as soon as it has been read (at once, where it comes first). A cell with `hasdata: false` is a missing
    /// value, not the zero the service puts in `data`; the value is read from `strdata`, the
    /// published text, and `dotcount` is kept as the attribute `decimals`.
    func readNBS(_ input: SourceInput, into sink: RecordSink) throws {
        var parser = try jsonParser(input)
        var reader = NBSReader(adapter: self, input: input, sink: sink)
        var failed = false
        try parser.walk(
            streamAt: { $0 == ["returndata", "datanodes"] },
            capture: { path in
                path == ["returncode"] || path == ["returndata", "wdnodes"] || (failed && path == ["returndata"])
            },
            onCapture: { path, value in
                if path == ["returncode"] {
                    failed = value.intValue != 200
                    reader.returncode = value.intValue
                } else if path == ["returndata"] {
                    try reader.fail(message: value.scalarText ?? "")
                } else {
                    try reader.names(value)
                }
            },
            onElement: { path, value in try reader.cell(value, index: Int(path[2]) ?? 0) })
        try reader.finish(rootKeys: parser.rootKeys)
    }

    /// The database code of the query (`hgyd`, `fsnd`, …): option `dbcode`, else the `dbcode=`
    /// parameter of the URL the input was fetched from.
    static func nbsDatabase(option: String?, origin: String) -> String? {
        if let option, !option.isEmpty { return option }
        guard let range = origin.range(of: "dbcode=") else { return nil }
        let code = origin[range.upperBound...].prefix { $0.isLetter || $0.isNumber }
        return code.isEmpty ? nil : String(code)
    }

    /// Emits a whole, already parsed easyquery response.
    func emitNBS(_ document: JSONValue, input: SourceInput, into sink: RecordSink) throws {
        var reader = NBSReader(adapter: self, input: input, sink: sink)
        reader.returncode = document["returncode"]?.intValue
        if let code = reader.returncode, code != 200 {
            try reader.fail(message: document["returndata"]?.scalarText ?? "")
        }
        if let names = document["returndata"]?["wdnodes"] { try reader.names(names) }
        for (i, cell) in (document["returndata"]?["datanodes"]?.arrayValue ?? []).enumerated() {
            try reader.cell(cell, index: i)
        }
        try reader.finish(rootKeys: [])
    }

    /// Turns easyquery cells into observations; cells wait for the dimension names (`wdnodes`),
    /// which the service writes after them, and are emitted as soon as those are read.
    struct NBSReader {
        let adapter: OpenDataAdapter
        let input: SourceInput
        let sink: RecordSink
        let database: String?
        var returncode: Int?
        /// Each dimension's nodes by code, once `wdnodes` has been read.
        var nodes: [String: [String: JSONValue]]?
        var pending: [(JSONValue, Int)] = []
        var cells = 0

        init(adapter: OpenDataAdapter, input: SourceInput, sink: RecordSink) {
            self.adapter = adapter
            self.input = input
            self.sink = sink
            database = OpenDataAdapter.nbsDatabase(option: adapter.nbsDatabase, origin: input.origin)
        }

        func fail(message: String) throws {
            throw AdapterError(
                .unsupportedInput,
                "\(input.origin): the NBS data service answered returncode \(returncode ?? 0) instead of data: \(message); check the zb, sj and reg codes and the dbcode in the query"
            )
        }

        mutating func names(_ wdnodes: JSONValue) throws {
            var all: [String: [String: JSONValue]] = [:]
            for dimension in wdnodes.arrayValue ?? [] {
                guard let wd = dimension["wdcode"]?.stringValue else { continue }
                var byCode: [String: JSONValue] = [:]
                for node in dimension["nodes"]?.arrayValue ?? [] {
                    if let code = node["code"]?.scalarText { byCode[code] = node }
                }
                all[wd] = byCode
            }
            nodes = all
            let waiting = pending
            pending = []
            for (cell, i) in waiting { try self.cell(cell, index: i) }
        }

        mutating func cell(_ cell: JSONValue, index i: Int) throws {
            guard let nodes else {
                pending.append((cell, i))
                return
            }
            cells += 1
            let name = input.origin
            let defaults = adapter.defaults
            let pointer = "/returndata/datanodes/\(i)"
            var codes: [String: String] = [:]
            for wd in cell["wds"]?.arrayValue ?? [] {
                if let d = wd["wdcode"]?.stringValue, let v = wd["valuecode"]?.scalarText { codes[d] = v }
            }
            guard let zb = codes["zb"], let sj = codes["sj"] else {
                throw AdapterError(
                    .malformedInput,
                    "\(name) \(pointer): the cell has no zb (indicator) or sj (period) in 'wds'; the response is incomplete"
                )
            }
            let indicator = nodes["zb"]?[zb]
            let subject =
                defaults["subject"] ?? indicator?["name"]?.stringValue ?? indicator?["cname"]?.stringValue ?? zb
            guard let period = OpenDataAdapter.nbsPeriod(sj) else {
                throw AdapterError(
                    .malformedInput,
                    "\(name) \(pointer): sj '\(sj)' is not an NBS period (2022, 2022A–2022D for quarters, 202209 for a month)"
                )
            }
            var attributes: [String: String] = ["zb": zb, "sj": sj]
            if let database {
                attributes["dbcode"] = database
                attributes["indicator"] = "\(database).\(zb)"
            }
            var region = defaults["region"] ?? input.region
            if let reg = codes["reg"] {
                attributes["reg"] = reg
                region = nodes["reg"]?[reg]?["name"]?.stringValue ?? nodes["reg"]?[reg]?["cname"]?.stringValue ?? reg
            }
            let value = cell["data"]
            var number: Double?
            var text = ""
            if value?["hasdata"] != .bool(false) {
                text = value?["strdata"]?.stringValue ?? value?["data"]?.scalarText ?? ""
                number = try NumberCell.parse(text, at: "\(name) \(pointer)/data/strdata").value
                if number == nil, text.isEmpty, case .number(let n)? = value?["data"] { number = n }
            }
            if let dots = value?["dotcount"]?.intValue ?? indicator?["dotcount"]?.intValue {
                attributes["decimals"] = String(dots)
            }
            let unit = defaults["unit"] ?? indicator?["unit"]?.stringValue ?? ""
            var kind = adapter.defaultKind
            if !adapter.kindGiven, unit == "%", subject.hasSuffix("增长") || subject.hasSuffix("增速") { kind = .growth }
            let periodName = nodes["sj"]?[sj]?["name"]?.stringValue ?? sj
            try sink.emit(
                Observation(
                    subject: subject, kind: kind, quantity: Quantity(value: number, unit: unit), period: period,
                    region: region,
                    text: "\(subject) \(periodName) \(region ?? "") = \(text.isEmpty ? "(no data)" : text)",
                    location: SourceLocation(pointer: pointer), attributes: attributes))
        }

        func finish(rootKeys: [String]) throws {
            if nodes == nil && returncode == nil {
                let keys = rootKeys.isEmpty ? "" : " (top-level keys: \(rootKeys.joined(separator: ", ")))"
                throw AdapterError(
                    .unsupportedInput,
                    "\(input.origin): not an NBS easyquery response: no returndata.wdnodes\(keys); for other JSON use format: json with option pointer"
                )
            }
            if nodes == nil && !pending.isEmpty {
                throw AdapterError(
                    .malformedInput,
                    "\(input.origin): the response has \(pending.count) cells but no returndata.wdnodes to name them; the response is cut short"
                )
            }
        }
    }

    /// An NBS period code: `2022` a year, `2022A`–`2022D` the quarters, `202209` a month.
    static func nbsPeriod(_ code: String) -> Period? {
        let u = Array(code.utf8)
        guard u.count >= 4, u[0..<4].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let year = String(decoding: u[0..<4], as: UTF8.self)
        switch u.count {
        case 4: return Period(parsing: year)
        case 5:
            guard (UInt8(ascii: "A")...UInt8(ascii: "D")).contains(u[4]) else { return nil }
            return Period(parsing: "\(year)-Q\(Int(u[4] - UInt8(ascii: "A")) + 1)")
        case 6:
            let month = String(decoding: u[4..<6], as: UTF8.self)
            guard let m = Int(month), (1...12).contains(m) else { return nil }
            return Period(parsing: "\(year)-\(month)")
        default: return nil
        }
    }

    /// The keys of an object, for messages.
    static func keys(_ value: JSONValue) -> String {
        guard case .object(let members) = value else { return "none: not an object" }
        return members.map(\.0).joined(separator: ", ")
    }
}
