import Foundation
import GoalCheck
import IndicatorKit

/// Several pipelines' goals for one year side by side: one row per indicator, one column per
/// region, the status (and actual against target) in each cell; the rows with the most misses
/// first (`yardstick report DIR --compare`).
public struct RegionComparison: Sendable {
    /// One indicator across the regions.
    public struct Row: Sendable {
        /// The catalog code, or `s:` and the subject.
        public var key: String
        public var name: String
        public var kind: FigureKind
        /// The result of each region's goal, by region (a region without one is absent).
        public var cells: [String: CheckResult]
        /// How many regions missed it or are behind.
        public var misses: Int
    }

    /// The year compared.
    public var year: Int?
    /// The regions, in the order of the scorecards.
    public var regions: [String]
    public var rows: [Row]
    public var language: ReportLanguage

    /// Compares the annual goals of `year` (nil: the latest year any scorecard has goals for).
    /// A result's region is its goal's region, else its scorecard's `region`, else the pipeline id.
    public init(_ scorecards: [Scorecard], year: Int? = nil) {
        let years = scorecards.flatMap { $0.results.compactMap { $0.goal.goal.period.year } }
        let chosen = year ?? years.max()
        self.year = chosen
        self.language = scorecards.first?.language ?? .zh
        var regions: [String] = []
        var order: [String] = []
        var rows: [String: Row] = [:]
        for s in scorecards {
            for r in s.results {
                let g = r.goal.goal
                guard let y = g.period.year, y == chosen else { continue }
                let region = g.region ?? s.region ?? s.pipeline
                if !regions.contains(region) { regions.append(region) }
                let key = (g.indicator ?? "s:" + g.subject) + "\u{1}" + g.kind.rawValue
                if rows[key] == nil {
                    order.append(key)
                    rows[key] = Row(
                        key: g.indicator ?? "s:" + g.subject, name: r.displayName, kind: g.kind, cells: [:], misses: 0)
                }
                guard rows[key]!.cells[region] == nil else { continue }
                rows[key]!.cells[region] = r
                if r.status == .missed || r.status == .behind { rows[key]!.misses += 1 }
            }
        }
        self.regions = regions
        // Misses first; then the order the indicators first appeared in.
        self.rows = order.enumerated().sorted { a, b in
            let (ra, rb) = (rows[a.element]!, rows[b.element]!)
            return ra.misses != rb.misses ? ra.misses > rb.misses : a.offset < b.offset
        }.map { rows[$0.element]! }
    }

    var labels: ReportLabels { ReportLabels(language) }

    func cell(_ r: CheckResult?) -> String {
        guard let r else { return "—" }
        let g = r.goal.goal
        let target = FigureText.target(g.comparator, r.target, upper: r.targetUpper, unit: g.quantity.unit)
        return "\(labels.status(r.status)) \(r.actual.map { FigureText.format($0) } ?? "—")/\(target)"
    }

    /// An aligned table for a terminal.
    public func table() -> String {
        let l = labels
        let heading =
            language == .zh
            ? "各地区 \(year.map(String.init) ?? "") 年目标对比" : "Regions compared, \(year.map(String.init) ?? "")"
        var grid = [[l.goal] + regions]
        for row in rows { grid.append([row.name] + regions.map { cell(row.cells[$0]) }) }
        var widths = Array(repeating: 0, count: grid[0].count)
        for line in grid { for (i, c) in line.enumerated() { widths[i] = max(widths[i], TableRenderer.width(c)) } }
        func render(_ cells: [String]) -> String {
            var s = zip(cells, widths).map { c, w in c + String(repeating: " ", count: w - TableRenderer.width(c)) }
                .joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s + "\n"
        }
        var out = heading + "\n\n" + render(grid[0])
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for line in grid.dropFirst() { out += render(line) }
        if rows.isEmpty { out += (language == .zh ? "没有该年的目标。" : "No goals for that year.") + "\n" }
        return out
    }

    /// CSV (for programs): one row per indicator × region.
    public func csv() -> String {
        var out = "year,indicator,name,kind,region,status,target,target_upper,unit,actual,margin\n"
        for row in rows {
            for region in regions {
                guard let r = row.cells[region] else { continue }
                let cells: [String] = [
                    year.map(String.init) ?? "", row.key.hasPrefix("s:") ? "" : row.key, row.name, row.kind.rawValue,
                    region, r.status.rawValue, r.target.map { JSONText.format($0) } ?? "",
                    r.targetUpper.map { JSONText.format($0) } ?? "", r.unit, r.actual.map { JSONText.format($0) } ?? "",
                    r.margin.map { JSONText.format($0) } ?? "",
                ]
                out += cells.map(CSVRenderer.quote).joined(separator: ",") + "\n"
            }
        }
        return out
    }

    /// JSON: the year, the regions and each row's cells.
    public func json() -> String {
        let rowsJSON = rows.map { row -> JSONValue in
            .object([
                ("indicator", .string(row.key.hasPrefix("s:") ? nil : row.key)),
                ("name", .string(row.name)),
                ("kind", .string(row.kind.rawValue)),
                ("misses", .int(row.misses)),
                (
                    "regions",
                    .object(
                        regions.compactMap { region -> (String, JSONValue)? in
                            guard let r = row.cells[region] else { return nil }
                            return (
                                region,
                                .object([
                                    ("status", .string(r.status.rawValue)), ("target", .number(r.target)),
                                    ("targetUpper", .number(r.targetUpper)), ("actual", .number(r.actual)),
                                    ("unit", .string(r.unit)), ("margin", .number(r.margin)),
                                ])
                            )
                        })
                ),
            ])
        }
        var out = ""
        JSONValue.object([
            ("schema", .string("yardstick.comparison/1")), ("year", .int(year)),
            ("regions", .array(regions.map { .string($0) })), ("rows", .array(rowsJSON)),
        ]).write(to: &out, indent: 0)
        return out + "\n"
    }
}
