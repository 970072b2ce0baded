import Foundation
import Storage
import TestSupport
import Testing

/// Two processes, one pipeline: the lock, and crash safety under SIGKILL.
@Suite(.serialized) struct LockTests {
    func setUp() throws -> TempFolder {
        let folder = try TempFolder()
        try folder.copyFixture("slow_adapter.py")
        try folder.copyFixture("indicators.csv")
        // The slow source waits after its first burst while this file exists (see slow_adapter.py).
        try folder.write("hold", "")
        try folder.write(
            "p.yaml",
            """
            pipeline: locked
            sources:
              - id: table
                adapter: open-data
                location: indicators.csv
              - id: slow
                adapter: exec
                command: ["python3", "slow_adapter.py"]
                timeout: 60
            """)
        return folder
    }

    func startRun(_ folder: TempFolder) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Package.yardstick)
        p.arguments = ["run", "p.yaml", "--db", "db.sqlite", "-q"]
        p.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// Waits until the slow source has started streaming (the lock is held and the table source is stored).
    func waitForSlowSource(_ folder: TempFolder, pid: Int32) throws {
        // The source is held mid-stream until the test releases it, so this only bounds a broken build.
        let deadline = Date().addingTimeInterval(240)
        while Date() < deadline {
            if FileManager.default.fileExists(atPath: folder.file("db.sqlite")),
                let store = try? SQLiteStore(path: folder.file("db.sqlite")),
                let holder = try? store.lockHolder(pipeline: "locked"), holder.pid == Int(pid),
                (try? store.count("observations", sourceID: "table")) == 1
            {
                Thread.sleep(forTimeInterval: 0.5)
                return
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("the first run never got to its slow source")
    }

    @Test func aSecondRunExitsWithTheLockCodeNamingTheHolder() throws {
        let folder = try setUp()
        defer { folder.cleanup() }
        let first = try startRun(folder)
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) } }
        try waitForSlowSource(folder, pid: first.processIdentifier)
        let second = try yardstick(["run", "p.yaml", "--db", "db.sqlite"], in: folder.path)
        #expect(second.status == 4)
        #expect(second.stderr.contains("already running"))
        #expect(second.stderr.contains("pid \(first.processIdentifier)"))
        try FileManager.default.removeItem(atPath: folder.file("hold"))
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        #expect(try store.runs(pipeline: "locked").count == 1)
        #expect(try store.lockHolder(pipeline: "locked") == nil)
    }

    @Test func sigkillMidRunLeavesNoPartialDataAndNoBlockingLock() throws {
        let folder = try setUp()
        defer { folder.cleanup() }
        let first = try startRun(folder)
        try waitForSlowSource(folder, pid: first.processIdentifier)
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        // Whatever the slow source had committed under the killed run is not current.
        let killedRun = try #require(try store.runs(pipeline: "locked").first?.id)
        #expect(try store.currentRecords(pipeline: "locked", sources: ["slow"]).isEmpty)
        #expect(try store.count("observations", sourceID: "table") == 1)
        #expect(try store.lockHolder(pipeline: "locked")?.pid == Int(first.processIdentifier))
        // The next run takes the dead holder's lock over at once and completes.
        try FileManager.default.removeItem(atPath: folder.file("hold"))
        let next = try yardstick(
            ["run", "p.yaml", "--db", "db.sqlite"], in: folder.path,
            environment: ["SLOW_RECORDS": "3", "BURST_RECORDS": "0"])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stdout.contains("took over the lock held by pid \(first.processIdentifier)"))
        // The killed run's rows were deleted; only the new run's are stored and current.
        #expect(try store.count("observations", runID: killedRun, sourceID: "slow") == 0)
        #expect(try store.count("observations", sourceID: "slow") == 3)
        let runs = try store.runs(pipeline: "locked")
        #expect(runs.map(\.status) == ["succeeded", "interrupted"])
    }
}
