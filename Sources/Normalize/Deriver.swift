import Foundation
import IndicatorKit

/// Computes figures a source implies but does not state.
///
/// - A change in percentage points from two consecutive yearly `share` figures (城镇化率 2021 and
///   2022 → 2022's change).
/// - A growth rate in % from two consecutive yearly `level` figures (粮食产量 2021 and 2022 → 2022's
///   growth).
///
/// Figures are grouped by indicator (or, when unmatched, by folded subject), region and basis; a
/// figure is derived only where its group has none of that kind for that year already, and only
/// from whole-year, unmasked inputs in units that convert. Each derived entry carries both inputs'
/// provenances in `derivedFrom`, earlier year first.
public enum Deriver {
    /// The derived entries (the inputs are not repeated); `units` converts the inputs (a catalog's
    /// `units`, so units a pipeline adds derive too).
    public static func derive(_ observations: [ObservationEntry], units: UnitTable = .shipped) -> [ObservationEntry] {
        struct GroupKey: Hashable {
            var subject: String
            var region: String
            var basis: String
        }
        var groups: [GroupKey: [ObservationEntry]] = [:]
        var order: [GroupKey] = []
        for e in observations {
            let o = e.observation
            let key = GroupKey(
                subject: o.indicator ?? "subject:" + SubjectKey(o.subject, region: o.region).key,
                region: o.region ?? "",
                basis: o.attributes["basis"] ?? "")
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(e)
        }
        var out: [ObservationEntry] = []
        for key in order {
            let entries = groups[key]!
            out += derivePairs(entries, from: .share, to: .change, units: units)
            out += derivePairs(entries, from: .level, to: .growth, units: units)
        }
        return out
    }

    private static func derivePairs(
        _ entries: [ObservationEntry], from input: FigureKind, to output: FigureKind, units: UnitTable
    ) -> [ObservationEntry] {
        var byYear: [Int: ObservationEntry] = [:]
        var stated: Set<Int> = []
        for e in entries {
            let o = e.observation
            guard let year = o.period.year, o.period.isFullYear else { continue }
            if o.kind == output { stated.insert(year) }
            guard o.kind == input, !o.redacted, o.quantity.value != nil else { continue }
            if let prior = byYear[year], !prior.isDerived { continue }
            byYear[year] = e
        }
        var out: [ObservationEntry] = []
        for year in byYear.keys.sorted() where !stated.contains(year) {
            guard let earlier = byYear[year - 1], let later = byYear[year] else { continue }
            if let derived = derive(earlier, later, to: output, year: year, units: units) { out.append(derived) }
        }
        return out
    }

    private static func derive(
        _ a: ObservationEntry, _ b: ObservationEntry, to kind: FigureKind, year: Int, units: UnitTable
    ) -> ObservationEntry? {
        guard let va = a.observation.quantity.value, let vb = b.observation.quantity.value else { return nil }
        let value: Decimal
        let unit: String
        let text: String
        let ua = a.observation.quantity.unit
        let ub = b.observation.quantity.unit
        switch kind {
        case .change:
            guard let pa = units.convert(Units.decimal(va), from: ua.isEmpty ? "%" : ua, to: "%"),
                let pb = units.convert(Units.decimal(vb), from: ub.isEmpty ? "%" : ub, to: "%")
            else { return nil }
            value = pb - pa
            unit = "百分点"
            text = "\(year) \(pb)% − \(year - 1) \(pa)% = \(value) 百分点"
        default:
            guard let pa = units.convert(Units.decimal(va), from: ua, to: ub), pa != 0 else { return nil }
            let pb = Units.decimal(vb)
            value = Units.rounded((pb / pa - 1) * 100, places: 4)
            unit = "%"
            text = "\(year) \(pb)\(ub) ÷ \(year - 1) \(pa)\(ub) − 1 = \(value)%"
        }
        var attributes = ["derived": kind.rawValue]
        if let basis = b.observation.attributes["basis"] { attributes["basis"] = basis }
        let observation = Observation(
            subject: b.observation.subject, indicator: b.observation.indicator, kind: kind,
            quantity: Quantity(value: Units.double(value), unit: unit), period: Period(year: year),
            region: b.observation.region ?? a.observation.region, text: text, attributes: attributes)
        let provenance = Provenance(
            sourceID: "derived", origin: "\(a.provenance.sourceID) + \(b.provenance.sourceID)", sha256: nil,
            location: SourceLocation(), text: text)
        return ObservationEntry(
            observation: observation, provenance: provenance, derivedFrom: [a.provenance, b.provenance])
    }
}
