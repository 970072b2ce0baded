import Foundation
import IndicatorKit

extension CheckResult {
    /// The whole result as one JSON object, stored in the store's `checks.detail`; `init(detail:catalog:)`
    /// reads it back. Reports of a stored run do not read it: they check the stored goals again.
    ///
    /// Goal and observation records are kept as record-protocol lines; the format is versioned
    /// with `"schema": "yardstick.check/1"`.
    public func detailJSON() -> String {
        let wire = CheckDetail(
            schema: CheckDetail.currentSchema, goal: SourceRecord.goal(goal.goal).jsonLine(),
            goalProvenance: goal.provenance,
            tolerance: goal.tolerance, status: status.rawValue, unit: unit, target: target, targetUpper: targetUpper,
            expectedToDate: expectedToDate, actual: actual,
            actualAsWritten: actualAsWritten.map(CheckDetail.Figure.init),
            margin: margin, attainment: attainment, explanation: explanation, explanationZh: explanationZh,
            observation: observation.map(CheckDetail.Entry.init),
            alternatives: alternatives.map(CheckDetail.Entry.init),
            baseline: baseline.map(CheckDetail.BaselineWire.init))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and Provenance cannot fail.
        guard let data = try? encoder.encode(wire) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads a result written by `detailJSON()`; the indicator is looked up again in `catalog`.
    /// Throws `GoalCheckError(.invalidDetail)` naming what is wrong.
    public init(detail: String, catalog: Catalog) throws {
        let wire: CheckDetail
        do {
            wire = try JSONDecoder().decode(CheckDetail.self, from: Data(detail.utf8))
        } catch {
            throw GoalCheckError(
                .invalidDetail,
                "a stored check is not valid JSON of schema \(CheckDetail.currentSchema) (\(error)); re-run the pipeline to store it again"
            )
        }
        guard wire.schema == CheckDetail.currentSchema else {
            throw GoalCheckError(
                .invalidDetail,
                "a stored check has schema '\(wire.schema)'; this version reads \(CheckDetail.currentSchema)")
        }
        guard let g = try SourceRecord(jsonLine: wire.goal).goal else {
            throw GoalCheckError(.invalidDetail, "a stored check's goal is not a goal record")
        }
        self.init(
            goal: GoalEntry(goal: g, provenance: wire.goalProvenance, tolerance: wire.tolerance),
            indicator: g.indicator.flatMap { catalog.indicator(code: $0) }, status: CheckStatus(rawValue: wire.status),
            unit: wire.unit, target: wire.target, targetUpper: wire.targetUpper, expectedToDate: wire.expectedToDate,
            actual: wire.actual, actualAsWritten: wire.actualAsWritten.map { Quantity(value: $0.value, unit: $0.unit) },
            margin: wire.margin, attainment: wire.attainment, observation: try wire.observation?.entry(),
            alternatives: try wire.alternatives.map { try $0.entry() }, baseline: try wire.baseline?.baseline(),
            explanation: wire.explanation, explanationZh: wire.explanationZh)
    }
}

/// The stored form of a `CheckResult`.
struct CheckDetail: Codable {
    static let currentSchema = "yardstick.check/1"

    struct Figure: Codable {
        var value: Double?
        var unit: String
        init(_ q: Quantity) {
            value = q.value
            unit = q.unit
        }
    }

    struct Entry: Codable {
        var record: String
        var provenance: Provenance
        var derivedFrom: [Provenance]

        init(_ e: ObservationEntry) {
            record = SourceRecord.observation(e.observation).jsonLine()
            provenance = e.provenance
            derivedFrom = e.derivedFrom
        }

        func entry() throws -> ObservationEntry {
            guard let o = try SourceRecord(jsonLine: record).observation else {
                throw GoalCheckError(.invalidDetail, "a stored check's observation is not an observation record")
            }
            return ObservationEntry(observation: o, provenance: provenance, derivedFrom: derivedFrom)
        }
    }

    struct BaselineWire: Codable {
        var entry: Entry
        var value: Double?
        var unit: String
        var impliedChange: Double?
        var impliedChangeUnit: String?
        var impliedLevel: Double?

        init(_ b: Baseline) {
            entry = Entry(b.entry)
            value = b.value
            unit = b.unit
            impliedChange = b.impliedChange
            impliedChangeUnit = b.impliedChangeUnit
            impliedLevel = b.impliedLevel
        }

        func baseline() throws -> Baseline {
            Baseline(
                entry: try entry.entry(), value: value, unit: unit, impliedChange: impliedChange,
                impliedChangeUnit: impliedChangeUnit, impliedLevel: impliedLevel)
        }
    }

    var schema: String
    var goal: String
    var goalProvenance: Provenance
    var tolerance: Double?
    var status: String
    var unit: String
    var target: Double?
    var targetUpper: Double?
    var expectedToDate: Double?
    var actual: Double?
    var actualAsWritten: Figure?
    var margin: Double?
    var attainment: Double?
    var explanation: String
    /// Added within version 1: absent in checks stored before it.
    var explanationZh: String?
    var observation: Entry?
    var alternatives: [Entry]
    var baseline: BaselineWire?
}
