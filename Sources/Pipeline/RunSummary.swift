import Storage

/// What a run did, for the command line and tests.
public struct RunSummary: Sendable {
    public var runID: Int64
    public var pipeline: String
    /// succeeded, partial, failed, stopped.
    public var status: String
    public var sources: [RunSourceRecord]
    /// A lock taken over from a stale holder, if any.
    public var tookOverLockFrom: LockHolder?
    /// Goal-status counts, when goals were checked.
    public var statusCounts: [String: Int]
    /// Subjects no catalog entry matched.
    public var unmatchedSubjects: [String]
    /// Report files written.
    public var reportFiles: [String]
    /// The rendered terminal table, when asked for.
    public var table: String?
    /// The scorecard as JSON, when checks ran.
    public var scorecardJSON: String?
    /// Why goal checks or reports failed after the sources, when they did.
    public var evaluationError: String?
    /// The run whose checks and reports still hold, when this run skipped them (nothing changed).
    public var checksUnchangedSince: Int64?

    public var failedSources: [RunSourceRecord] { sources.filter { $0.status == "failed" } }
    public var records: Int { sources.reduce(0) { $0 + $1.records } }
}
