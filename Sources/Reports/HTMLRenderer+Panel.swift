import Foundation
import GoalCheck
import IndicatorKit

extension HTMLRenderer {
    /// Chart geometry: a 360 × 150 view box (it scales down to a 400 px phone).
    static let chartWidth = 360.0
    static let chartHeight = 150.0
    static let chartPad = (left: 40.0, right: 8.0, top: 10.0, bottom: 24.0)

    /// One trend chart per indicator across the years: the target (a band from the target to its
    /// upper end, or a bar at the target) and the actual as a line of points in the status colour.
    /// Inline SVG drawn here; no script, no external resource.
    func trends(_ s: Scorecard) -> String {
        let series = s.indicatorSeries.filter { !$0.cells.isEmpty }
        guard !series.isEmpty else { return "" }
        let l = s.labels
        let multiRegion = s.resultRegions.count > 1
        var h = "<section id=\"trends\">\n<h2>\(esc(l.acrossYears))</h2>\n<div class=\"trends\">\n"
        for (n, item) in series.enumerated() {
            let name = item.name + (multiRegion ? "（\(item.region ?? "—")）" : "")
            h += "<figure class=\"trend\" id=\"trend-\(n + 1)\" data-indicator=\"\(esc(item.key))\">"
            h += "<figcaption>\(esc(name)) <small>\(esc(item.unit))</small></figcaption>"
            h += chart(item, in: s, title: name)
            h += trendTable(item, in: s)
            h += "</figure>\n"
        }
        return h + "</div>\n</section>\n"
    }

    /// The SVG of one series.
    func chart(_ item: IndicatorSeries, in s: Scorecard, title: String) -> String {
        let results = item.cells.map { (year: $0.year, result: s.results[$0.index], index: $0.index) }
        let years = results.map(\.year)
        let (w, ht, pad) = (HTMLRenderer.chartWidth, HTMLRenderer.chartHeight, HTMLRenderer.chartPad)
        var values: [Double] = []
        for c in results {
            values += [c.result.target, c.result.targetUpper, c.result.actual].compactMap { $0 }
        }
        // The scale starts at zero unless the figures are levels far above it (5000–5500): then
        // just below the lowest, so the changes show.
        let low = values.min() ?? 0
        var hi = values.max() ?? 1
        var lo = min(0, low)
        if item.kind == .level, low > 0, low > hi * 0.5 { lo = max(0, low - (hi - low) * 0.5 - hi * 0.02) }
        if hi == lo { hi = lo + 1 }
        let span = hi - lo
        hi += span * 0.12
        if lo < 0 { lo -= span * 0.1 }
        let first = years.first ?? 0
        let count = max(1, (years.last ?? first) - first)
        let plotW = w - pad.left - pad.right
        let plotH = ht - pad.top - pad.bottom
        // The first and last years sit inset from the plot's edges, so their bars and labels fit.
        let inset = 18.0
        func x(_ year: Int) -> Double {
            years.count == 1
                ? pad.left + plotW / 2 : pad.left + inset + Double(year - first) / Double(count) * (plotW - 2 * inset)
        }
        func y(_ v: Double) -> Double { pad.top + (hi - v) / (hi - lo) * plotH }
        func f(_ v: Double) -> String { FigureText.format(v, places: 1) }
        let step = years.count > 1 ? (plotW - 2 * inset) / Double(count) : plotW
        let barW = min(28, step * 0.6)
        var svg =
            "<svg class=\"chart\" viewBox=\"0 0 \(f(w)) \(f(ht))\" role=\"img\" aria-label=\"\(esc(title))\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title>\(esc(title))</title>"
        // Axes: the zero (or lowest) line and the highest value.
        svg +=
            "<line class=\"axis\" x1=\"\(f(pad.left))\" y1=\"\(f(y(lo)))\" x2=\"\(f(w - pad.right))\" y2=\"\(f(y(lo)))\"/>"
        svg +=
            "<text class=\"tick\" x=\"\(f(pad.left - 4))\" y=\"\(f(y(lo) + 3))\" text-anchor=\"end\">\(esc(FigureText.format(lo, places: 1)))</text>"
        svg +=
            "<text class=\"tick\" x=\"\(f(pad.left - 4))\" y=\"\(f(y(hi) + 8))\" text-anchor=\"end\">\(esc(FigureText.format(hi, places: 1)))</text>"
        var points: [String] = []
        for c in results {
            let cx = x(c.year)
            svg += "<text class=\"tick\" x=\"\(f(cx))\" y=\"\(f(ht - 6))\" text-anchor=\"middle\">\(c.year)</text>"
            let r = c.result
            if let t = r.target {
                let top = max(t, r.targetUpper ?? t)
                let bottom = min(t, r.targetUpper ?? t)
                // A range's band, or a 4-unit bar centred on a single target.
                let height = max(4, y(bottom) - y(top))
                svg += "<rect class=\"band\" x=\"\(f(cx - barW / 2))\" y=\"\(f(y(top) - (height == 4 ? 2 : 0)))\" "
                svg += "width=\"\(f(barW))\" height=\"\(f(height))\"><title>\(c.year) "
                svg += esc(
                    FigureText.target(
                        r.goal.goal.comparator, r.target, upper: r.targetUpper, unit: r.goal.goal.quantity.unit))
                svg += "</title></rect>"
            }
            if let a = r.actual {
                points.append("\(f(cx)),\(f(y(a)))")
            }
        }
        if points.count > 1 { svg += "<polyline class=\"path\" points=\"\(points.joined(separator: " "))\"/>" }
        for c in results {
            guard let a = c.result.actual else { continue }
            let r = c.result
            svg +=
                "<a href=\"#goal-\(c.index + 1)\"><circle class=\"pt p-\(r.status.rawValue)\" cx=\"\(f(x(c.year)))\" cy=\"\(f(y(a)))\" r=\"4.5\">"
            svg +=
                "<title>\(c.year) \(esc(FigureText.withUnit(a, r.goal.goal.quantity.unit))) · \(esc(s.labels.status(r.status)))</title></circle></a>"
        }
        return svg + "</svg>"
    }

    /// The chart's figures as a small table (year, target, actual, status), for reading and for
    /// screen readers.
    func trendTable(_ item: IndicatorSeries, in s: Scorecard) -> String {
        let l = s.labels
        var h = "<table class=\"trend-table\"><thead><tr><th></th><th>\(esc(l.target))</th><th>\(esc(l.actual))</th>"
        h += "<th>\(esc(l.statusHeading))</th></tr></thead><tbody>"
        for cell in item.cells {
            let r = s.results[cell.index]
            let g = r.goal.goal
            h += "<tr><th><a href=\"#goal-\(cell.index + 1)\">\(cell.year)</a></th>"
            h +=
                "<td class=\"num\">\(esc(FigureText.target(g.comparator, r.target, upper: r.targetUpper, unit: g.quantity.unit)))</td>"
            h += "<td class=\"num\">\(esc(r.actual.map { FigureText.withUnit($0, g.quantity.unit) } ?? "—"))</td>"
            h += "<td><span class=\"status s-\(r.status.rawValue)\">\(esc(l.status(r.status)))</span></td></tr>"
        }
        return h + "</tbody></table>"
    }

    /// The style of the panel parts: section rows and trend charts.
    static let panelCSS = """
        tr.section th { background: #eef2ff; text-align: left; font-size: 15px; }
        #trends .trends { display: flex; flex-wrap: wrap; gap: 12px 20px; }
        figure.trend { margin: 0; flex: 1 1 320px; max-width: 380px; }
        figure.trend figcaption { font-weight: 600; margin-bottom: 2px; }
        svg.chart { width: 100%; height: auto; display: block; }
        table.trend-table { width: auto; font-size: 12px; margin-top: 4px; }
        table.trend-table th, table.trend-table td { padding: 2px 8px; }
        svg.chart .axis { stroke: #9ca3af; stroke-width: 1; }
        svg.chart .tick { font-size: 10px; fill: #4b5563; }
        svg.chart .band { fill: #d1d5db; stroke: #4b5563; stroke-width: 1; }
        svg.chart .path { fill: none; stroke: #374151; stroke-width: 1.5; }
        svg.chart .pt { stroke: #fff; stroke-width: 1; }
        .p-met { fill: var(--met); } .p-on_track { fill: var(--on_track); } .p-behind { fill: var(--behind); }
        .p-missed { fill: var(--missed); } .p-no_data { fill: var(--no_data); } .p-redacted { fill: var(--redacted); }
        .p-incomparable { fill: var(--incomparable); }
        @media (max-width: 720px) {
          #scorecard tr.section { display: block; }
          #scorecard tr.section th { display: block; border: 0; padding: 8px 0 4px; background: none; }
          figure.trend { flex: 1 1 100%; max-width: none; }
        }

        """
}
