import GoalCheck
import IndicatorKit

extension MarkdownRenderer {
    /// A panel scorecard's body: a table per year, the plan goals with their path, then a grid of
    /// each indicator across the years.
    func panelBody(_ s: Scorecard) -> String {
        let l = s.labels
        let names = s.goalNames
        var out = ""
        for section in s.panelSections {
            out += "## " + escape(l.sectionTitle(section)) + "\n\n" + table(s, indices: section.indices)
            if section.isPlan {
                out += "\n"
                for i in section.indices {
                    guard let p = s.results[i].plan else { continue }
                    out += "- **\(escape(names[i]))**\(l.colon)\(escape(l.planLine(p, unit: s.results[i].unit)))\n"
                }
            }
            out += "\n"
        }
        let series = s.indicatorSeries
        guard !series.isEmpty else { return out }
        let years = Array(Set(series.flatMap { $0.cells.map(\.year) })).sorted()
        let multiRegion = s.resultRegions.count > 1
        out += "## " + escape(l.acrossYears) + "\n\n"
        out += "| " + escape(l.goal) + " | " + years.map(String.init).joined(separator: " | ") + " |\n"
        out += "| --- |" + String(repeating: " --- |", count: years.count) + "\n"
        for item in series {
            let name = item.name + (multiRegion ? "（\(item.region ?? "—")）" : "")
            var cells = [escape(name)]
            for y in years {
                if let c = item.cells.first(where: { $0.year == y }) {
                    cells.append(escape(s.panelCell(s.results[c.index])))
                } else {
                    cells.append("")
                }
            }
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return out + "\n"
    }
}
