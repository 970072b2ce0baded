import GoalCheck
import IndicatorKit

/// One section of a panel scorecard: the goals of one year, or the plan goals of one span.
public struct PanelSection: Sendable {
    /// "2022", or the span "2021/2025" for plan goals.
    public var period: String
    /// True for the plan goals of a span of years.
    public var isPlan: Bool
    /// Indices into `Scorecard.results`, in their order.
    public var indices: [Int]
}

/// One indicator (or subject) of one region across a panel's years: a cell per year with a goal.
public struct IndicatorSeries: Sendable {
    /// The catalog code, or `s:` and the subject when the goal has none.
    public var key: String
    /// The name to show.
    public var name: String
    public var region: String?
    public var kind: FigureKind
    /// The goals' unit (of the first year's goal).
    public var unit: String
    /// The result index of each year's goal (the first goal when a year states several).
    public var cells: [(year: Int, index: Int)]
}

extension Scorecard {
    /// True when the scorecard is for a panel pipeline (several years).
    public var isPanel: Bool { years != nil }

    /// The year of an annual result, else nil (a plan goal, or a period without a year).
    static func year(of r: CheckResult) -> Int? { r.goal.goal.period.year }

    /// The sections of a panel scorecard: each year with goals, ascending, then the plan goals by
    /// span. Empty for a single-period scorecard.
    public var panelSections: [PanelSection] {
        guard isPanel else { return [] }
        var annual: [Int: [Int]] = [:]
        var plans: [String: [Int]] = [:]
        var other: [Int] = []
        for (i, r) in results.enumerated() {
            let p = r.goal.goal.period
            if let y = p.year {
                annual[y, default: []].append(i)
            } else if p.yearSpan != nil {
                plans[p.rawValue, default: []].append(i)
            } else {
                other.append(i)
            }
        }
        var sections = annual.keys.sorted().map {
            PanelSection(period: String($0), isPlan: false, indices: annual[$0]!)
        }
        sections += plans.keys.sorted().map { PanelSection(period: $0, isPlan: true, indices: plans[$0]!) }
        if !other.isEmpty { sections.append(PanelSection(period: "", isPlan: false, indices: other)) }
        return sections
    }

    /// The regions the results are about, in order of first appearance (nil region left out).
    public var resultRegions: [String] {
        var out: [String] = []
        for r in results { if let g = r.goal.goal.region, !out.contains(g) { out.append(g) } }
        return out
    }

    /// Each indicator of each region across the years of its annual goals, in the order the
    /// indicators first appear. Empty for a single-period scorecard.
    public var indicatorSeries: [IndicatorSeries] {
        guard isPanel else { return [] }
        var order: [String] = []
        var series: [String: IndicatorSeries] = [:]
        for (i, r) in results.enumerated() {
            let g = r.goal.goal
            guard let y = g.period.year else { continue }
            let key = (g.indicator ?? "s:" + g.subject) + "\u{1}" + g.kind.rawValue
            let full = key + "\u{1}" + (g.region ?? "")
            if series[full] == nil {
                order.append(full)
                series[full] = IndicatorSeries(
                    key: g.indicator ?? "s:" + g.subject, name: r.displayName, region: g.region, kind: g.kind,
                    unit: g.quantity.unit, cells: [])
            }
            if !series[full]!.cells.contains(where: { $0.year == y }) { series[full]!.cells.append((y, i)) }
        }
        return order.map { k in
            var s = series[k]!
            s.cells.sort { $0.year < $1.year }
            return s
        }
    }

    /// A short cell for a panel grid: "达成 8.1 / 6%以上".
    func panelCell(_ r: CheckResult) -> String {
        let g = r.goal.goal
        let target = FigureText.target(g.comparator, r.target, upper: r.targetUpper, unit: g.quantity.unit)
        let actual = r.actual.map { FigureText.format($0) } ?? "—"
        return "\(labels.status(r.status)) \(actual) / \(target)"
    }
}

extension ReportLabels {
    /// The heading of a panel section: "2022 年" / "2022", or the plan span.
    public func sectionTitle(_ s: PanelSection) -> String {
        if s.isPlan {
            let span = s.period.replacingOccurrences(of: "/", with: "—")
            return language == .zh ? "\(span) 年规划目标" : "Plan targets \(span.replacingOccurrences(of: "—", with: "–"))"
        }
        if s.period.isEmpty { return language == .zh ? "其他期间" : "Other periods" }
        return language == .zh ? "\(s.period) 年" : s.period
    }

    /// The heading of the indicators-across-years view.
    public var acrossYears: String { language == .zh ? "分指标历年情况" : "Each indicator across the years" }

    /// "required 8.45% a year · achieved 8.40% (99%)" for a plan goal's path.
    public func planLine(_ p: PlanProgress, unit: String) -> String {
        let f = { (v: Double?) in FigureText.format(v, places: 2) }
        let ratio = p.ratio.map { FigureText.format($0 * 100, places: 0) + "%" } ?? "—"
        if p.kind == .cumulative {
            return language == .zh
                ? "要求年均 \(f(p.required))\(unit) · 实际年均 \(f(p.achieved))\(unit)（\(ratio)）"
                : "required \(f(p.required)) \(unit) a year · achieved \(f(p.achieved)) \(unit) a year (\(ratio))"
        }
        return language == .zh
            ? "要求年均增长 \(f(p.required))% · 实际年均增长 \(f(p.achieved))%（\(ratio)）"
            : "required \(f(p.required))% a year · achieved \(f(p.achieved))% a year (\(ratio))"
    }
}
