import Foundation
import GRDB
import IndicatorKit
import Storage
import Testing

/// A status code written straight into the SQLite file (a newer build, a hand edit) is refused on
/// read, naming the table, the row and the code, rather than passed on as a status nothing expects.
@Suite struct StoredStatusTests {
    @Test(arguments: [
        ("runs", "finsihed", "runs row 1"),
        ("run_sources", "stord", "run_sources row run 1, source 's'"),
        ("fetches", "fetchd", "fetches row 1"),
        ("checks", "met-ish", "checks row 1"),
    ])
    func anUnknownStatusWrittenWithSQLIsAnError(table: String, code: String, row: String) async throws {
        let dir = NSTemporaryDirectory() + "yardstick-status-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/db.sqlite"
        let store = try SQLiteStore(path: path)
        let run = try store.beginRun(pipeline: "p", file: "/p.yaml", host: "h", pid: 1, fullRefresh: false)
        #expect(run == 1)
        let info = SourceWriteInfo(
            runID: run, pipeline: "p", sourceID: "s", adapter: "test", origin: "/tmp/x", sha256: "abc",
            optionsHash: "h")
        _ = try await store.writeSource(info) { sink in
            try sink.emit(
                .goal(
                    Goal(
                        subject: "生产总值", kind: .growth, comparator: .about, quantity: Quantity(value: 9.5, unit: "%"),
                        period: Period(year: 2022))))
        }
        let goal = try #require(try store.currentGoals(pipeline: "p", sources: nil).first?.id)
        try store.recordSource(
            runID: run, RunSourceRecord(sourceID: "s", adapter: "test", origin: "o", status: "stored"))
        try store.recordFetch(
            runID: run, FetchRecord(sourceID: "s", origin: "o", sha256: "abc", bytes: 1, status: "fetched"))
        try store.saveChecks(
            runID: run, pipeline: "p",
            [
                StoredCheck(
                    goalID: goal, subject: "生产总值", indicator: nil, status: "met", target: 9.5, actual: 10,
                    unit: "%", margin: 0.5, attainment: 1.05)
            ])
        try store.finishRun(id: run, status: "succeeded", records: 1, summary: nil)

        let raw = try DatabaseQueue(path: path)
        try await raw.write { db in
            try db.execute(
                sql: "UPDATE \(table) SET status = ? WHERE \(table == "runs" ? "id" : "run_id") = ?",
                arguments: [code, run])
        }
        let error = try #require(throws: StoreError.self) {
            switch table {
            case "runs": _ = try store.runs(pipeline: "p", limit: 5)
            case "run_sources": _ = try store.runSources(runID: run)
            case "fetches": _ = try store.fetches(runID: run)
            default: _ = try store.checks(runID: run)
            }
        }
        #expect(error.code == .unknownStoredValue)
        #expect(error.message.hasPrefix(path + ": \(row): unknown status code '\(code)'"), "\(error.message)")
    }
}
