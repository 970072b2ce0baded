import Foundation
import IndicatorKit

/// Checks goals against observations, as DESIGN.md "Goal checks" says.
///
/// Matching: a goal is checked against observations of the same indicator (or, when neither has
/// one, the same folded subject), the same region (a missing region matches any; 全国, 中国 and CN
/// are one, see `RegionName`) and the same year. Derived figures (`Deriver`) join the observations first, so a change goal can be met by
/// two yearly rates. A figure of another kind is `incomparable`; units that do not convert are
/// `incomparable`.
///
/// Which figure decides when several qualify: a whole-period figure before a partial one; a
/// stated figure before a masked or derived one; and, for an annual goal, a figure on an annual
/// **average** basis before one without a basis, before a **year-end** figure. So 城镇调查失业率全年
/// 控制在5.5%以内 is checked against the annual average (2022: 5.6%, missed), not the year-end rate
/// (5.5%): 全年 targets the whole year. The explanation says so and names the figure not used.
///
/// Comparators: `>=`, `>`, `<=`, `<` as written; `=` is a floor when more is better and a ceiling
/// when less is better; `~` passes within the tolerance or on the better side of it; a `range`
/// passes from its low end up (more is better) or from its high end down (less is better).
/// Partial periods (1–9月) give `on_track`/`behind`: growth, share and change goals compare
/// directly; level goals compare with the target prorated to the months elapsed.
public struct GoalChecker: Sendable {
    public let catalog: Catalog
    public let tolerance: Tolerance

    public init(catalog: Catalog, tolerance: Tolerance = .default) {
        self.catalog = catalog
        self.tolerance = tolerance
    }

    /// One result per goal, in the goals' order.
    public func check(_ goals: [GoalEntry], against observations: [ObservationEntry]) -> [CheckResult] {
        let all = observations + Deriver.derive(observations)
        // Figures by indicator (or subject), and by indicator and folded region; a figure without
        // a region is kept under the empty region and joins every goal's candidates.
        var byKey: [String: [ObservationEntry]] = [:]
        var byKeyAndRegion: [String: [ObservationEntry]] = [:]
        for e in all {
            let o = e.observation
            let key = matchKey(o.indicator, o.subject, o.region)
            byKey[key, default: []].append(e)
            byKeyAndRegion[key + "\u{1}" + (o.region.map(RegionName.fold) ?? ""), default: []].append(e)
        }
        return goals.map { entry in
            let g = entry.goal
            let key = matchKey(g.indicator, g.subject, g.region)
            guard let region = g.region.map(RegionName.fold), !region.isEmpty else {
                return check(entry, candidates: byKey[key] ?? [])
            }
            let candidates = (byKeyAndRegion[key + "\u{1}" + region] ?? []) + (byKeyAndRegion[key + "\u{1}"] ?? [])
            return check(entry, candidates: candidates)
        }
    }

    /// Checks one goal against observations already known to be of its indicator (or subject) and
    /// region.
    func check(_ entry: GoalEntry, candidates: [ObservationEntry]) -> CheckResult {
        let g = entry.goal
        if let span = g.period.yearSpan { return checkPlan(entry, span: span, candidates: candidates) }
        let indicator = g.indicator.flatMap { catalog.indicator(code: $0) }
        let better = indicator?.better ?? .higher
        let unit = GoalChecker.effectiveUnit(g.quantity.unit, kind: g.kind)
        let target = g.quantity.value.map(Units.decimal)
        let upper = g.quantity.upper.map(Units.decimal)
        var result = CheckResult(
            goal: entry, indicator: indicator, status: .noData, unit: g.quantity.unit, target: g.quantity.value,
            targetUpper: g.quantity.upper, explanation: "")

        // The figures of this goal's region and year.
        let inScope = candidates.filter { e in
            let o = e.observation
            return o.period.year == g.period.year
                && o.period.year != nil
        }
        result.baseline = baseline(for: g, unit: unit, target: target, among: candidates)

        guard let target, !g.redacted else {
            result.status = .redacted
            result.explanation = "the target is masked in the source (\(g.text ?? g.subject)); no check is possible"
            result.explanationZh = "来源未公开目标数字（\(g.text ?? g.subject)），无法核查"
            return result
        }
        guard g.period.year != nil else {
            result.status = .incomparable
            result.explanation =
                "the goal's period '\(g.period)' is not a calendar period; give it as a year, quarter or month"
            result.explanationZh = "目标期间“\(g.period)”不是日历期间，请写成年、季度或月份"
            return result
        }
        let sameKind = inScope.filter { $0.observation.kind == g.kind }
        if sameKind.isEmpty {
            if let other = inScope.first {
                let o = other.observation
                result.status = .incomparable
                result.observation = other
                result.actualAsWritten = o.quantity
                result.explanation =
                    "the goal is a \(g.kind.rawValue) target but the source reports \(o.subject) for \(o.period) only as a \(o.kind.rawValue) figure"
                result.explanationZh =
                    "目标是\(GoalChecker.kindZh(g.kind))目标，但来源只给出 \(o.subject) \(o.period) 的\(GoalChecker.kindZh(o.kind))数据"
                return result
            }
            result.status = .noData
            result.explanation = "no actual figure for \(g.period) yet"
            result.explanationZh = "尚无 \(g.period) 的实际数据"
            return result
        }

        // Whole-period figures first; else the latest cumulative partial one.
        let goalMonths = g.period.months
        let whole = sameKind.filter {
            $0.observation.period == g.period || ($0.observation.period.isFullYear && g.period.isFullYear)
        }
        let partial = sameKind.filter { e in
            let p = e.observation.period
            guard let m = p.months, let gm = goalMonths, !whole.contains(e) else { return false }
            return m.lowerBound == gm.lowerBound && m.upperBound < gm.upperBound
        }
        let isPartial = whole.isEmpty
        let pool = isPartial ? partial : whole
        guard !pool.isEmpty else {
            result.status = .noData
            result.explanation =
                "no figure covering \(g.period) yet (only \(sameKind.map { $0.observation.period.rawValue }.joined(separator: ", ")))"
            result.explanationZh =
                "尚无覆盖 \(g.period) 的数据（只有 \(sameKind.map { $0.observation.period.rawValue }.joined(separator: "、"))）"
            return result
        }
        // Ties keep the order the figures were given in.
        let ranked = pool.enumerated().sorted { a, b in
            let (ra, rb) = (rank(a.element, goal: g), rank(b.element, goal: g))
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
        let chosen = ranked[0]
        let o = chosen.observation
        result.observation = chosen
        result.alternatives = Array(ranked.dropFirst())
        result.actualAsWritten = o.quantity

        guard !o.redacted, let raw = o.quantity.value else {
            result.status = .redacted
            result.explanation =
                "the source reports \(o.subject) for \(o.period) but masks the number (\(o.text ?? "masked"))"
            result.explanationZh = "来源给出了 \(o.subject) \(o.period) 的数据，但未公开数字（\(o.text ?? "未公开")）"
            return result
        }
        let fromUnit = GoalChecker.effectiveUnit(o.quantity.unit, kind: o.kind)
        guard let actual = Units.convert(Units.decimal(raw), from: fromUnit, to: unit) else {
            result.status = .incomparable
            result.explanation =
                "the actual is in '\(o.quantity.unit)' and the target in '\(g.quantity.unit)', which do not convert into each other"
            result.explanationZh = "实际值单位为“\(o.quantity.unit)”，目标单位为“\(g.quantity.unit)”，两者无法换算"
            return result
        }

        // The yardstick: the target, prorated for a level goal checked part-way.
        var yardstick = target
        var yardstickUpper = upper
        var months: Int?
        if isPartial, g.kind == .level, let m = o.period.months, let gm = goalMonths {
            let elapsed = Decimal(m.upperBound - gm.lowerBound + 1)
            let total = Decimal(gm.count)
            yardstick = target * elapsed / total
            yardstickUpper = upper.map { $0 * elapsed / total }
            months = m.upperBound - gm.lowerBound + 1
            result.expectedToDate = Units.double(yardstick)
        }
        let band = bandWidth(entry, target: yardstick)
        let passes = GoalChecker.passes(
            actual: actual, target: yardstick, upper: yardstickUpper, comparator: g.comparator, better: better,
            band: band)
        result.actual = Units.double(actual)
        result.margin = Units.double(actual - yardstick)
        result.attainment = yardstick == 0 ? nil : Units.double(Units.rounded(actual / yardstick, places: 6))
        result.status = isPartial ? (passes ? .onTrack : .behind) : (passes ? .met : .missed)
        (result.explanation, result.explanationZh) = explain(
            result, actual: actual, yardstick: yardstick, band: band, better: better, months: months, chosen: chosen)
        return result
    }

    // MARK: - Rules

    /// Whether `actual` satisfies the target under `comparator` and the direction `better`.
    public static func passes(
        actual: Decimal, target: Decimal, upper: Decimal?, comparator: IndicatorKit.TargetComparator,
        better: Indicator.Better,
        band: Decimal
    ) -> Bool {
        switch comparator {
        case .atLeast: actual >= target
        case .above: actual > target
        case .atMost: actual <= target
        case .below: actual < target
        case .equal: better == .higher ? actual >= target : actual <= target
        case .about: better == .higher ? actual >= target - band : actual <= target + band
        case .range: better == .higher ? actual >= target : actual <= (upper ?? target)
        }
    }

    /// The unit a figure of `kind` is in: a bare growth or share figure is in %, a change in
    /// percentage points (百分点; "%" written for a change means points too).
    static func effectiveUnit(_ unit: String, kind: FigureKind) -> String {
        let u = unit.trimmingCharacters(in: .whitespaces)
        switch kind {
        case .growth, .share: return u.isEmpty ? "%" : u
        case .change: return (u.isEmpty || u == "%" || u == "％") ? "百分点" : u
        case .level: return u
        }
    }

    /// The band a `~` target allows: percentage points, or a fraction of the target for a level.
    func bandWidth(_ entry: GoalEntry, target: Decimal) -> Decimal {
        let g = entry.goal
        let t = entry.tolerance ?? g.attributes["tolerance"].flatMap(Double.init) ?? tolerance.value(for: g.kind)
        let d = Units.decimal(t)
        return g.kind == .level ? abs(target) * d : d
    }

    /// Sort key: whole before masked, stated before derived, and for annual goals the annual
    /// average before an unspecified basis before a year-end figure; then the latest period.
    func rank(_ e: ObservationEntry, goal: Goal) -> (Int, Int, Int, Int) {
        let o = e.observation
        let basis: Int
        switch o.attributes["basis"] {
        case "average": basis = goal.period.isFullYear ? 0 : 1
        case "year-end": basis = goal.period.isFullYear ? 2 : 0
        default: basis = 1
        }
        return (
            o.redacted || o.quantity.value == nil ? 1 : 0, e.isDerived ? 1 : 0, basis,
            -(o.period.months?.upperBound ?? 0)
        )
    }

    /// The key goals and observations meet on: the indicator, else the folded subject; plus nothing
    /// of the region (regions are compared after).
    func matchKey(_ indicator: String?, _ subject: String, _ region: String?) -> String {
        if let indicator { return "i:" + indicator }
        return "s:" + catalog.subjectKey(subject, region: region)
    }
}
