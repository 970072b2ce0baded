import Foundation
import GoalCheck
import IndicatorKit

/// Builders for hand-made goal and observation entries.
enum Entries {
    static func provenance(_ source: String, line: Int, text: String) -> Provenance {
        Provenance(
            sourceID: source, origin: "seeds/\(source).txt", sha256: nil,
            location: SourceLocation(line: line, column: 1), text: text)
    }

    static func goal(
        _ subject: String, indicator: String? = nil, _ kind: FigureKind, _ comparator: TargetComparator,
        _ value: Double?,
        _ unit: String,
        upper: Double? = nil, period: String = "2022", region: String? = nil, redacted: Bool = false,
        tolerance: Double? = nil,
        text: String? = nil, line: Int = 1
    ) -> GoalEntry {
        let t = text ?? "\(subject)\(value.map { "\($0)" } ?? "XX")\(unit)"
        return GoalEntry(
            goal: Goal(
                subject: subject, indicator: indicator, kind: kind, comparator: comparator,
                quantity: Quantity(value: value, upper: upper, unit: unit), period: Period(unchecked: period),
                region: region, redacted: redacted, text: t, location: SourceLocation(line: line, column: 1)),
            provenance: provenance("report", line: line, text: t), tolerance: tolerance)
    }

    static func observation(
        _ subject: String, indicator: String? = nil, _ kind: FigureKind, _ value: Double?, _ unit: String,
        period: String = "2022",
        region: String? = nil, redacted: Bool = false, basis: String? = nil, text: String? = nil,
        source: String = "bulletin",
        line: Int = 1
    ) -> ObservationEntry {
        let t = text ?? "\(subject)\(value.map { "\($0)" } ?? "XX")\(unit)"
        var attributes: [String: String] = [:]
        if let basis { attributes["basis"] = basis }
        return ObservationEntry(
            observation: Observation(
                subject: subject, indicator: indicator, kind: kind, quantity: Quantity(value: value, unit: unit),
                period: Period(unchecked: period), region: region, redacted: redacted, text: t,
                location: SourceLocation(line: line, column: 1), attributes: attributes),
            provenance: provenance(source, line: line, text: t))
    }

    /// Sets indicators the way the pipeline does, through the normalizer.
    static func normalized(_ goals: [GoalEntry], _ catalog: Catalog) -> [GoalEntry] {
        each(goals, through: Normalizer(catalog: catalog)) { e, n in e.goal = n.normalize(.goal(e.goal)).goal! }
    }

    static func normalized(_ observations: [ObservationEntry], _ catalog: Catalog) -> [ObservationEntry] {
        each(observations, through: Normalizer(catalog: catalog)) { e, n in
            e.observation = n.normalize(.observation(e.observation)).observation!
        }
    }

    /// `entries`, each changed by `set` with `normalizer`.
    static func each<Entry>(
        _ entries: [Entry], through normalizer: Normalizer, _ set: (inout Entry, Normalizer) -> Void
    ) -> [Entry] {
        entries.map {
            var e = $0
            set(&e, normalizer)
            return e
        }
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func shippedCatalog() throws -> Catalog {
        try Catalog.load(contentsOf: [root.appendingPathComponent("catalog/indicators.yaml").path])
    }

    /// Two indicators, one where more is better and one where less is.
    static let directions: Catalog = {
        do {
            return try Catalog(indicators: [
                Indicator(
                    code: "up", nameHans: "上", nameHant: "上", nameEnglish: "Up", unit: "%", kind: .growth,
                    better: .higher, area: "经济"),
                Indicator(
                    code: "down", nameHans: "下", nameHant: "下", nameEnglish: "Down", unit: "%", kind: .growth,
                    better: .lower, area: "民生"),
            ])
        } catch {
            preconditionFailure("test catalog: \(error)")
        }
    }()
}
