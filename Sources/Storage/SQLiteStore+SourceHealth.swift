import Foundation
import GRDB

/// Whether a source's current data is up to date: the run that last read it, and the failures since.
public struct SourceHealth: Sendable, Equatable {
    public var sourceID: String
    /// The run whose rows are the source's current data, and when it started (nil: never stored).
    public var dataRun: (id: Int64, startedAt: Date)?
    /// The runs since the last good read (stored or unchanged) in which the source failed, oldest first.
    public var failures: [(runID: Int64, startedAt: Date, error: String?)]

    public init(
        sourceID: String, dataRun: (id: Int64, startedAt: Date)?,
        failures: [(runID: Int64, startedAt: Date, error: String?)]
    ) {
        self.sourceID = sourceID
        self.dataRun = dataRun
        self.failures = failures
    }

    /// True when the latest attempt to read the source failed.
    public var isFailing: Bool { !failures.isEmpty }

    public static func == (a: SourceHealth, b: SourceHealth) -> Bool {
        a.sourceID == b.sourceID && a.dataRun?.id == b.dataRun?.id && a.failures.map(\.runID) == b.failures.map(\.runID)
    }
}

extension SQLiteStore {
    /// The health of one source of `pipeline`, from the runs' per-source outcomes and `source_state`.
    public func sourceHealth(pipeline: String, sourceID: String) throws -> SourceHealth {
        try queue.read { db in
            let dataRow = try Row.fetchOne(
                db,
                sql: """
                    SELECT s.run_id, r.started_at FROM source_state s JOIN runs r ON r.id = s.run_id
                    WHERE s.pipeline = ? AND s.source_id = ?
                    """, arguments: [pipeline, sourceID])
            let lastGood =
                try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT MAX(rs.run_id) FROM run_sources rs JOIN runs r ON r.id = rs.run_id
                        WHERE r.pipeline = ? AND rs.source_id = ? AND rs.status IN ('stored', 'unchanged')
                        """, arguments: [pipeline, sourceID]) ?? 0
            let failures = try Row.fetchAll(
                db,
                sql: """
                    SELECT rs.run_id, r.started_at, rs.error FROM run_sources rs JOIN runs r ON r.id = rs.run_id
                    WHERE r.pipeline = ? AND rs.source_id = ? AND rs.status = 'failed' AND rs.run_id > ?
                    ORDER BY rs.run_id
                    """, arguments: [pipeline, sourceID, lastGood]
            ).map { row -> (runID: Int64, startedAt: Date, error: String?) in
                (row["run_id"], Date(timeIntervalSince1970: row["started_at"]), row["error"])
            }
            return SourceHealth(
                sourceID: sourceID,
                dataRun: dataRow.map { ($0["run_id"], Date(timeIntervalSince1970: $0["started_at"])) },
                failures: failures)
        }
    }
}
