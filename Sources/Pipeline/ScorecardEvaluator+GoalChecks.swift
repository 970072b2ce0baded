import Foundation
import GoalCheck
import IndicatorKit
import Normalize
import Reports
import Storage

extension ScorecardEvaluator {
    /// Step 2: the pipeline's current goals (of `config.period`'s year, from `goals.sources`)
    /// checked against the current observations they can be checked against. Origins are as stored
    /// (absolute paths); `scorecard(for:store:runID:)` gives them as reports show them.
    public func checkGoals(_ config: PipelineConfig, runID: Int64?, store: any ResultStore) async throws -> Scorecard {
        let catalog = try catalog(for: config)
        let tolerance = try Tolerance.default.overriding(with: config.goals.tolerance)
        let periodYear = config.period.flatMap { Period(parsing: $0)?.year }
        var goals: [GoalEntry] = []
        var goalIDs: [Int64] = []
        // Records were normalized on insert (step 1): they are read as stored.
        for stored in try await store.currentGoals(pipeline: config.id, sources: config.goals.sources) {
            guard case .goal(let g) = stored.record else { continue }
            if let periodYear, g.period.year != periodYear { continue }
            goals.append(GoalEntry(goal: g, provenance: stored.provenance))
            goalIDs.append(stored.id)
        }
        // Only the observations these goals can be checked against (their indicators, or their subjects
        // when the catalog knows none), not every stored figure.
        let indicators = Set(goals.compactMap { $0.goal.indicator })
        let subjects = Set(goals.filter { $0.goal.indicator == nil }.map { $0.goal.subject })
        var observations: [ObservationEntry] = []
        for stored in try await store.currentObservations(
            pipeline: config.id, sources: nil,
            matching: RecordMatch(indicators: indicators.sorted(), subjects: subjects.sorted()))
        {
            if case .observation(let o) = stored.record {
                observations.append(ObservationEntry(observation: o, provenance: stored.provenance))
            }
        }
        let results = GoalChecker(catalog: catalog, tolerance: tolerance).check(goals, against: observations)
        var unmatched: [String] = []
        for g in goals where g.goal.indicator == nil && !unmatched.contains(g.goal.subject) {
            unmatched.append(g.goal.subject)
        }
        let language =
            config.report.language.flatMap(ReportLanguage.init(rawValue:))
            ?? ReportLanguage.detect(title: config.title, subjects: goals.map(\.goal.subject))
        var notes: [String] = []
        if goals.isEmpty {
            let sources = config.goals.sources?.joined(separator: ", ")
            notes.append(
                language == .zh
                    ? "存储的数据中没有 \(config.period ?? "该期间") 的目标" + (sources.map { "（来源：\($0)）" } ?? "") + "。"
                    : "No goals for \(config.period ?? "the period") in the stored data"
                        + (sources.map { " of \($0)" } ?? "") + ".")
        }
        var scorecard = Scorecard(
            title: config.title ?? config.id, pipeline: config.id, region: config.region,
            period: config.period ?? "", runID: runID, results: results, unmatchedSubjects: unmatched, notes: notes,
            language: language)
        scorecard.goalIDs = goalIDs
        scorecard.sourceWarnings = try await SourceWarnings.lines(for: config, store: store)
        return scorecard
    }
}
