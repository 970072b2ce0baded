import Foundation
import GoalCheck
import IndicatorKit

/// A Markdown scorecard: a table of goals, then where each figure came from.
public struct MarkdownRenderer: ScorecardRenderer {
    public init() {}

    public func render(_ scorecard: Scorecard) -> String {
        var out = "# \(escape(scorecard.title))\n\n"
        var meta = "Pipeline `\(scorecard.pipeline)` · period \(scorecard.period)"
        if let region = scorecard.region { meta += " · \(escape(region))" }
        if let run = scorecard.runID { meta += " · run \(run)" }
        meta += " · generated \(scorecard.generatedAtText)"
        out += meta + "\n\n**" + scorecard.summaryLine + "**\n\n"
        if let notice = scorecard.noDataNotice { out += "> " + notice + "\n\n" }
        if !scorecard.sourceWarnings.isEmpty {
            out += scorecard.sourceWarnings.map { "> **Warning:** " + escape($0) }.joined(separator: "\n>\n") + "\n\n"
        }
        out += "| Goal | Area | Target | Actual | Margin | Status | Source |\n"
        out += "| --- | --- | ---: | ---: | ---: | --- | --- |\n"
        for (i, r) in scorecard.results.enumerated() {
            let unit = r.goal.goal.quantity.unit
            let cells = [
                r.goal.goal.subject, r.area,
                FigureText.target(r.goal.goal.comparator, r.target, upper: r.targetUpper, unit: unit),
                r.actual.map { FigureText.withUnit($0, unit) } ?? (r.status == .redacted ? "masked" : "—"),
                r.margin.map { FigureText.signed($0) } ?? "—",
                "**\(r.status.rawValue)**",
                r.observation == nil ? "—" : "[\(Scorecard.actualSource(r))](#figure-\(i + 1))",
            ]
            out += "| " + cells.map(escape).joined(separator: " | ") + " |\n"
        }
        out += "\n## Where each figure came from\n\n"
        for (i, r) in scorecard.results.enumerated() {
            out +=
                "<a id=\"figure-\(i + 1)\"></a>\(i + 1). **\(escape(r.goal.goal.subject))** — \(r.status.rawValue): \(escape(r.explanation))\n"
            out +=
                "   - goal: \(escape(Scorecard.place(r.goal.provenance))) — “\(escape(r.goal.goal.text ?? r.goal.provenance.text ?? ""))”\n"
            if let e = r.observation {
                for p in e.isDerived ? e.derivedFrom : [e.provenance] {
                    out += "   - actual: \(escape(Scorecard.place(p))) — “\(escape(p.text ?? ""))”\n"
                }
            }
            if let b = r.baseline {
                var line = "   - baseline \(b.entry.observation.period): \(FigureText.withUnit(b.value, b.unit))"
                if let c = b.impliedChange {
                    line += ", the target implies \(FigureText.signed(c))\(b.impliedChangeUnit ?? "")"
                }
                out += escape(line) + " (\(escape(Scorecard.place(b.entry.provenance))))\n"
            }
        }
        if !scorecard.notes.isEmpty {
            out += "\n## Notes\n\n" + scorecard.notes.map { "- " + escape($0) }.joined(separator: "\n") + "\n"
        }
        if !scorecard.unmatchedSubjects.isEmpty {
            out +=
                "\n## Unmatched subjects\n\nAdd these to a catalog to check them: "
                + scorecard.unmatchedSubjects.map(escape).joined(separator: ", ") + "\n"
        }
        return out
    }

    private func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
