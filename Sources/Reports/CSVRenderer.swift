import Foundation
import GoalCheck
import IndicatorKit

/// One CSV row per goal, made to open in spreadsheet programs as it is.
///
/// - UTF-8 with a byte-order mark (so Excel reads the Chinese text as UTF-8), RFC 4180 quoting,
///   `\n` line ends, one header row in the scorecard's language (`ReportLabels.csvHeadings`; the
///   columns' order and meaning are `columns` in every language).
/// - `status` keeps the status code; `status_label` and `explanation` say it in the scorecard's
///   language.
/// - No text cell is ever read as a formula: one that starts with `=`, `+`, `-`, `@`, a tab or a
///   carriage return gets a leading apostrophe (`'=` for the bare-figure comparator). The numeric
///   columns (`numericColumns`) are written from numbers only, so a negative margin stays `-2.5`,
///   a number a spreadsheet can sum.
public struct CSVRenderer: ScorecardRenderer {
    /// The columns, in order, by their machine names (the English header row).
    public static let columns = [
        "status", "status_label", "indicator", "name", "subject", "area", "kind", "comparator", "period", "target",
        "target_upper", "unit", "expected_to_date", "actual", "margin", "attainment", "actual_as_written",
        "actual_unit", "goal_source", "goal_text", "actual_source", "actual_text", "baseline_period",
        "baseline_value", "implied_change", "implied_change_unit", "explanation",
    ]

    /// The columns that hold plain numbers (or nothing), written as numbers and never prefixed.
    public static let numericColumns: Set<String> = [
        "required_annual", "achieved_annual", "progress_ratio", "target", "target_upper", "expected_to_date", "actual",
        "margin", "attainment", "actual_as_written",
        "baseline_value", "implied_change",
    ]

    /// The columns a panel scorecard adds after `columns`: the goal's region and, for a plan goal,
    /// its kind, the required and achieved average annual growth (or yearly amount) and their ratio.
    public static let panelColumns = ["region", "plan_kind", "required_annual", "achieved_annual", "progress_ratio"]
    static let panelZh = [
        "region": "地区", "plan_kind": "规划目标类型", "required_annual": "要求年均", "achieved_annual": "实际年均",
        "progress_ratio": "进度比",
    ]

    /// The byte-order mark the file starts with.
    public static let byteOrderMark = "\u{FEFF}"

    public init() {}

    public func render(_ scorecard: Scorecard) -> String {
        let l = scorecard.labels
        var out = CSVRenderer.byteOrderMark
        // A panel adds its columns after the usual ones; a single-period CSV keeps its columns.
        let panel = scorecard.isPanel
        let headings =
            l.csvHeadings
            + (panel ? CSVRenderer.panelColumns.map { l.language == .zh ? CSVRenderer.panelZh[$0] ?? $0 : $0 } : [])
        let columns = CSVRenderer.columns + (panel ? CSVRenderer.panelColumns : [])
        out += headings.map { CSVRenderer.quote(CSVRenderer.defuse($0)) }.joined(separator: ",") + "\n"
        for r in scorecard.results {
            let g = r.goal.goal
            let cells: [String] = [
                r.status.rawValue, l.status(r.status), g.indicator ?? "", r.displayName, g.subject, r.area,
                g.kind.rawValue, g.comparator.rawValue, g.period.rawValue, number(r.target), number(r.targetUpper),
                r.unit, number(r.expectedToDate), number(r.actual), number(r.margin), number(r.attainment),
                number(r.actualAsWritten?.value), r.actualAsWritten?.unit ?? "", scorecard.place(r.goal.provenance),
                g.text ?? r.goal.provenance.text ?? "", scorecard.actualSource(r),
                r.observation?.observation.text ?? "",
                r.baseline?.entry.observation.period.rawValue ?? "", number(r.baseline?.value),
                number(r.baseline?.impliedChange), r.baseline?.impliedChangeUnit ?? "", l.explanation(r),
            ]
            let extra: [String] =
                panel
                ? [
                    g.region ?? "", r.plan?.kind.rawValue ?? "", number(r.plan?.required), number(r.plan?.achieved),
                    number(r.plan?.ratio),
                ] : []
            let written = zip(columns, cells + extra).map { column, cell in
                CSVRenderer.quote(CSVRenderer.numericColumns.contains(column) ? cell : CSVRenderer.defuse(cell))
            }
            out += written.joined(separator: ",") + "\n"
        }
        return out
    }

    private func number(_ v: Double?) -> String {
        v.map { JSONText.format($0) } ?? ""
    }

    /// A text cell a spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@`, a tab or
    /// a carriage return) gets a leading apostrophe; any other cell is returned as it is.
    static func defuse(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return s }
        return "'" + s
    }

    /// A cell quoted when it holds a comma, quote or line break (scalars, so "\r\n" counts too).
    static func quote(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return s
        }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
