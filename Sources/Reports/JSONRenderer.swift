import GoalCheck
import IndicatorKit

/// The scorecard as JSON, schema `yardstick.scorecard/1` (docs/scorecard-schema.md).
///
/// Every key is always present (`null` when empty), so consumers can rely on the shape; a new
/// version of the schema is announced by a new `schema` value.
public struct JSONRenderer: ScorecardRenderer {
    /// The schema identifier written in every document.
    public static let schema = "yardstick.scorecard/1"

    public init() {}

    public func render(_ scorecard: Scorecard) -> String {
        var out = ""
        document(scorecard).write(to: &out, indent: 0)
        return out + "\n"
    }

    func document(_ s: Scorecard) -> JSONValue {
        var summary: [(String, JSONValue)] = CheckStatus.all.map { st in
            (st.rawValue, .number(Double(s.results.filter { $0.status == st }.count)))
        }
        summary.append(("total", .number(Double(s.results.count))))
        let fields: [(String, JSONValue)] = [
            ("schema", .string(JSONRenderer.schema)),
            ("title", .string(s.title)),
            ("pipeline", .string(s.pipeline)),
            ("region", .string(s.region)),
            ("period", .string(s.period)),
            ("generatedAt", .string(s.generatedAtText)),
            ("runID", s.runID.map { .number(Double($0)) } ?? .null),
            ("summary", .object(summary)),
            ("noDataNotice", .string(s.noDataNotice)),
            ("results", .array(zip(s.results, s.goalNames).map { result($0, label: $1, labels: s.labels) })),
            ("unmatchedSubjects", .array(s.unmatchedSubjects.map { .string($0) })),
            ("notes", .array((s.sourceWarnings + s.notes).map { .string($0) })),
            ("language", .string(s.language.rawValue)),
        ]
        // A panel (several years) adds its years, sections and indicators; a single-period
        // document keeps exactly the keys it always had.
        return .object(s.isPanel ? fields + panelFields(s) : fields)
    }

    func result(_ r: CheckResult, label: String, labels: ReportLabels) -> JSONValue {
        let g = r.goal.goal
        let fields: [(String, JSONValue)] = [
            ("status", .string(r.status.rawValue)),
            ("indicator", .string(g.indicator)),
            ("name", .string(r.displayName)),
            ("subject", .string(g.subject)),
            ("area", .string(r.area)),
            ("better", .string(r.indicator?.better.rawValue)),
            ("kind", .string(g.kind.rawValue)),
            ("comparator", .string(g.comparator.rawValue)),
            ("period", .string(g.period.rawValue)),
            ("region", .string(g.region)),
            ("unit", .string(r.unit)),
            ("target", .number(r.target)),
            ("targetUpper", .number(r.targetUpper)),
            ("expectedToDate", .number(r.expectedToDate)),
            ("actual", .number(r.actual)),
            (
                "actualAsWritten",
                r.actualAsWritten.map { .object([("value", .number($0.value)), ("unit", .string($0.unit))]) } ?? .null
            ),
            ("margin", .number(r.margin)),
            ("attainment", .number(r.attainment)),
            ("explanation", .string(r.explanation)),
            ("goal", .object([("text", .string(g.text)), ("provenance", JSONRenderer.provenance(r.goal.provenance))])),
            ("observation", r.observation.map(JSONRenderer.observation) ?? .null),
            ("alternatives", .array(r.alternatives.map(JSONRenderer.observation))),
            ("baseline", r.baseline.map(baseline) ?? .null),
            ("statusLabel", .string(labels.status(r.status))),
            ("explanationZh", .string(r.explanationZh)),
            ("label", .string(label)),
        ]
        return .object(r.plan.map { fields + [("plan", JSONRenderer.plan($0))] } ?? fields)
    }

    static func observation(_ e: ObservationEntry) -> JSONValue {
        let o = e.observation
        return .object([
            ("subject", .string(o.subject)),
            ("indicator", .string(o.indicator)),
            ("kind", .string(o.kind.rawValue)),
            ("period", .string(o.period.rawValue)),
            ("region", .string(o.region)),
            ("value", .number(o.quantity.value)),
            ("unit", .string(o.quantity.unit)),
            ("redacted", .bool(o.redacted)),
            ("basis", .string(o.attributes["basis"])),
            ("text", .string(o.text)),
            ("provenance", provenance(e.provenance)),
            ("derivedFrom", .array(e.derivedFrom.map(provenance))),
        ])
    }

    func baseline(_ b: Baseline) -> JSONValue {
        .object([
            ("period", .string(b.entry.observation.period.rawValue)),
            ("value", .number(b.value)),
            ("unit", .string(b.unit)),
            ("impliedChange", .number(b.impliedChange)),
            ("impliedChangeUnit", .string(b.impliedChangeUnit)),
            ("impliedLevel", .number(b.impliedLevel)),
            ("observation", JSONRenderer.observation(b.entry)),
        ])
    }

    static func provenance(_ p: Provenance) -> JSONValue {
        .object([
            ("sourceID", .string(p.sourceID)),
            ("origin", .string(p.origin)),
            ("sha256", .string(p.sha256)),
            ("line", .int(p.line)),
            ("column", .int(p.column)),
            ("path", .string(p.path)),
            ("row", .int(p.row)),
            ("pointer", .string(p.pointer)),
            ("page", .int(p.page)),
            ("cell", .int(p.cell)),
            ("text", .string(p.text)),
        ])
    }
}
