import IndicatorKit
import Reports
import Storage

/// The steps around a pipeline's sources, which the runner calls in this order: normalization of
/// records on the way in, then after the sources goal checks, saving the checks and writing reports.
public protocol RunEvaluator: Sendable {
    /// Normalize on insert: a transform applied to every record before it is stored (e.g. setting
    /// `indicator`). Stored records are read back as they are.
    func recordTransform(for config: PipelineConfig) -> @Sendable (SourceRecord) -> SourceRecord
    /// A hash of what `recordTransform` depends on (the catalog's content): when it changes, sources
    /// are read again even if their input did not. Throws when that cannot be loaded (a bad catalog).
    func normalizationHash(for config: PipelineConfig) throws -> String
    /// Checks the pipeline's current goals against its current observations.
    func checkGoals(_ config: PipelineConfig, runID: Int64?, store: any ResultStore) async throws -> Scorecard
    /// Stores the checks of `scorecard` under run `runID`.
    func saveChecks(_ scorecard: Scorecard, runID: Int64, pipeline: String, store: any ResultStore) async throws
    /// Renders the scorecard into `summary` and writes the pipeline's report files.
    func writeReports(
        _ scorecard: Scorecard, for config: PipelineConfig, options: RunOptions, summary: inout RunSummary)
        throws
}
