import Foundation
import GoalCheck
import IndicatorKit

/// One CSV row per goal (RFC 4180 quoting, `\n` line ends, a header row).
public struct CSVRenderer: ScorecardRenderer {
    /// The header row's columns, in order.
    public static let columns = [
        "status", "indicator", "name", "subject", "area", "kind", "comparator", "period", "target", "target_upper",
        "unit", "expected_to_date", "actual", "margin", "attainment", "actual_as_written", "actual_unit",
        "goal_source", "goal_text", "actual_source", "actual_text", "baseline_period", "baseline_value",
        "implied_change", "implied_change_unit", "explanation",
    ]

    public init() {}

    public func render(_ scorecard: Scorecard) -> String {
        var out = CSVRenderer.columns.joined(separator: ",") + "\n"
        for r in scorecard.results {
            let g = r.goal.goal
            let cells: [String] = [
                r.status.rawValue, g.indicator ?? "", r.displayName, g.subject, r.area, g.kind.rawValue,
                g.comparator.rawValue, g.period.rawValue, number(r.target), number(r.targetUpper), r.unit,
                number(r.expectedToDate), number(r.actual), number(r.margin), number(r.attainment),
                number(r.actualAsWritten?.value), r.actualAsWritten?.unit ?? "", Scorecard.place(r.goal.provenance),
                g.text ?? r.goal.provenance.text ?? "", Scorecard.actualSource(r), r.observation?.observation.text ?? "",
                r.baseline?.entry.observation.period.rawValue ?? "", number(r.baseline?.value),
                number(r.baseline?.impliedChange), r.baseline?.impliedChangeUnit ?? "", r.explanation,
            ]
            out += cells.map(CSVRenderer.quote).joined(separator: ",") + "\n"
        }
        return out
    }

    private func number(_ v: Double?) -> String {
        v.map { JSONText.format($0) } ?? ""
    }

    /// A cell quoted when it holds a comma, quote or line break.
    static func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
