import IndicatorKit
import Storage

/// What runs after a pipeline's sources are stored: normalization of records on the way in, goal
/// checks and reports at the end.
public protocol RunEvaluator: Sendable {
    /// A transform applied to every record before it is stored (e.g. setting `indicator`).
    func recordTransform(for config: PipelineConfig) -> @Sendable (SourceRecord) -> SourceRecord
    /// A hash of what `recordTransform` depends on (the catalog's content): when it changes, sources
    /// are read again even if their input did not. Throws when that cannot be loaded (a bad catalog).
    func normalizationHash(for config: PipelineConfig) throws -> String
    /// Checks goals against the pipeline's current data, stores the checks and writes reports.
    func evaluate(_ config: PipelineConfig, runID: Int64, store: SQLiteStore, options: RunOptions, summary: inout RunSummary)
        async throws
}
