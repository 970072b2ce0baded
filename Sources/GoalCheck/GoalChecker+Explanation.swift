import Foundation
import IndicatorKit

extension GoalChecker {
    /// One line saying why the status is what it is, in English and in Chinese.
    func explain(
        _ r: CheckResult, actual: Decimal, yardstick: Decimal, band: Decimal, better: Indicator.Better, months: Int?,
        chosen: ObservationEntry
    ) -> (en: String, zh: String) {
        let g = r.goal.goal
        let unit = g.quantity.unit
        let a = FigureText.format(actual) + unit
        let target = FigureText.target(g.comparator, g.quantity.value, upper: g.quantity.upper, unit: unit)
        var line = "\(a) against \(target)"
        var zh = "实际 \(a)，目标 \(target)"
        switch g.comparator {
        case .equal:
            line +=
                better == .higher
                ? " (a bare figure, read as a floor)" : " (a bare figure, read as a ceiling: less is better)"
            zh += better == .higher ? "（单一数值，视为下限）" : "（单一数值，视为上限：越低越好）"
        case .about:
            let edge = better == .higher ? yardstick - band : yardstick + band
            let bandText = g.kind == .level ? FigureText.format(band) + unit : FigureText.format(band) + " pp"
            let bandZh = g.kind == .level ? FigureText.format(band) + unit : FigureText.format(band) + "个百分点"
            line +=
                better == .higher
                ? " (within \(bandText) or above counts: from \(FigureText.format(edge))\(unit))"
                : " (within \(bandText) or below counts: up to \(FigureText.format(edge))\(unit); less is better)"
            zh +=
                better == .higher
                ? "（“左右”：差 \(bandZh) 以内或更高即算，\(FigureText.format(edge))\(unit) 起）"
                : "（“左右”：差 \(bandZh) 以内或更低即算，至多 \(FigureText.format(edge))\(unit)；越低越好）"
        default: break
        }
        if let months {
            line += "; \(months) months in, prorated target \(FigureText.format(yardstick))\(unit)"
            zh += "；已过 \(months) 个月，按进度应达 \(FigureText.format(yardstick))\(unit)"
        }
        if chosen.observation.quantity.unit != unit, let written = r.actualAsWritten {
            line += "; reported as \(FigureText.withUnit(written.value, written.unit))"
            zh += "；原文为 \(FigureText.withUnit(written.value, written.unit))"
        }
        let margin = actual - yardstick
        switch r.status {
        case .met:
            line += ": met"
            zh += "：达成"
        case .missed:
            line += ": missed by \(FigureText.format(abs(margin)))\(g.kind == .level ? unit : " pp")"
            zh += "：未达成，差 \(FigureText.format(abs(margin)))\(g.kind == .level ? unit : "个百分点")"
        case .onTrack:
            line += ": on track (partial period \(chosen.observation.period))"
            zh += "：进度正常（部分期间 \(chosen.observation.period)）"
        case .behind:
            line += ": behind (partial period \(chosen.observation.period))"
            zh += "：进度落后（部分期间 \(chosen.observation.period)）"
        default: break
        }
        if chosen.isDerived {
            line += "; actual derived: \(chosen.provenance.text ?? "")"
            zh += "；实际值为推算：\(chosen.provenance.text ?? "")"
        }
        if chosen.observation.attributes["basis"] == "average", g.period.isFullYear {
            line += "; an annual target is checked against the annual average, since 全年 covers the whole year"
            zh += "；“全年”目标按全年平均值核查"
            if let ye = r.alternatives.first(where: { $0.observation.attributes["basis"] == "year-end" }),
                let v = ye.observation.quantity.value
            {
                line += " (the year-end figure, \(FigureText.withUnit(v, ye.observation.quantity.unit)), is not used)"
                zh += "（未采用年末数 \(FigureText.withUnit(v, ye.observation.quantity.unit))）"
            }
        } else if chosen.observation.attributes["basis"] == "year-end", g.period.isFullYear {
            line += "; only a year-end figure was available"
            zh += "；只有年末数"
        }
        return (line, zh)
    }

    /// A kind as Chinese text names it: 总量, 增速, 变化, 比率.
    static func kindZh(_ kind: FigureKind) -> String {
        switch kind {
        case .level: "总量"
        case .growth: "增速"
        case .change: "变化"
        case .share: "比率"
        }
    }

    /// The latest whole-year figure before the goal's year, converted to the goal's unit, and the
    /// change the target implies against it.
    func baseline(for g: Goal, unit: String, target: Decimal?, among candidates: [ObservationEntry]) -> Baseline? {
        guard let year = g.period.year else { return nil }
        let wanted: FigureKind = g.kind == .change ? .share : g.kind
        let before = candidates.filter { e in
            let o = e.observation
            guard let y = o.period.year, y < year, o.period.isFullYear, o.kind == wanted else { return false }
            return true
        }
        // The latest year; a stated figure before a masked or derived one; then the first given.
        let ranked = before.enumerated().sorted { a, b in
            let ka = (
                a.element.observation.period.year ?? 0, a.element.observation.redacted ? 0 : 1,
                a.element.isDerived ? 0 : 1, -a.offset
            )
            let kb = (
                b.element.observation.period.year ?? 0, b.element.observation.redacted ? 0 : 1,
                b.element.isDerived ? 0 : 1, -b.offset
            )
            return ka > kb
        }
        guard let chosen = ranked.first?.element else { return nil }
        let o = chosen.observation
        guard let raw = o.quantity.value, !o.redacted else {
            return Baseline(entry: chosen, value: nil, unit: o.quantity.unit)
        }
        let from = GoalChecker.effectiveUnit(o.quantity.unit, kind: o.kind)
        switch g.kind {
        case .change:
            guard let pct = catalog.units.convert(Units.decimal(raw), from: from, to: "%") else { return nil }
            let implied = target.map { Units.double(pct + $0) }
            return Baseline(entry: chosen, value: Units.double(pct), unit: "%", impliedLevel: implied)
        case .level:
            guard let v = catalog.units.convert(Units.decimal(raw), from: from, to: unit) else {
                return Baseline(entry: chosen, value: raw, unit: o.quantity.unit)
            }
            var change: Double?
            if let target, v != 0 { change = Units.double(Units.rounded((target / v - 1) * 100, places: 2)) }
            return Baseline(
                entry: chosen, value: Units.double(v), unit: g.quantity.unit, impliedChange: change,
                impliedChangeUnit: "%")
        case .growth, .share:
            guard let v = catalog.units.convert(Units.decimal(raw), from: from, to: unit) else {
                return Baseline(entry: chosen, value: raw, unit: o.quantity.unit)
            }
            let change = target.map { Units.double($0 - v) }
            return Baseline(
                entry: chosen, value: Units.double(v), unit: g.quantity.unit, impliedChange: change,
                impliedChangeUnit: "百分点")
        }
    }
}
