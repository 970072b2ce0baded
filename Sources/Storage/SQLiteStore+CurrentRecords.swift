import GRDB

/// How many records of a source are current, and from which run.
public struct CurrentRecords: Sendable, Equatable {
    public var runID: Int64
    public var records: Int

    public init(runID: Int64, records: Int) {
        self.runID = runID
        self.records = records
    }
}

extension SQLiteStore {
    /// The source's current records (those of the run its `source_state` points at); nil when it
    /// was never stored.
    public func currentRecordCount(pipeline: String, sourceID: String) throws -> CurrentRecords? {
        try queue.read { db in
            guard
                let runID = try Int64.fetchOne(
                    db, sql: "SELECT run_id FROM source_state WHERE pipeline = ? AND source_id = ?",
                    arguments: [pipeline, sourceID])
            else { return nil }
            var total = 0
            for table in ["observations", "goals"] {
                total +=
                    try Int.fetchOne(
                        db, sql: "SELECT COUNT(*) FROM \(table) WHERE pipeline = ? AND source_id = ? AND run_id = ?",
                        arguments: [pipeline, sourceID, runID]) ?? 0
            }
            return CurrentRecords(runID: runID, records: total)
        }
    }
}
