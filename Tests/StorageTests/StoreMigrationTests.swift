import Foundation
import GRDB
@testable import Storage
import Testing

@Suite struct StoreMigrationTests {
    /// A store file made before `v4-seam-drop-check-detail` loses `checks.detail` and keeps its checks.
    @Test func checkDetailIsDroppedFromAnOlderFile() throws {
        let dir = NSTemporaryDirectory() + "yardstick-migration-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/old.sqlite"
        do {
            let old = try DatabaseQueue(path: path)
            try SQLiteStore.migrator.migrate(old, upTo: "v3-robust-lock-process-start")
            try old.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO runs (id, pipeline, pipeline_file, started_at, status, host, pid) VALUES (1, 'p', 'f', 0, 'succeeded', 'h', 1);
                        INSERT INTO goals (id, run_id, pipeline, source_id, subject, kind, comparator, unit, period, redacted, origin)
                            VALUES (1, 1, 'p', 's', '生产总值', 'growth', '~', '%', '2022', 0, 'o');
                        INSERT INTO checks (run_id, pipeline, goal_id, subject, status, detail) VALUES (1, 'p', 1, '生产总值', 'met', '{}');
                        """)
            }
        }
        #expect(try SQLiteStore.schema(atPath: path).pending == ["v4-seam-drop-check-detail"])
        let store = try SQLiteStore(path: path)
        #expect(try SQLiteStore.schema(atPath: path).version == "v4-seam-drop-check-detail")
        let columns = try store.queue.read { db in try db.columns(in: "checks").map(\.name) }
        #expect(!columns.contains("detail"), "\(columns)")
        #expect(try store.checks(runID: 1).map(\.status) == ["met"])
    }
}
