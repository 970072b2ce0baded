import GoalCheck
import Reports
import Storage

extension ScorecardEvaluator {
    /// Step 3: stores the scorecard's checks under run `runID`, one per goal row it checked.
    public func saveChecks(_ scorecard: Scorecard, runID: Int64, pipeline: String, store: any ResultStore)
        async throws
    {
        try await store.saveChecks(
            runID: runID, pipeline: pipeline,
            zip(scorecard.goalIDs, scorecard.results).map { id, r in
                StoredCheck(
                    goalID: id, subject: r.goal.goal.subject, indicator: r.indicator?.code, status: r.status.rawValue,
                    target: r.target, actual: r.actual, unit: r.unit, margin: r.margin, attainment: r.attainment)
            })
    }
}
