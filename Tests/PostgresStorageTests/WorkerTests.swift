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
        #expect(
            try await db.scalars("SELECT COUNT(*)::text FROM run_queue WHERE state = 'done' AND claims = 1") == ["60"])
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
            let done =
                Int(try await db.scalars("SELECT COUNT(*)::text FROM run_queue WHERE state = 'done'").first ?? "0") ?? 0
            let holders = try await db.scalars("SELECT worker FROM run_queue WHERE state = 'claimed' ORDER BY id")
            if done >= 5, let holder = holders.first, let index = names.firstIndex(of: holder), workers[index].isRunning
            {
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
        #expect(
            try await db.scalars("SELECT COUNT(DISTINCT pipeline)::text FROM runs WHERE status = 'succeeded'") == ["60"]
        )
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

    static func script(_ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [root + "/scripts/pg-test-cluster.sh"] + arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        try #require(p.terminationStatus == 0, "pg-test-cluster.sh \(arguments.joined(separator: " ")) failed")
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The server stops mid-run and comes back: workers say so, retry, and finish every pipeline;
    /// what was committed before stays as it was.
    @Test func workersRetryWhileTheServerIsDownAndLoseNothingCommitted() async throws {
        let dir = NSTemporaryDirectory() + "yardstick-outage-" + UUID().uuidString
        let url = try Self.script(["start", dir])
        defer { _ = try? Self.script(["stop", dir]) }
        let db = TestServer.Database(name: "yardstick", url: url, admin: try PostgresLocation(url: url))
        let folder = try Self.counties(30)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let names = ["o1", "o2"]
        let workers = try names.map { try Self.startWorker($0, url: url, folder: folder) }
        let end = Date().addingTimeInterval(300)
        var before: [String] = []
        while Date() < end {
            let done =
                Int(try await db.scalars("SELECT COUNT(*)::text FROM run_queue WHERE state = 'done'").first ?? "0") ?? 0
            if done >= 4 {
                before = try await db.scalars(
                    "SELECT pipeline || '/' || source_id || '@' || run_id FROM source_state ORDER BY 1")
                break
            }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        try #require(!before.isEmpty, "no runs finished before the outage")
        _ = try Self.script(["down", dir])
        try await Task.sleep(nanoseconds: 4_000_000_000)
        _ = try Self.script(["up", dir])
        for (i, w) in workers.enumerated() {
            #expect(Self.wait(w), "worker \(names[i]) did not finish: \(Self.log(folder, names[i]).suffix(2000))")
            #expect(w.terminationStatus == 0, "\(names[i]): \(Self.log(folder, names[i]).suffix(2000))")
        }
        let logs = names.map { Self.log(folder, $0) }.joined()
        #expect(logs.contains("retrying in"), "no worker reported the outage: \(logs.suffix(3000))")
        #expect(try await db.scalars("SELECT COUNT(*)::text FROM run_queue WHERE state = 'done'") == ["30"])
        #expect(
            try await db.scalars("SELECT COUNT(DISTINCT pipeline)::text FROM runs WHERE status = 'succeeded'") == ["30"]
        )
        // Every source committed before the outage is still current from the same run, with its rows.
        let after = Set(try await db.scalars("SELECT pipeline || '/' || source_id || '@' || run_id FROM source_state"))
        for state in before where !state.contains("#checks") {
            #expect(after.contains(state), "\(state) was committed before the outage and is gone")
        }
        #expect(
            try await db.scalars(
                """
                SELECT COUNT(*)::text FROM source_state s WHERE s.source_id <> '#checks' AND NOT EXISTS
                  (SELECT 1 FROM observations o WHERE o.pipeline = s.pipeline AND o.source_id = s.source_id AND o.run_id = s.run_id)
                  AND NOT EXISTS
                  (SELECT 1 FROM goals g WHERE g.pipeline = s.pipeline AND g.source_id = s.source_id AND g.run_id = s.run_id)
                """) == ["0"])
    }

    /// A worker killed with SIGKILL while it stores a large source: nothing of its run is visible, its
    /// claim is taken over after the heartbeat timeout, and the next run stores the source once.
    @Test func aWorkerKilledMidStoreLeavesNothingAndTheSourceIsStoredOnce() async throws {
        let db = try await TestServer.makeDatabase()
        let folder = NSTemporaryDirectory() + "yardstick-bigsource-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder + "/pipelines", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let rows = 200_000
        var csv = "subject,period,value,unit,region\n"
        csv.reserveCapacity(rows * 40)
        for i in 0..<rows { csv += "指标\(i % 500),\(2000 + i % 23),\(i % 1000).5,万元,县\(i % 97)\n" }
        try csv.write(toFile: folder + "/big.csv", atomically: true, encoding: .utf8)
        try """
        pipeline: big
        schedule: "0 2 * * *"
        sources:
          - id: rows
            adapter: open-data
            location: ../big.csv
        """.write(toFile: folder + "/pipelines/big.yaml", atomically: true, encoding: .utf8)
        let first = try Self.startWorker("big1", url: db.url, folder: folder, staleAfter: 4)
        // Wait until its source transaction has sent rows.
        let end = Date().addingTimeInterval(300)
        var storing = false
        while !storing && Date() < end && first.isRunning {
            let active = try await db.scalars(
                "SELECT COUNT(*)::text FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'INSERT INTO observations%'"
            )
            storing = active != ["0"]
            if !storing { try await Task.sleep(nanoseconds: 20_000_000) }
        }
        try #require(storing, "the worker never stored: \(Self.log(folder, "big1").suffix(2000))")
        kill(first.processIdentifier, SIGKILL)
        _ = Self.wait(first, seconds: 10)
        // The server rolls the killed transaction back: no row of it, now or later.
        #expect(try await db.scalars("SELECT COUNT(*)::text FROM observations") == ["0"])
        #expect(try await db.scalars("SELECT COUNT(*)::text FROM source_state") == ["0"])
        let second = try Self.startWorker("big2", url: db.url, folder: folder, staleAfter: 4)
        #expect(Self.wait(second), "big2 did not finish: \(Self.log(folder, "big2").suffix(2000))")
        #expect(second.terminationStatus == 0, "\(Self.log(folder, "big2").suffix(2000))")
        #expect(Self.log(folder, "big2").contains("took over the claimed run"))
        #expect(try await db.scalars("SELECT COUNT(*)::text FROM observations") == ["\(rows)"])
        #expect(try await db.scalars("SELECT COUNT(DISTINCT run_id)::text FROM observations") == ["1"])
        #expect(try await db.scalars("SELECT status FROM runs ORDER BY id") == ["interrupted", "succeeded"])
        #expect(
            try await db.scalars("SELECT event FROM queue_events ORDER BY id") == ["claimed", "took-over", "finished"])
        await db.drop()
    }
}
