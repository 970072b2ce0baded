import Foundation
import GoalCheck
import IndicatorKit

/// The tidy panel: one row per region × year × goal, with both figures and where each came from
/// (docs/panel-export.md). CSV or JSON Lines, for programs (R, pandas, Stata) rather than for a
/// spreadsheet: no byte-order mark, no apostrophes before text cells, numbers as numbers.
public struct PanelExport: Sendable {
    /// The output formats.
    public enum Format: String, Sendable, CaseIterable {
        case csv
        case jsonl
    }

    /// The columns, in order (also the JSON Lines keys).
    public static let columns = [
        "pipeline", "region", "year", "period", "plan", "indicator", "subject", "name", "kind", "comparator",
        "target", "target_upper", "unit", "actual", "actual_as_written", "actual_unit", "actual_period", "status",
        "margin", "attainment", "expected_to_date", "plan_kind", "required_annual", "achieved_annual",
        "progress_ratio", "goal_source", "goal_document", "goal_location", "goal_sha256", "goal_text",
        "actual_source", "actual_document", "actual_location", "actual_sha256", "actual_text",
    ]

    /// The columns that hold numbers (or nothing).
    public static let numericColumns: Set<String> = [
        "year", "target", "target_upper", "actual", "actual_as_written", "margin", "attainment", "expected_to_date",
        "required_annual", "achieved_annual", "progress_ratio",
    ]

    public init() {}

    /// One cell value: text, a number, a flag, or nothing.
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Double)
        case flag(Bool)
        case none
    }

    /// The rows of the scorecards, in the scorecards' order, each scorecard's goals by year (plan
    /// goals after the years), region and the goals' order.
    public func rows(_ scorecards: [Scorecard]) -> [[Cell]] {
        var out: [[Cell]] = []
        for s in scorecards {
            let ordered = s.results.enumerated().sorted { a, b in
                let ka = PanelExport.sortKey(a.element)
                let kb = PanelExport.sortKey(b.element)
                return ka != kb ? ka < kb : a.offset < b.offset
            }
            for (_, r) in ordered { out.append(row(r, in: s)) }
        }
        return out
    }

    static func sortKey(_ r: CheckResult) -> Int {
        let p = r.goal.goal.period
        if let y = p.year { return y * 10 }
        if let span = p.yearSpan { return span.upperBound * 10 + 5 }
        return Int.max
    }

    func row(_ r: CheckResult, in s: Scorecard) -> [Cell] {
        let g = r.goal.goal
        func text(_ v: String?) -> Cell { v.map { Cell.text($0) } ?? .none }
        func number(_ v: Double?) -> Cell { v.map { Cell.number($0) } ?? .none }
        let year: Cell =
            g.period.year.map { .number(Double($0)) } ?? g.period.yearSpan.map { .number(Double($0.upperBound)) }
            ?? .none
        let o = r.observation
        let actualProvenance = o.map { $0.isDerived ? ($0.derivedFrom.last ?? $0.provenance) : $0.provenance }
        return [
            .text(s.pipeline), text(g.region ?? s.region), year, .text(g.period.rawValue),
            .flag(g.period.yearSpan != nil),
            text(g.indicator), .text(g.subject), .text(r.displayName), .text(g.kind.rawValue),
            .text(g.comparator.rawValue),
            number(r.target), number(r.targetUpper), .text(r.unit), number(r.actual), number(r.actualAsWritten?.value),
            text(r.actualAsWritten?.unit), text(o?.observation.period.rawValue), .text(r.status.rawValue),
            number(r.margin), number(r.attainment), number(r.expectedToDate), text(r.plan?.kind.rawValue),
            number(r.plan?.required), number(r.plan?.achieved), number(r.plan?.ratio),
            .text(r.goal.provenance.sourceID), .text(r.goal.provenance.origin),
            .text(r.goal.provenance.location.summary), text(r.goal.provenance.sha256),
            text(g.text ?? r.goal.provenance.text),
            text(actualProvenance?.sourceID), text(actualProvenance?.origin), text(actualProvenance?.location.summary),
            text(actualProvenance?.sha256), text(o.flatMap { $0.observation.text ?? $0.provenance.text }),
        ]
    }

    /// The rows as CSV: a header row of `columns`, RFC 4180 quoting, `\n` line ends.
    public func csv(_ scorecards: [Scorecard]) -> String {
        var out = PanelExport.columns.joined(separator: ",") + "\n"
        for row in rows(scorecards) {
            out +=
                row.map { cell -> String in
                    switch cell {
                    case .text(let s): CSVRenderer.quote(s)
                    case .number(let v): JSONText.format(v)
                    case .flag(let b): b ? "true" : "false"
                    case .none: ""
                    }
                }.joined(separator: ",") + "\n"
        }
        return out
    }

    /// The rows as JSON Lines: one object a line with the keys of `columns` (null for nothing).
    public func jsonLines(_ scorecards: [Scorecard]) -> String {
        var out = ""
        for row in rows(scorecards) {
            let fields = zip(PanelExport.columns, row).map { key, cell -> (String, JSONValue) in
                switch cell {
                case .text(let s): (key, .string(s))
                case .number(let v): (key, .number(v))
                case .flag(let b): (key, .bool(b))
                case .none: (key, .null)
                }
            }
            var line = ""
            JSONValue.object(fields).writeCompact(to: &line)
            out += line + "\n"
        }
        return out
    }

    public func render(_ scorecards: [Scorecard], as format: Format) -> String {
        switch format {
        case .csv: csv(scorecards)
        case .jsonl: jsonLines(scorecards)
        }
    }
}
