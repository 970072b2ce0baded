import GoalCheck
import IndicatorKit

extension JSONRenderer {
    /// The keys a panel scorecard adds (docs/scorecard-schema.md, "Panels"): `years`, `sections`
    /// (the result indices of each year and plan span) and `indicators` (each indicator of each
    /// region across the years).
    func panelFields(_ s: Scorecard) -> [(String, JSONValue)] {
        let sections = s.panelSections.map { section -> JSONValue in
            .object([
                ("period", .string(section.period)),
                ("plan", .bool(section.isPlan)),
                ("results", .array(section.indices.map { .int($0) })),
            ])
        }
        let indicators = s.indicatorSeries.map { series -> JSONValue in
            .object([
                ("indicator", .string(series.key.hasPrefix("s:") ? nil : series.key)),
                ("name", .string(series.name)),
                ("region", .string(series.region)),
                ("kind", .string(series.kind.rawValue)),
                ("unit", .string(series.unit)),
                (
                    "years",
                    .array(
                        series.cells.map { cell -> JSONValue in
                            let r = s.results[cell.index]
                            return .object([
                                ("year", .int(cell.year)),
                                ("status", .string(r.status.rawValue)),
                                ("comparator", .string(r.goal.goal.comparator.rawValue)),
                                ("target", .number(r.target)),
                                ("targetUpper", .number(r.targetUpper)),
                                ("actual", .number(r.actual)),
                                ("margin", .number(r.margin)),
                                ("result", .int(cell.index)),
                            ])
                        })
                ),
            ])
        }
        return [
            ("years", .array((s.years ?? []).map { .int($0) })),
            ("sections", .array(sections)),
            ("indicators", .array(indicators)),
        ]
    }

    /// A plan goal's path: the numbers behind its on_track / behind.
    static func plan(_ p: PlanProgress) -> JSONValue {
        .object([
            ("kind", .string(p.kind.rawValue)),
            ("startYear", .int(p.startYear)),
            ("endYear", .int(p.endYear)),
            ("baseYear", .int(p.baseYear)),
            ("baseValue", .number(p.baseValue)),
            ("latestYear", .int(p.latestYear)),
            ("elapsedYears", .int(p.elapsedYears)),
            ("totalYears", .int(p.totalYears)),
            ("requiredAnnual", .number(p.required)),
            ("achievedAnnual", .number(p.achieved)),
            ("ratio", .number(p.ratio)),
            ("years", .array(p.years.map { .int($0) })),
        ])
    }
}
