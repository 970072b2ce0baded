import Foundation
import GoalCheck
import IndicatorKit

/// A Markdown scorecard: a table of goals, then where each figure came from.
public struct MarkdownRenderer: ScorecardRenderer {
    public init() {}

    public func render(_ scorecard: Scorecard) -> String {
        let l = scorecard.labels
        var out = "# \(escape(scorecard.title))\n\n"
        let meta = l.meta(
            pipeline: "`\(scorecard.pipeline)`", period: scorecard.period, region: scorecard.region.map(escape),
            run: scorecard.runID, generated: scorecard.generatedAtText)
        out += meta + "\n\n**" + scorecard.summaryLine + "**\n\n"
        if let notice = scorecard.noDataNotice { out += "> " + notice + "\n\n" }
        if !scorecard.sourceWarnings.isEmpty {
            out += scorecard.sourceWarnings.map { "> **Warning:** " + escape($0) }.joined(separator: "\n>\n") + "\n\n"
        }
        let names = scorecard.goalNames
        if scorecard.isPanel {
            out += panelBody(scorecard)
        } else {
            out += table(scorecard, indices: Array(scorecard.results.indices))
        }
        out += "\n## \(l.whereFrom)\n\n"
        for (i, r) in scorecard.results.enumerated() {
            out +=
                "<a id=\"figure-\(i + 1)\"></a>\(i + 1). **\(escape(names[i]))** — \(l.status(r.status))\(l.colon)\(escape(l.explanation(r)))\n"
            out +=
                "   - \(l.targetWord)\(l.colon)\(escape(scorecard.place(r.goal.provenance)))"
                + quoted(r.goal.goal.text ?? r.goal.provenance.text) + "\n"
            if let e = r.observation {
                for p in e.isDerived ? e.derivedFrom : [e.provenance] {
                    out += "   - \(l.actualWord)\(l.colon)\(escape(scorecard.place(p)))" + quoted(p.text) + "\n"
                }
            }
            if let b = r.baseline {
                out += "   - " + escape(l.baselineLine(b)) + " (\(escape(scorecard.place(b.entry.provenance))))\n"
            }
        }
        if !scorecard.notes.isEmpty {
            out += "\n## \(l.notes)\n\n" + scorecard.notes.map { "- " + escape($0) }.joined(separator: "\n") + "\n"
        }
        if !scorecard.unmatchedSubjects.isEmpty {
            out +=
                "\n## \(l.unmatched)\n\n\(l.unmatchedHint) "
                + scorecard.unmatchedSubjects.map(escape).joined(separator: l.listSeparator) + "\n"
        }
        return out
    }

    /// The goals at `indices` as a Markdown table; their figures link to the numbered sources.
    func table(_ scorecard: Scorecard, indices: [Int]) -> String {
        let l = scorecard.labels
        let names = scorecard.goalNames
        var out = ""
        let showBaseline = indices.contains { scorecard.results[$0].baseline != nil }
        var headings = [l.goal, l.area, l.target, l.actual, l.margin, l.statusHeading, l.source]
        var rule = ["---", "---", "---:", "---:", "---:", "---", "---"]
        if showBaseline {
            headings.append(l.baseline)
            rule.append("---")
        }
        out += "| " + headings.map(escape).joined(separator: " | ") + " |\n"
        out += "| " + rule.joined(separator: " | ") + " |\n"
        for i in indices {
            let r = scorecard.results[i]
            let unit = r.goal.goal.quantity.unit
            var cells = [
                names[i], r.area,
                r.target == nil
                    ? l.masked : FigureText.target(r.goal.goal.comparator, r.target, upper: r.targetUpper, unit: unit),
                r.actual.map { FigureText.withUnit($0, unit) } ?? (r.status == .redacted ? l.masked : "—"),
                r.margin.map { FigureText.signed($0) } ?? "—",
                "**\(l.status(r.status))**",
                r.observation == nil ? "—" : "[\(scorecard.actualSource(r))](#figure-\(i + 1))",
            ]
            if showBaseline { cells.append(l.baselineCell(r) ?? "—") }
            out += "| " + cells.map(escape).joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// " — “text”", or nothing when there is no text.
    private func quoted(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "" }
        return " — “\(escape(text))”"
    }

    func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
