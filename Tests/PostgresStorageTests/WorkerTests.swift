import Foundation
import PostgresStorage
import Testing

/// Workers as separate processes of the built `yardstick`, against the test server.
@Suite(.enabled(if: TestServer.available, "YARDSTICK_TEST_PG is not set"), .serialized) struct WorkerTests {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let yardstick: String = {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            dir.appendingPathComponent("yardstick").path,
            dir.deletingLastPathComponent().appendingPathComponent("yardstick").path,
            (root as NSString).appendingPathComponent(".build/debug/yardstick"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }()

    /// COUNT county pipelines (Benchmarks/nightly/make_counties.py), all due: scheduled daily at 02:00.
    static func counties(_ count: Int) throws -> String {
        let folder = NSTemporaryDirectory() + "yardstick-workers-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", root + "/Benchmarks/nightly/make_counties.py", folder, "\(count)"]
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        try #require(p.terminationStatus == 0, "make_counties.py failed")
        return folder
    }

    static func startWorker(_ name: String, url: String, folder: String, staleAfter: Int = 6) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: yardstick)
        p.arguments = [
            "worker", "--db", url, "--name", name, "--until-idle", "--poll", "0.2", "--heartbeat", "1",
            "--stale-after", "\(staleAfter)", "--cache-dir", folder + "/cache", folder + "/pipelines",
        ]
        let log = folder + "/\(name).log"
        FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        p.standardOutput = handle
        p.standardError = handle
        try p.run()
        return p
    }

    /// Waits for `p` to exit, at most `seconds`; kills it past that.
    static func wait(_ p: Process, seconds: Double = 600) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while p.isRunning && Date() < end { usleep(100_000) }
        if p.isRunning {
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            return false
        }
        return true
    }

    static func log(_ folder: String, _ name: String) -> String {
        (try? String(contentsOfFile: folder + "/\(name).log", encoding: .utf8)) ?? ""
    }

    @Test func threeWorkersRunSixtyDuePipelinesEachExactlyOnce() async throws {
        let db = try await TestServer.makeDatabase()
        let folder = try Self.counties(60)
        defer {
            try? FileManager.default.removeItem(atPath: folder)
        }
        let workers = try ["w1", "w2", "w3"].map { try Self.startWorker($0, url: db.url, folder: folder) }
        for (i, w) in workers.enumerated() {
            #expect(Self.wait(w), "worker w\(i + 1) did not finish: \(Self.log(folder, "w\(i + 1)").suffix(2000))")
            #expect(w.terminationStatus == 0, "w\(i + 1): \(Self.log(folder, "w\(i + 1)").suffix(2000))")
        }
        #expect(try await db.scalars("SELECT COUNT(*)::text FROM runs") == ["60"])
        #expect(try await db.scalars("SELECT COUNT(DISTINCT pipeline)::text FROM runs") == ["60"])
        #expect(try await db.scalars("SELECT DISTINCT status FROM runs") == ["succeeded"])
        #expect(try await db.scalars("SELECT COUNT(*)::text FROM run_queue WHERE state = 'done' AND claims = 1") == ["60"])
        // No two runs of one pipeline overlap in time.
        #expect(
            try await db.scalars(
                """
                SELECT COUNT(*)::text FROM runs a JOIN runs b ON a.pipeline = b.pipeline AND a.id < b.id
                WHERE b.started_at < a.finished_at
                """) == ["0"])
        // Every source of every county stored once.
        #expect(try await db.scalars("SELECT COUNT(*)::text FROM run_sources WHERE status = 'stored'") == ["180"])
        await db.drop()
    }

    @Test func aWorkerKilledMidRunLosesNoPipelineAndNoSourceIsStoredTwice() async throws {
        let db = try await TestServer.makeDatabase()
        let folder = try Self.counties(60)
        defer {
            try? FileManager.default.removeItem(atPath: folder)
        }
        let names = ["k1", "k2", "k3"]
        let workers = try names.map { try Self.startWorker($0, url: db.url, folder: folder) }
        // Kill, with SIGKILL, a worker that holds a claim once some runs are done.
        var victim: Int?
        let end = Date().addingTimeInterval(300)
        while victim == nil && Date() < end {
            let done = Int(try await db.scalars("SELECT COUNT(*)::text FROM run_queue WHERE state = 'done'").first ?? "0") ?? 0
            let holders = try await db.scalars("SELECT worker FROM run_queue WHERE state = 'claimed' ORDER BY id")
            if done >= 5, let holder = holders.first, let index = names.firstIndex(of: holder), workers[index].isRunning {
                kill(workers[index].processIdentifier, SIGKILL)
                victim = index
            } else {
                try await Task.sleep(nanoseconds: 50_000_000)
            }
        }
        let killed = try #require(victim, "no worker held a claim after 5 runs")
        for (i, w) in workers.enumerated() where i != killed {
            #expect(Self.wait(w), "worker \(names[i]) did not finish: \(Self.log(folder, names[i]).suffix(2000))")
            #expect(w.terminationStatus == 0, "\(names[i]): \(Self.log(folder, names[i]).suffix(2000))")
        }
        _ = Self.wait(workers[killed], seconds: 10)
        #expect(workers[killed].terminationReason == .uncaughtSignal)
        // All 60 ran to the end: one succeeded run each; the killed one's claim was taken over and logged.
        #expect(try await db.scalars("SELECT COUNT(*)::text FROM run_queue WHERE state = 'done'") == ["60"])
        #expect(try await db.scalars("SELECT COUNT(DISTINCT pipeline)::text FROM runs WHERE status = 'succeeded'") == ["60"])
        #expect(try await db.scalars("SELECT COUNT(*)::text FROM runs WHERE status = 'succeeded'") == ["60"])
        #expect(try await db.scalars("SELECT COUNT(*)::text FROM queue_events WHERE event = 'took-over'") == ["1"])
        let others = names.enumerated().filter { $0.offset != killed }.map(\.element)
        #expect(others.contains { Self.log(folder, $0).contains("took over the claimed run") })
        // No source stored twice: each (pipeline, source) has rows of one run only, and one 'stored' outcome.
        for table in ["goals", "observations"] {
            #expect(
                try await db.scalars(
                    "SELECT COUNT(*)::text FROM (SELECT pipeline, source_id FROM \(table) GROUP BY 1, 2 HAVING COUNT(DISTINCT run_id) > 1) x"
                ) == ["0"])
        }
        #expect(
            try await db.scalars(
                "SELECT COUNT(*)::text FROM (SELECT r.pipeline, s.source_id FROM run_sources s JOIN runs r ON r.id = s.run_id WHERE s.status = 'stored' GROUP BY 1, 2 HAVING COUNT(*) > 1) x"
            ) == ["0"])
        #expect(try await db.scalars("SELECT COUNT(*)::text FROM source_state") == ["180"])
        await db.drop()
    }
}
