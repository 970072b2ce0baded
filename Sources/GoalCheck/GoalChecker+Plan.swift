import Foundation
import IndicatorKit

/// Goals for a plan's span of years (period `2021/2025`): checked on their path, after Open SDG's
/// progress measure (docs/goal-checks.md, "Plan targets").
///
/// - A **level** to reach by the end year: the growth required is the compound annual growth from
///   the base year's figure (the year before the span) to the target; the growth achieved is the
///   compound annual growth from the base year to the latest yearly figure.
/// - An **average annual growth** (a growth goal): required is the target; achieved is the
///   compounded mean of the yearly growth figures since the base year, or, without them, the
///   compound growth of the yearly levels.
/// - A **cumulative** sum over the span (`cumulative: true` on the goal, or 累计 in its text):
///   required is the target spread evenly over the span's years, achieved the yearly average so far.
///
/// Before the end year the status is `on_track` when achieved ÷ required ≥ 0.95 (or the target is
/// already reached), else `behind`; with the end year's figure it is `met` or `missed` by the
/// goal's comparator, as for an annual goal.
extension GoalChecker {
    /// True for a goal whose period is a span of whole years.
    public static func isPlanGoal(_ goal: Goal) -> Bool { goal.period.yearSpan != nil }

    /// The kind of plan goal `goal` is.
    static func planKind(_ goal: Goal) -> PlanProgress.Kind {
        if goal.kind == .growth { return .averageGrowth }
        if goal.attributes["cumulative"] == "true" || (goal.text ?? "").contains("累计") { return .cumulative }
        return .level
    }

    func checkPlan(_ entry: GoalEntry, span: ClosedRange<Int>, candidates: [ObservationEntry]) -> CheckResult {
        let g = entry.goal
        let indicator = g.indicator.flatMap { catalog.indicator(code: $0) }
        let better = indicator?.better ?? .higher
        let unit = GoalChecker.effectiveUnit(g.quantity.unit, kind: g.kind)
        let kind = GoalChecker.planKind(g)
        var result = CheckResult(
            goal: entry, indicator: indicator, status: .noData, unit: g.quantity.unit, target: g.quantity.value,
            targetUpper: g.quantity.upper, explanation: "")
        var plan = PlanProgress(kind: kind, startYear: span.lowerBound, endYear: span.upperBound)
        guard let targetValue = g.quantity.value, !g.redacted else {
            result.status = .redacted
            result.explanation = "the target is masked in the source (\(g.text ?? g.subject)); no check is possible"
            result.explanationZh = "来源未公开目标数字（\(g.text ?? g.subject)），无法核查"
            result.plan = plan
            return result
        }
        let target = targetValue
        // Whole-year figures of each year from the base year to the end year, in the goal's unit.
        // Levels for a growth goal are compared with each other, in the unit of the first one.
        func yearly(_ figureKind: FigureKind) -> [Int: (Double, ObservationEntry)] {
            var out: [Int: (Double, ObservationEntry)] = [:]
            let pool = candidates.filter {
                $0.observation.kind == figureKind && $0.observation.period.isFullYear && !$0.observation.redacted
            }
            let levelUnit =
                g.kind == .level
                ? unit
                : pool.first.map { GoalChecker.effectiveUnit($0.observation.quantity.unit, kind: .level) } ?? unit
            let ranked = pool.enumerated().sorted { a, b in
                let (ra, rb) = (rank(a.element, goal: g), rank(b.element, goal: g))
                return ra != rb ? ra < rb : a.offset < b.offset
            }.map(\.element)
            for e in ranked {
                let o = e.observation
                guard let y = o.period.year, (plan.baseYear...span.upperBound).contains(y), out[y] == nil,
                    let raw = o.quantity.value
                else { continue }
                let from = GoalChecker.effectiveUnit(o.quantity.unit, kind: o.kind)
                let to = figureKind == .growth ? "%" : levelUnit
                guard let v = Units.convert(raw, from: from, to: to) else { continue }
                out[y] = (v, e)
            }
            return out
        }
        let band = Units.double(bandWidth(entry, target: Units.decimal(target)))
        func passes(_ actual: Double) -> Bool {
            GoalChecker.passes(
                actual: Units.decimal(actual), target: Units.decimal(target),
                upper: g.quantity.upper.map(Units.decimal), comparator: g.comparator, better: better,
                band: Units.decimal(band))
        }
        let spanText = "\(span.lowerBound)–\(span.upperBound)"

        switch kind {
        case .level:
            let levels = yearly(.level)
            guard let base = levels[plan.baseYear] else {
                return planNoData(
                    result, plan: plan,
                    en: "no \(plan.baseYear) figure to measure the path to the \(span.upperBound) target from",
                    zh: "缺少基期 \(plan.baseYear) 年的数据，无法衡量到 \(span.upperBound) 年目标的进度")
            }
            plan.baseValue = base.0
            guard let latestYear = levels.keys.filter({ $0 > plan.baseYear }).max(), let latest = levels[latestYear]
            else {
                return planNoData(
                    result, plan: plan, en: "no figure for \(spanText) yet", zh: "尚无 \(spanText) 年的数据")
            }
            plan = PlanProgress(
                kind: kind, startYear: span.lowerBound, endYear: span.upperBound, baseValue: base.0,
                latestYear: latestYear,
                required: PlanProgress.compoundGrowth(from: base.0, to: target, years: span.upperBound - plan.baseYear),
                achieved: PlanProgress.compoundGrowth(from: base.0, to: latest.0, years: latestYear - plan.baseYear),
                years: [plan.baseYear, latestYear])
            result.observation = latest.1
            result.actualAsWritten = latest.1.observation.quantity
            result.actual = latest.0
            if latestYear < span.upperBound, let r = plan.required {
                // Where the required path stands in the latest year.
                let onPath = base.0 * pow(1 + r / 100, Double(latestYear - plan.baseYear))
                result.expectedToDate = (onPath * 1_000_000).rounded() / 1_000_000
            }
        case .averageGrowth:
            let rates = yearly(.growth)
            // The years from the span's first on, up to the first without a figure.
            var run = Array(span.prefix { rates[$0] != nil })
            var achieved: Double?
            var latestYear: Int?
            var used: ObservationEntry?
            // A figure for the whole span ("十四五时期年均增长5.7%") decides by itself.
            if let whole = candidates.first(where: {
                $0.observation.kind == .growth && $0.observation.period.yearSpan == span
                    && $0.observation.quantity.value != nil
            }) {
                achieved = whole.observation.quantity.value
                latestYear = span.upperBound
                used = whole
                run = Array(span)
            } else if !run.isEmpty {
                achieved = PlanProgress.averageGrowth(run.map { rates[$0]!.0 })
                latestYear = run.last
                used = rates[run.last!]!.1
            } else {
                let levels = yearly(.level)
                if let base = levels[plan.baseYear], let last = levels.keys.filter({ $0 > plan.baseYear }).max() {
                    achieved = PlanProgress.compoundGrowth(
                        from: base.0, to: levels[last]!.0, years: last - plan.baseYear)
                    latestYear = last
                    used = levels[last]!.1
                    plan.baseValue = base.0
                    run = [plan.baseYear, last]
                }
            }
            guard let achieved, let latestYear, let used else {
                return planNoData(
                    result, plan: plan,
                    en:
                        "no yearly growth figure for \(span.lowerBound) on, nor levels for \(plan.baseYear) and a later year",
                    zh: "尚无 \(span.lowerBound) 年以来的逐年增速，也没有 \(plan.baseYear) 年及以后的总量数据")
            }
            let base = plan.baseValue
            plan = PlanProgress(
                kind: kind, startYear: span.lowerBound, endYear: span.upperBound, baseValue: base,
                latestYear: latestYear, required: target, achieved: achieved, years: run)
            result.observation = used
            result.actualAsWritten = used.observation.quantity
            result.actual = (achieved * 1_000_000).rounded() / 1_000_000
            result.unit = "%"
        default:
            let levels = yearly(.level)
            // The years from the span's first on, up to the first without a figure.
            let run = Array(span.prefix { levels[$0] != nil })
            guard let last = run.last else {
                return planNoData(
                    result, plan: plan, en: "no yearly figure for \(span.lowerBound) yet",
                    zh: "尚无 \(span.lowerBound) 年的数据")
            }
            let sum = run.reduce(0.0) { $0 + levels[$1]!.0 }
            let years = Double(span.count)
            plan = PlanProgress(
                kind: kind, startYear: span.lowerBound, endYear: span.upperBound, latestYear: last,
                required: target / years, achieved: sum / Double(run.count), years: run)
            result.observation = levels[last]!.1
            result.actualAsWritten = levels[last]!.1.observation.quantity
            result.actual = (sum * 1_000_000).rounded() / 1_000_000
            if last < span.upperBound {
                result.expectedToDate = (target * Double(run.count) / years * 1_000_000).rounded() / 1_000_000
            }
        }
        if let a = plan.achieved, let r = plan.required {
            plan.ratio = PlanProgress.ratio(achieved: a, required: r).map { ($0 * 1_000_000).rounded() / 1_000_000 }
        }
        plan.achieved = plan.achieved.map { ($0 * 1_000_000).rounded() / 1_000_000 }
        plan.required = plan.required.map { ($0 * 1_000_000).rounded() / 1_000_000 }
        let final = plan.latestYear == span.upperBound
        let actual = result.actual ?? 0
        if final {
            result.status = passes(actual) ? .met : .missed
        } else if passes(actual) && kind == .level {
            // Already at the end year's target: Open SDG's "target achieved".
            result.status = .onTrack
        } else if let ratio = plan.ratio {
            result.status = ratio >= PlanProgress.onTrackRatio ? .onTrack : .behind
        } else {
            result.status = passes(actual) ? .onTrack : .behind
        }
        let yardstick = final ? target : (result.expectedToDate ?? target)
        result.margin = ((actual - (kind == .averageGrowth ? target : yardstick)) * 1_000_000).rounded() / 1_000_000
        result.attainment = yardstick == 0 ? nil : ((actual / yardstick) * 1_000_000).rounded() / 1_000_000
        result.plan = plan
        (result.explanation, result.explanationZh) = explainPlan(result, plan: plan)
        return result
    }

    private func planNoData(_ result: CheckResult, plan: PlanProgress, en: String, zh: String) -> CheckResult {
        var r = result
        r.status = .noData
        r.plan = plan
        r.explanation = en
        r.explanationZh = zh
        return r
    }

    func explainPlan(_ r: CheckResult, plan: PlanProgress) -> (String, String) {
        let f = { (v: Double?) in FigureText.format(v, places: 2) }
        let span = "\(plan.startYear)–\(plan.endYear)"
        let ratio = plan.ratio.map { " (\(FigureText.format($0 * 100, places: 0))% of it)" } ?? ""
        let ratioZh = plan.ratio.map { "（为所需的\(FigureText.format($0 * 100, places: 0))%）" } ?? ""
        let verdict: String
        let verdictZh: String
        switch r.status {
        case .met: (verdict, verdictZh) = ("met", "达成")
        case .missed: (verdict, verdictZh) = ("missed", "未达成")
        case .onTrack: (verdict, verdictZh) = ("on track", "进度正常")
        default: (verdict, verdictZh) = ("behind", "进度落后")
        }
        let latest = plan.latestYear.map(String.init) ?? "?"
        switch plan.kind {
        case .cumulative:
            return (
                "\(span) cumulative: \(f(r.actual)) \(r.unit) in \(plan.years.count) of \(plan.endYear - plan.startYear + 1) years, "
                    + "\(f(plan.achieved)) a year against the \(f(plan.required)) a year the target requires\(ratio): \(verdict)",
                "\(span)年累计：\(plan.years.count)年共\(f(r.actual))\(r.unit)，年均\(f(plan.achieved))，目标要求年均\(f(plan.required))\(ratioZh)，\(verdictZh)"
            )
        default:
            return (
                "average annual growth \(plan.baseYear)–\(latest): achieved \(f(plan.achieved))%, required \(f(plan.required))% for the \(plan.endYear) target\(ratio): \(verdict)",
                "\(plan.baseYear)—\(latest)年年均增长\(f(plan.achieved))%，实现\(plan.endYear)年目标需年均增长\(f(plan.required))%\(ratioZh)，\(verdictZh)"
            )
        }
    }
}
