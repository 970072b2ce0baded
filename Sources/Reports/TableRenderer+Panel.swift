import GoalCheck
import IndicatorKit

extension TableRenderer {
    /// A panel scorecard's body: a table per year, the plan goals with their path, then each
    /// indicator across the years.
    func panelBody(_ s: Scorecard) -> String {
        let l = s.labels
        var out = ""
        for section in s.panelSections {
            out += "── " + l.sectionTitle(section) + " ──\n"
            out += table(s, indices: section.indices)
            if section.isPlan {
                let names = s.goalNames
                for i in section.indices {
                    guard let p = s.results[i].plan else { continue }
                    out += "  " + names[i] + l.colon + l.planLine(p, unit: s.results[i].unit) + "\n"
                }
            }
            out += "\n"
        }
        let series = s.indicatorSeries
        if !series.isEmpty {
            out += "── " + l.acrossYears + " ──\n"
            let multiRegion = s.resultRegions.count > 1
            let names = series.map { $0.name + (multiRegion ? "（\($0.region ?? "—")）" : "") }
            let width = names.map(TableRenderer.width).max() ?? 0
            for (name, item) in zip(names, series) {
                let pad = String(repeating: " ", count: width - TableRenderer.width(name))
                let cells = item.cells.map { "\($0.year) " + s.panelCell(s.results[$0.index]) }
                out += name + pad + "  " + cells.joined(separator: " · ") + "\n"
            }
        }
        return out
    }
}
