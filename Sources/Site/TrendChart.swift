import Foundation
import GoalCheck
import IndicatorKit

/// An inline SVG line chart of an indicator's yearly figures, one line per region.
struct TrendChart {
    struct Series {
        var name: String
        var points: [(year: Int, value: Double)]
    }

    var title: String
    var unit: String
    var series: [Series]

    static let palette = ["#1d4ed8", "#c62828", "#1a7f37", "#b45309", "#6b21a8", "#0e7490", "#be185d", "#334155"]

    /// Charts of `points`, one per kind and unit (figures in different units are not drawn on one
    /// scale); only full-year figures are drawn.
    static func charts(_ points: [IndicatorPoint]) -> [TrendChart] {
        var groups: [String: [IndicatorPoint]] = [:]
        var order: [String] = []
        for p in points where p.value != nil && p.period.isFullYear && p.period.year != nil {
            let key = "\(p.kind.rawValue)|\(p.unit)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(p)
        }
        return order.map { key in
            let group = groups[key]!
            var byRegion: [String: [Int: Double]] = [:]
            for p in group { byRegion[p.region, default: [:]][p.period.year!] = p.value! }
            let series = byRegion.keys.sorted().map { region in
                Series(name: region, points: byRegion[region]!.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
            }
            return TrendChart(title: group[0].kind.rawValue, unit: group[0].unit, series: series)
        }
    }

    /// The chart as an `<svg>` element that scales to its container.
    func svg() -> String {
        let width = 640.0
        let height = 260.0
        let left = 64.0
        let right = 16.0
        let top = 16.0
        let bottom = 36.0
        let years = series.flatMap { $0.points.map(\.year) }
        let values = series.flatMap { $0.points.map(\.value) }
        guard let y0 = years.min(), let y1 = years.max(), var v0 = values.min(), var v1 = values.max() else {
            return ""
        }
        if v0 > 0 && v0 < v1 * 0.5 { v0 = 0 }
        if v0 == v1 {
            v0 -= abs(v0) * 0.1 + 1
            v1 += abs(v1) * 0.1 + 1
        }
        func x(_ year: Int) -> Double {
            y0 == y1
                ? left + (width - left - right) / 2
                : left + Double(year - y0) / Double(y1 - y0) * (width - left - right)
        }
        func y(_ v: Double) -> Double { top + (v1 - v) / (v1 - v0) * (height - top - bottom) }
        func f(_ d: Double) -> String { String(format: "%.1f", d) }
        var s =
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(esc(title)) \(esc(unit))\">"
        s +=
            "<line x1=\"\(f(left))\" y1=\"\(f(height - bottom))\" x2=\"\(f(width - right))\" y2=\"\(f(height - bottom))\" stroke=\"#9ca3af\"/>"
        for v in [v0, (v0 + v1) / 2, v1] {
            s +=
                "<line x1=\"\(f(left))\" y1=\"\(f(y(v)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(v)))\" stroke=\"#e5e7eb\"/>"
            s +=
                "<text x=\"\(f(left - 6))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\" font-size=\"11\" fill=\"#4b5563\">\(esc(FigureText.format(v, places: 2)))</text>"
        }
        let step = max(1, (y1 - y0) / 8)
        for year in stride(from: y0, through: y1, by: step) {
            s +=
                "<text x=\"\(f(x(year)))\" y=\"\(f(height - bottom + 16))\" text-anchor=\"middle\" font-size=\"11\" fill=\"#4b5563\">\(year)</text>"
        }
        s += "<text x=\"4\" y=\"12\" font-size=\"11\" fill=\"#4b5563\">\(esc(unit))</text>"
        for (i, line) in series.enumerated() {
            let colour = TrendChart.palette[i % TrendChart.palette.count]
            let path = line.points.map { "\(f(x($0.year))),\(f(y($0.value)))" }.joined(separator: " ")
            s += "<g class=\"series\" data-region=\"\(esc(line.name))\"><title>\(esc(line.name))</title>"
            if line.points.count > 1 {
                s += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
            }
            for p in line.points {
                s +=
                    "<circle cx=\"\(f(x(p.year)))\" cy=\"\(f(y(p.value)))\" r=\"3.5\" fill=\"\(colour)\"><title>\(esc(line.name)) \(p.year): \(esc(FigureText.withUnit(p.value, unit)))</title></circle>"
            }
            s += "</g>"
        }
        s += "</svg>"
        if series.count > 1 || !(series.first?.name.isEmpty ?? true) {
            s +=
                "<p class=\"legend\">"
                + series.enumerated().map { i, line in
                    "<span class=\"key k\(i % TrendChart.palette.count)\"></span>\(esc(line.name))"
                }.joined(separator: " ") + "</p>"
        }
        return s
    }
}
