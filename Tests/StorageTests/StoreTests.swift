import Foundation
import IndicatorKit
import Storage
import Testing

@Suite struct StoreTests {
    func tempStore() throws -> (SQLiteStore, String) {
        let dir = NSTemporaryDirectory() + "yardstick-store-" + UUID().uuidString
        let store = try SQLiteStore(path: dir + "/nested/db.sqlite")
        return (store, dir)
    }

    func info(_ runID: Int64, source: String = "s", sha: String = "abc") -> SourceWriteInfo {
        SourceWriteInfo(
            runID: runID, pipeline: "p", sourceID: source, adapter: "test", origin: "/tmp/x", sha256: sha,
            optionsHash: "h")
    }

    func observation(_ subject: String, _ value: Double) -> SourceRecord {
        .observation(
            Observation(
                subject: subject, kind: .level, quantity: Quantity(value: value, unit: "个"), period: Period(year: 2021),
                text: "\(subject)\(value)", location: SourceLocation(line: 1, column: 2),
                attributes: ["OBS_STATUS": "A"]))
    }

    @Test func aSourceCommitsWithItsState() async throws {
        let (store, dir) = try tempStore()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try store.beginRun(pipeline: "p", file: "/p.yaml", host: "h", pid: 1, fullRefresh: false)
        let counts = try await store.writeSource(info(run)) { sink in
            for i in 0..<1500 { try sink.emit(observation("x\(i)", Double(i))) }
        }
        #expect(counts.observations == 1500)
        #expect(try store.count("observations", runID: run) == 1500)
        let state = try #require(try store.sourceState(pipeline: "p", sourceID: "s"))
        #expect(state.runID == run)
        #expect(state.sha256 == "abc")
        let current = try store.currentRecords(pipeline: "p")
        #expect(current.count == 1500)
        #expect(current[7].record.attributes == ["OBS_STATUS": "A"])
        #expect(current[7].provenance.column == 2)
    }

    @Test func aFailingSourceRollsBackEverythingItWrote() async throws {
        let (store, dir) = try tempStore()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run1 = try store.beginRun(pipeline: "p", file: "/p.yaml", host: "h", pid: 1, fullRefresh: false)
        _ = try await store.writeSource(info(run1)) { sink in try sink.emit(observation("old", 1)) }
        let run2 = try store.beginRun(pipeline: "p", file: "/p.yaml", host: "h", pid: 1, fullRefresh: false)
        await #expect(throws: AdapterError.self) {
            _ = try await store.writeSource(info(run2, sha: "new")) { sink in
                for i in 0..<2000 { try sink.emit(observation("new\(i)", Double(i))) }
                throw AdapterError(.malformedInput, "broken at the end")
            }
        }
        #expect(try store.count("observations", runID: run2) == 0)
        #expect(try store.sourceState(pipeline: "p", sourceID: "s")?.sha256 == "abc")
        #expect(try store.currentRecords(pipeline: "p").map(\.record.subject) == ["old"])
        // The store still works after a rollback.
        _ = try await store.writeSource(info(run2, sha: "new")) { sink in try sink.emit(observation("fixed", 2)) }
        #expect(try store.currentRecords(pipeline: "p").map(\.record.subject) == ["fixed"])
    }

    @Test func theLockNamesItsHolderAndIsTakenOverWhenStale() throws {
        let (store, dir) = try tempStore()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let alive: @Sendable (Int) -> Bool = { _ in true }
        #expect(try store.acquireLock(pipeline: "p", host: "h1", pid: 10, staleAfter: 120, isAlive: alive) == nil)
        do {
            _ = try store.acquireLock(pipeline: "p", host: "h2", pid: 20, staleAfter: 120, isAlive: alive)
            Issue.record("a second holder got the lock")
        } catch let error as StoreError {
            #expect(error.code == .lockHeld)
            #expect(error.message.contains("pid 10 on h1"))
        }
        // With a zero stale limit the heartbeat is stale at once: taken over, previous holder returned.
        Thread.sleep(forTimeInterval: 0.01)
        let previous = try store.acquireLock(pipeline: "p", host: "h2", pid: 20, staleAfter: 0, isAlive: alive)
        #expect(previous?.pid == 10)
        #expect(try store.lockHolder(pipeline: "p")?.pid == 20)
        try store.releaseLock(pipeline: "p", host: "h2", pid: 20)
        #expect(try store.lockHolder(pipeline: "p") == nil)
    }

    @Test func aDeadHolderOnThisHostIsTakenOverAtOnce() throws {
        let (store, dir) = try tempStore()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try store.acquireLock(pipeline: "p", host: "h", pid: 999_999, staleAfter: 120, isAlive: { _ in true })
        let previous = try store.acquireLock(
            pipeline: "p", host: "h", pid: 5, staleAfter: 120, isAlive: { $0 != 999_999 })
        #expect(previous?.pid == 999_999)
    }
}
