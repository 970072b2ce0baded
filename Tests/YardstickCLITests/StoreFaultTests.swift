import Foundation
import IndicatorKit
import Storage
import TestSupport
import Testing

/// Runs killed, refused, sharing a store, or facing a read-only or full disk: the store stays
/// consistent, only completed sources become current, and the lock never blocks or doubles up.
@Suite(.serialized) struct StoreFaultTests {
    /// Rows of the "large" source. Small enough for a busy 2-core machine; set
    /// YARDSTICK_FAULT_ROWS to scale it up for a manual run (docs/operations.md has measured figures).
    static let largeRows = Int(ProcessInfo.processInfo.environment["YARDSTICK_FAULT_ROWS"] ?? "") ?? 60_000

    func pipeline(_ folder: TempFolder, id: String, file: String) throws {
        try folder.write(
            "\(id).yaml",
            """
            pipeline: \(id)
            sources:
              - id: table
                adapter: open-data
                location: \(file)
            """)
    }

    /// Writes pipeline `big` reading a 10-row data.csv in `folder` and runs it (expecting success);
    /// returns the store and that run's id.
    func storeSmallRun(_ folder: TempFolder, sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws
        -> (
            SQLiteStore, Int64
        )
    {
        try writeLargeCSV(folder.file("data.csv"), rows: 10, value: 1)
        try pipeline(folder, id: "big", file: "data.csv")
        let first = try await yardstickOffPool(["run", "big.yaml", "--db", "db.sqlite"], in: folder.path)
        #expect(first.status == 0, "\(first.stderr)", sourceLocation: sourceLocation)
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        return (store, try #require(try store.runs(pipeline: "big").first?.id, sourceLocation: sourceLocation))
    }

    /// A 16 MiB tmpfs, or nil (saying why the test is skipped) where this machine cannot mount one.
    static func smallTmpfs() -> TmpfsMount? {
        let (mounted, reason) = TmpfsMount.mount(size: "16m")
        if mounted == nil { print("skipped: \(reason ?? "")") }
        return mounted
    }

    /// The run of `pipeline` that is still running, once it has committed rows that are not current yet.
    func waitForMidStore(_ store: SQLiteStore, pipeline: String, run: BackgroundRun) async throws -> Int64? {
        var found: Int64?
        _ = try await waitUntil(limit: 120) {
            guard run.process.isRunning,
                let running = try store.runs(pipeline: pipeline).first(where: { $0.status == "running" })
            else { return !run.process.isRunning }
            if try store.count("observations", runID: running.id) > 0,
                try store.sourceState(pipeline: pipeline, sourceID: "table")?.runID != running.id
            {
                found = running.id
                return true
            }
            return false
        }
        return found
    }

    @Test func killNineWhileStoringALargeSourceThenTheNextRunTakesOverAtOnce() async throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let (store, firstRun) = try await storeSmallRun(folder)
        #expect(try store.currentObservations(pipeline: "big", matching: nil).count == 10)

        try writeLargeCSV(folder.file("data.csv"), rows: Self.largeRows, value: 2)
        let killed = try BackgroundRun(["run", "big.yaml", "--db", "db.sqlite"], in: folder.path)
        defer { killed.end() }
        let killedRun = try #require(try await waitForMidStore(store, pipeline: "big", run: killed), "\(killed.output)")
        kill(killed.pid, SIGKILL)
        await killed.wait(limit: 30)
        // Committed batches of the killed run exist but none is current.
        #expect(try store.count("observations", runID: killedRun) > 0)
        let during = try store.currentObservations(pipeline: "big", matching: nil)
        #expect(during.count == 10 && during.allSatisfy { $0.runID == firstRun })
        #expect(try store.lockHolder(pipeline: "big")?.pid == Int(killed.pid))

        try writeLargeCSV(folder.file("data.csv"), rows: 20, value: 3)
        let next = try await yardstickOffPool(["run", "big.yaml", "--db", "db.sqlite"], in: folder.path)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stdout.contains("took over the lock held by pid \(killed.pid)"), "\(next.stdout)")
        #expect(next.stdout.contains("no longer running"), "\(next.stdout)")
        #expect(try store.integrityCheck() == "ok")
        #expect(try store.count("observations", runID: killedRun) == 0)
        let after = try store.currentObservations(pipeline: "big", matching: nil)
        #expect(after.count == 20 && after.allSatisfy { $0.runID != killedRun && $0.runID != firstRun })
        #expect(try store.runs(pipeline: "big").map(\.status) == ["succeeded", "interrupted", "succeeded"])
        #expect(try store.lockHolder(pipeline: "big") == nil)
    }

    @Test func sigtermWhileStoringALargeSourceRollsItBackAfterTheStopGrace() async throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let (store, firstRun) = try await storeSmallRun(folder)

        try writeLargeCSV(folder.file("data.csv"), rows: Self.largeRows, value: 2)
        let run = try BackgroundRun(["run", "big.yaml", "--db", "db.sqlite", "--stop-grace", "0.5"], in: folder.path)
        defer { run.end() }
        let stoppedRun = try #require(try await waitForMidStore(store, pipeline: "big", run: run), "\(run.output)")
        kill(run.pid, SIGTERM)
        #expect(await run.wait(limit: 120), "the run did not stop")
        #expect(run.status == 6, "\(run.output)")
        #expect(run.stdout.contains("stop grace of 0.5 s"), "\(run.output)")
        // Rolled back: the rows it had committed are gone and the first run's data is current.
        #expect(try store.count("observations", runID: stoppedRun) == 0)
        let current = try store.currentObservations(pipeline: "big", matching: nil)
        #expect(current.count == 10 && current.allSatisfy { $0.runID == firstRun })
        #expect(try store.runs(pipeline: "big").first?.status == "stopped")
        #expect(try store.lockHolder(pipeline: "big") == nil)
    }

    @Test func fiveConcurrentRunsOfOnePipelineOneRunsFourAreRefusedNamingTheHolder() async throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        // The source waits for a file the test creates once the other four runs have ended.
        try writeExecPipeline(
            folder, "five", source: "gate",
            command: #"""
                ["bash", "-c", "while [ ! -f release ]; do sleep 0.05; done; echo '{\"type\":\"observation\",\"subject\":\"gate\",\"kind\":\"level\",\"value\":1,\"unit\":\"个\",\"period\":\"2021\"}'"]
                """#,
            extra: "    timeout: 300")
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        #expect(try store.currentRecords(pipeline: "five").isEmpty)
        let runs = try (0..<5).map { i in
            try BackgroundRun(["run", "p.yaml", "--db", "db.sqlite"], in: folder.path, name: "run\(i)")
        }
        defer { for r in runs { r.end() } }
        #expect(await waitUntil(limit: 120) { runs.filter { !$0.process.isRunning }.count >= 4 })
        let ended = runs.filter { !$0.process.isRunning }
        let holder = try #require(runs.first { $0.process.isRunning })
        #expect(ended.count == 4)
        #expect(try store.lockHolder(pipeline: "five")?.pid == Int(holder.pid))
        for r in ended {
            await r.wait(limit: 10)
            #expect(r.status == 4, "\(r.output)")
            #expect(r.stderr.contains("already running"))
            #expect(r.stderr.contains("pid \(holder.pid)"), "\(r.stderr)")
        }
        try folder.write("release", "")
        #expect(await holder.wait(limit: 120))
        #expect(holder.status == 0, "\(holder.output)")
        #expect(try store.currentRecords(pipeline: "five").map(\.record.subject) == ["gate"])
        #expect(try store.runs(pipeline: "five").count == 1)
        #expect(try store.lockHolder(pipeline: "five") == nil)
    }

    @Test func processesOpeningANewStoreAtOnceAllSucceed() async throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        // `run` creates a missing store (`runs` and `report` refuse one); six pipelines, so no lock is shared.
        try folder.write("t.csv", "subject,period,value,unit\ngate,2022,1,个\n")
        for i in 0..<6 { try pipeline(folder, id: "open\(i)", file: "t.csv") }
        let runs = try (0..<6).map { i in
            try BackgroundRun(["run", "open\(i).yaml", "--db", "new.sqlite"], in: folder.path, name: "open\(i)")
        }
        defer { for r in runs { r.end() } }
        for r in runs {
            #expect(await r.wait(limit: 120))
            #expect(r.status == 0, "\(r.stderr)")
        }
        let store = try SQLiteStore(path: folder.file("new.sqlite"))
        #expect(try store.integrityCheck() == "ok")
        #expect(try store.runs(pipeline: nil, limit: 100).count == 6)
    }

    @Test func aLargeSourceKeepsItsLockAndAnotherPipelineOnTheSameStoreLands() async throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try writeLargeCSV(folder.file("large.csv"), rows: Self.largeRows)
        try pipeline(folder, id: "large", file: "large.csv")
        try folder.copyFixture("indicators.csv")
        try pipeline(folder, id: "small", file: "indicators.csv")
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        #expect(try store.currentRecords(pipeline: "large").isEmpty)

        let large = try BackgroundRun(
            ["run", "large.yaml", "--db", "db.sqlite", "--heartbeat-interval", "0.5"], in: folder.path)
        defer { large.end() }
        let largeRun = try #require(try await waitForMidStore(store, pipeline: "large", run: large), "\(large.output)")

        // While the large source is stored: the heartbeat keeps going on its own schedule ...
        let beat = try #require(try store.lockHolder(pipeline: "large")).heartbeatAt
        #expect(
            try await waitUntil(limit: 60) {
                (try store.lockHolder(pipeline: "large")?.heartbeatAt ?? beat) > beat || !large.process.isRunning
            })
        // ... so a holder on another host with a short stale limit still cannot take it over ...
        #expect(throws: StoreError.self) {
            _ = try store.acquireLock(pipeline: "large", host: "other-host", pid: 1, staleAfter: 10)
        }
        // ... and a second run on this host is refused, never takes over.
        let second = try await yardstickOffPool(["run", "large.yaml", "--db", "db.sqlite"], in: folder.path)
        #expect(second.status == 4, "\(second.stderr)")
        #expect(second.stderr.contains("pid \(large.pid)"))
        #expect(large.process.isRunning, "the large source must still be storing here; raise YARDSTICK_FAULT_ROWS")
        // Another pipeline on the same store is not locked out while the large source is stored.
        let small = try BackgroundRun(["run", "small.yaml", "--db", "db.sqlite"], in: folder.path)
        defer { small.end() }
        #expect(await small.wait(limit: 120), "the small pipeline waited for the large one")
        #expect(small.status == 0, "\(small.output)")
        #expect(!small.output.contains("busy"))
        #expect(try store.currentRecords(pipeline: "small").count > 0)

        #expect(await large.wait(limit: 170))
        #expect(large.status == 0, "\(large.output)")
        let current = try store.currentObservations(pipeline: "large", matching: nil)
        #expect(current.count == Self.largeRows && current.allSatisfy { $0.runID == largeRun })
        #expect(try store.runs(pipeline: "large").count == 1)
        #expect(try store.lockHolder(pipeline: "large") == nil)
    }

    @Test func aReadOnlyStoreIsAClearErrorAndStaysAsItWas() async throws {
        guard let mount = Self.smallTmpfs() else { return }
        defer { mount.unmount() }
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try folder.copyFixture("indicators.csv")
        try pipeline(folder, id: "small", file: "indicators.csv")
        let db = mount.file("db.sqlite")
        let first = try await yardstickOffPool(["run", "small.yaml", "--db", db], in: folder.path)
        #expect(first.status == 0, "\(first.stderr)")
        let before = try SQLiteStore(path: db).currentRecords(pipeline: "small").count
        #expect(before > 0)
        #expect(try mount.remount("ro"))
        let refused = try await yardstickOffPool(["run", "small.yaml", "--db", db, "--full-refresh"], in: folder.path)
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("read-only"), "\(refused.stderr)")
        #expect(try mount.remount("rw"))
        let store = try SQLiteStore(path: db)
        #expect(try store.currentRecords(pipeline: "small").count == before)
        #expect(try store.runs(pipeline: "small").count == 1)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func aFullDiskFailsTheSourceAndKeepsTheLastGoodData() async throws {
        guard let mount = Self.smallTmpfs() else { return }
        defer { mount.unmount() }
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try writeLargeCSV(folder.file("data.csv"), rows: 10, value: 1)
        try pipeline(folder, id: "full", file: "data.csv")
        let db = mount.file("db.sqlite")
        let first = try await yardstickOffPool(["run", "full.yaml", "--db", db], in: folder.path)
        #expect(first.status == 0, "\(first.stderr)")
        let store = try SQLiteStore(path: db)
        #expect(try store.currentObservations(pipeline: "full", matching: nil).count == 10)

        // Fill the file system, then give the source more rows than fit.
        let filler = mount.file("filler")
        _ = FileManager.default.createFile(atPath: filler, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: filler))
        let block = Data(repeating: 0x41, count: 64 << 10)
        while (try? handle.write(contentsOf: block)) != nil {}
        try? handle.close()
        try writeLargeCSV(folder.file("data.csv"), rows: 20_000, value: 2)
        let failed = try await yardstickOffPool(["run", "full.yaml", "--db", db], in: folder.path)
        #expect(failed.status == 3, "\(failed.output)")
        #expect(failed.output.contains("disk that holds the store is full"), "\(failed.output)")
        let kept = try store.currentObservations(pipeline: "full", matching: nil)
        #expect(kept.count == 10 && kept.allSatisfy { $0.quantity.value == 1 })

        // With space again, the next run stores the new data.
        try FileManager.default.removeItem(atPath: filler)
        let next = try await yardstickOffPool(["run", "full.yaml", "--db", db], in: folder.path)
        #expect(next.status == 0, "\(next.output)")
        #expect(try store.integrityCheck() == "ok")
        let now = try store.currentObservations(pipeline: "full", matching: nil)
        #expect(now.count == 20_000 && now.allSatisfy { $0.quantity.value == 2 })
    }
}

extension CommandResult {
    var output: String { stdout + stderr }
}

extension StoredRecord {
    var quantity: Quantity { record.quantity }
}
