import Foundation
import PostgresStorage
import PostgresStorageTesting
import TestSupport
import Testing

/// County pipelines for the worker tests: each reads the bundled speech (goals) and bulletin
/// (observations) and a small CSV of its own figures, and is due (scheduled daily at 02:00).
struct CountyPipelines {
    let folder: TempFolder

    init(count: Int) throws {
        folder = try TempFolder()
        try FileManager.default.createDirectory(atPath: folder.file("pipelines"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder.file("data"), withIntermediateDirectories: true)
        let seeds = (Package.root as NSString).appendingPathComponent("seeds")
        for n in 1...count {
            let id = String(format: "county-%03d", n)
            try folder.write(
                "data/\(id).csv",
                "subject,period,value,unit\n生产总值,2022,\(200 + n).\(n % 10),亿元\n一般公共预算收入,2022,\(10 + n % 7),亿元\n")
            try folder.write(
                "pipelines/\(id).yaml",
                """
                pipeline: \(id)
                region: 柘城县
                period: 2022
                schedule: "0 2 * * *"
                sources:
                  - id: speech
                    adapter: speech-text
                    location: \(seeds)/zhecheng-2022-economic-work-conference.txt
                  - id: bulletin
                    adapter: speech-text
                    location: \(seeds)/zhecheng-2021-statistical-bulletin-excerpt.txt
                    options: { mode: observations, year: 2021 }
                  - id: figures
                    adapter: open-data
                    location: ../data/\(id).csv
                goals:
                  sources: [speech]
                report:
                  formats: [table]

                """)
        }
    }
}

/// `yardstick worker` processes against the PostgreSQL test server: claims, takeovers, kills and an
/// outage. Each test has a database (or, for the outage, a cluster) of its own; they run one at a time
/// (each starts several processes on the machine).
@Suite(.serialized, .enabled(if: TestServer.enabled, "YARDSTICK_TEST_PG is not set"))
struct WorkerTests {
    static func worker(
        _ name: String, db url: String, in folder: TempFolder, staleAfter: Int = 20, heartbeat: Double = 1
    ) throws -> BackgroundRun {
        try BackgroundRun(
            [
                "worker", "--db", url, "--name", name, "--until-idle", "--poll", "0.2", "--heartbeat", "\(heartbeat)",
                "--stale-after", "\(staleAfter)", "--cache-dir", folder.file("cache-\(name)"), folder.file("pipelines"),
            ], in: folder.path, name: name)
    }

    /// Waits for every worker to exit by itself (10 minutes at most each) and expects exit code 0.
    static func expectFinished(_ workers: [BackgroundRun], names: [String]) async {
        for (worker, name) in zip(workers, names) {
            let ended = await worker.wait(limit: 600)
            #expect(ended, "worker \(name) did not finish: \(worker.stderr.suffix(3000))")
            #expect(worker.status == 0, "worker \(name) exited \(worker.status): \(worker.stderr.suffix(3000))")
        }
    }

    /// Counts the connections in a transaction whose last statement inserted observations: a source
    /// being stored.
    static let inserting = """
        SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()
        AND xact_start IS NOT NULL AND query LIKE 'INSERT INTO observations%'
        """

    /// Runs `body` with a database of its own holding the tables and a worker of each name started on
    /// `pipelines` due `CountyPipelines`; the workers are ended and the folder removed afterwards.
    static func withCountyWorkers(
        _ names: [String], pipelines: Int, staleAfter: Int = 20,
        _ body: (TestDatabase, [BackgroundRun]) async throws -> Void
    ) async throws {
        try await TestDatabase.with { db in
            await (try await db.store()).close()  // the tables, before the first query
            let work = try CountyPipelines(count: pipelines)
            defer { work.folder.cleanup() }
            let workers = try names.map { try Self.worker($0, db: db.url, in: work.folder, staleAfter: staleAfter) }
            defer { for worker in workers { worker.end() } }
            try await body(db, workers)
        }
    }

    /// Waits (up to 300 s, while it runs) until `worker`'s source transaction is open and has sent rows.
    static func waitUntilStoring(_ worker: BackgroundRun, _ db: TestDatabase) async throws {
        var storing = false
        let deadline = Date().addingTimeInterval(300)
        while !storing && Date() < deadline && worker.process.isRunning {
            storing = try await db.count(inserting) > 0
            if !storing { try await Task.sleep(nanoseconds: 10_000_000) }
        }
        try #require(storing, "the worker never stored: \(worker.stderr.suffix(3000))")
    }

    /// The rows of big.csv in `largeSourceFolder(_:)`.
    static let largeSourceRows = 200_000

    /// A folder with big.csv (`largeSourceRows` rows) and pipelines/big.yaml, due daily at 02:00, whose
    /// first source `rows` reads it and `sources` (YAML list items) follow.
    static func largeSourceFolder(stopGrace: Int? = nil, then sources: String = "") throws -> TempFolder {
        let folder = try TempFolder()
        do {
            try FileManager.default.createDirectory(atPath: folder.file("pipelines"), withIntermediateDirectories: true)
            try writeLargeCSV(folder.file("big.csv"), rows: largeSourceRows)
            try folder.write(
                "pipelines/big.yaml",
                """
                pipeline: big
                schedule: "0 2 * * *"
                \(stopGrace.map { "stop-grace: \($0)\n" } ?? "")sources:
                  - id: rows
                    adapter: open-data
                    location: ../big.csv
                \(sources)
                """)
        } catch {
            folder.cleanup()
            throw error
        }
        return folder
    }

    /// No (pipeline, source) has records of two runs, or two `stored` outcomes.
    static func expectNoSourceStoredTwice(_ db: TestDatabase) async throws {
        for table in ["goals", "observations"] {
            let twice = try await db.count(
                "SELECT COUNT(*) FROM (SELECT pipeline, source_id FROM \(table) GROUP BY 1, 2 HAVING COUNT(DISTINCT run_id) > 1) x"
            )
            #expect(twice == 0, "sources with \(table) of more than one run")
        }
        let storedTwice = try await db.count(
            """
            SELECT COUNT(*) FROM (SELECT r.pipeline, s.source_id FROM run_sources s JOIN runs r ON r.id = s.run_id
            WHERE s.status = 'stored' GROUP BY 1, 2 HAVING COUNT(*) > 1) x
            """)
        #expect(storedTwice == 0, "sources stored by more than one run")
    }

    @Test func threeWorkersRunSixtyDuePipelinesEachExactlyOnce() async throws {
        let names = ["w1", "w2", "w3"]
        try await Self.withCountyWorkers(names, pipelines: 60) { db, workers in
            await Self.expectFinished(workers, names: names)
            #expect(try await db.count("SELECT COUNT(*) FROM runs") == 60)
            #expect(try await db.count("SELECT COUNT(DISTINCT pipeline) FROM runs") == 60)
            #expect(try await db.scalars("SELECT DISTINCT status FROM runs") == ["succeeded"])
            #expect(try await db.count("SELECT COUNT(*) FROM run_queue WHERE state = 'done' AND claims = 1") == 60)
            // No two runs of one pipeline overlap in time.
            let overlapping = try await db.count(
                """
                SELECT COUNT(*) FROM runs a JOIN runs b ON a.pipeline = b.pipeline AND a.id < b.id
                WHERE b.started_at < a.finished_at
                """)
            #expect(overlapping == 0)
            #expect(try await db.count("SELECT COUNT(*) FROM run_sources WHERE status = 'stored'") == 180)
            #expect(try await db.count("SELECT COUNT(*) FROM source_state WHERE source_id <> '#checks'") == 180)
            try await Self.expectNoSourceStoredTwice(db)
            // The work was shared: more than one worker ran pipelines.
            let busy = try await db.count("SELECT COUNT(DISTINCT worker) FROM run_queue")
            #expect(busy >= 2, "only \(busy) worker claimed runs")
        }
    }

    @Test func aWorkerKilledMidRunLosesNoPipelineAndNoSourceIsStoredTwice() async throws {
        let names = ["k1", "k2", "k3"]
        try await Self.withCountyWorkers(names, pipelines: 60, staleAfter: 8) { db, workers in
            // SIGKILL a worker that holds a claim once some runs are done.
            var victim: Int?
            let deadline = Date().addingTimeInterval(300)
            while victim == nil && Date() < deadline {
                let done = try await db.count("SELECT COUNT(*) FROM run_queue WHERE state = 'done'")
                let running = Set(try await db.scalars("SELECT pid::text FROM runs WHERE status = 'running'"))
                if done >= 5, let index = workers.indices.first(where: { running.contains("\(workers[$0].pid)") }),
                    workers[index].process.isRunning
                {
                    kill(workers[index].pid, SIGKILL)
                    victim = index
                } else {
                    try await Task.sleep(nanoseconds: 20_000_000)
                }
            }
            let killed = try #require(victim, "no worker was in a run once 5 runs were done")
            let others = names.indices.filter { $0 != killed }
            await Self.expectFinished(others.map { workers[$0] }, names: others.map { names[$0] })
            await workers[killed].wait(limit: 30)
            #expect(workers[killed].process.terminationReason == .uncaughtSignal)
            // All 60 ran to the end, once each; the killed worker's claim was taken over and logged.
            #expect(try await db.count("SELECT COUNT(*) FROM run_queue WHERE state = 'done'") == 60)
            #expect(try await db.count("SELECT COUNT(*) FROM runs WHERE status = 'succeeded'") == 60)
            #expect(try await db.count("SELECT COUNT(DISTINCT pipeline) FROM runs WHERE status = 'succeeded'") == 60)
            #expect(try await db.scalars("SELECT status FROM runs WHERE status <> 'succeeded'") == ["interrupted"])
            #expect(try await db.count("SELECT COUNT(*) FROM queue_events WHERE event = 'took-over'") == 1)
            let takerLog = others.map { workers[$0].stderr }.joined()
            #expect(takerLog.contains("took over the claimed run"), "\(takerLog.suffix(3000))")
            #expect(try await db.count("SELECT COUNT(*) FROM source_state WHERE source_id <> '#checks'") == 180)
            try await Self.expectNoSourceStoredTwice(db)
        }
    }

    /// kill -9 while a large source is being stored: the server rolls its transaction back, the claim is
    /// taken over once its heartbeat is stale, and the next run stores the source once.
    @Test func aWorkerKilledWhileStoringALargeSourceLeavesNothingAndTheNextRunStoresItOnce() async throws {
        try await TestDatabase.with { db in
            await (try await db.store()).close()  // the tables, before the first query
            let rows = Self.largeSourceRows
            let folder = try Self.largeSourceFolder()
            defer { folder.cleanup() }
            let first = try Self.worker("big1", db: db.url, in: folder, staleAfter: 5)
            defer { first.end() }
            try await Self.waitUntilStoring(first, db)
            let killedRun = try await db.count("SELECT MAX(id) FROM runs")
            kill(first.pid, SIGKILL)
            await first.wait(limit: 30)
            // The server ends the killed connection's transaction: none of its rows, now or later.
            var rolledBack = false
            let end = Date().addingTimeInterval(60)
            while !rolledBack && Date() < end {
                rolledBack = try await db.count(Self.inserting) == 0
                if !rolledBack { try await Task.sleep(nanoseconds: 50_000_000) }
            }
            #expect(rolledBack, "the killed worker's transaction is still open")
            #expect(try await db.count("SELECT COUNT(*) FROM observations") == 0)
            #expect(try await db.count("SELECT COUNT(*) FROM source_state") == 0)
            #expect(try await db.scalars("SELECT state FROM run_queue") == ["claimed"])

            let second = try Self.worker("big2", db: db.url, in: folder, staleAfter: 5)
            defer { second.end() }
            await Self.expectFinished([second], names: ["big2"])
            #expect(second.stderr.contains("took over the claimed run"), "\(second.stderr.suffix(3000))")
            #expect(try await db.count("SELECT COUNT(*) FROM observations") == rows)
            #expect(try await db.count("SELECT COUNT(DISTINCT run_id) FROM observations") == 1)
            #expect(try await db.count("SELECT COUNT(*) FROM observations WHERE run_id = \(killedRun)") == 0)
            #expect(try await db.scalars("SELECT status FROM runs ORDER BY id") == ["interrupted", "succeeded"])
            #expect(
                try await db.scalars("SELECT event FROM queue_events ORDER BY id") == [
                    "claimed", "took-over", "finished",
                ])
            #expect(try await db.scalars("SELECT state FROM run_queue") == ["done"])
        }
    }

    /// SIGTERM while a large source is stored: the source finishes and commits, the next one is not
    /// started, the claim goes back to the queue, the worker exits 0; another worker finishes the run.
    @Test func sigtermFinishesTheCurrentSourceAndGivesTheClaimBack() async throws {
        try await TestDatabase.with { db in
            await (try await db.store()).close()  // the tables, before the first query
            let rows = Self.largeSourceRows
            let folder = try Self.largeSourceFolder(
                stopGrace: 600,
                then: """
                      - id: small
                        adapter: open-data
                        location: ../small.csv

                    """)
            defer { folder.cleanup() }
            try folder.write("small.csv", "subject,period,value,unit\n生产总值,2022,1,亿元\n")
            let first = try Self.worker("t1", db: db.url, in: folder)
            defer { first.end() }
            try await Self.waitUntilStoring(first, db)
            kill(first.pid, SIGTERM)
            await Self.expectFinished([first], names: ["t1"])
            #expect(try await db.scalars("SELECT status FROM runs") == ["stopped"])
            #expect(try await db.count("SELECT COUNT(*) FROM observations WHERE source_id = 'rows'") == rows)
            #expect(try await db.scalars("SELECT source_id FROM source_state") == ["rows"])
            #expect(try await db.scalars("SELECT state FROM run_queue") == ["queued"])
            #expect(try await db.scalars("SELECT event FROM queue_events ORDER BY id") == ["claimed", "released"])
            #expect(first.stderr.contains("gave its claim back"), "\(first.stderr.suffix(3000))")

            let second = try Self.worker("t2", db: db.url, in: folder)
            defer { second.end() }
            await Self.expectFinished([second], names: ["t2"])
            #expect(try await db.scalars("SELECT status FROM runs ORDER BY id") == ["stopped", "succeeded"])
            #expect(
                try await db.scalars(
                    "SELECT source_id || ':' || status FROM run_sources WHERE run_id = (SELECT MAX(id) FROM runs) ORDER BY 1"
                ) == ["rows:unchanged", "small:stored"])
            #expect(try await db.count("SELECT COUNT(DISTINCT run_id) FROM observations WHERE source_id = 'rows'") == 1)
            #expect(try await db.scalars("SELECT state FROM run_queue") == ["done"])
        }
    }

    /// The server stops in the middle of the runs and starts again: the workers report the error, retry
    /// with backoff and finish every pipeline; what was committed before the outage stays as it was.
    @Test func workersRetryWhileTheServerIsDownAndLoseNothingCommitted() async throws {
        let cluster = try TestCluster.start()
        defer { cluster.stop() }
        let db = try TestDatabase(existing: cluster.url)
        await (try await db.store()).close()  // the tables, before the first query
        let work = try CountyPipelines(count: 30)
        defer { work.folder.cleanup() }
        let names = ["o1", "o2"]
        let workers = try names.map { try Self.worker($0, db: cluster.url, in: work.folder, staleAfter: 30) }
        defer { for worker in workers { worker.end() } }
        let deadline = Date().addingTimeInterval(300)
        var before: [String] = []
        while before.isEmpty && Date() < deadline {
            if try await db.count("SELECT COUNT(*) FROM run_queue WHERE state = 'done'") >= 4 {
                before = try await db.scalars(
                    "SELECT pipeline || '/' || source_id || '@' || run_id FROM source_state WHERE source_id <> '#checks'"
                )
            } else {
                try await Task.sleep(nanoseconds: 20_000_000)
            }
        }
        try #require(!before.isEmpty, "no run finished before the outage")
        try cluster.down()
        try await Task.sleep(nanoseconds: 3_000_000_000)
        try cluster.up()
        await Self.expectFinished(workers, names: names)
        let logs = workers.map(\.stderr).joined()
        #expect(logs.contains("retrying in"), "no worker reported the outage: \(logs.suffix(3000))")
        #expect(try await db.count("SELECT COUNT(*) FROM run_queue WHERE state = 'done'") == 30)
        #expect(try await db.count("SELECT COUNT(DISTINCT pipeline) FROM runs WHERE status = 'succeeded'") == 30)
        // Every source committed before the outage is still current, from the same run, with its rows.
        let after = Set(try await db.scalars("SELECT pipeline || '/' || source_id || '@' || run_id FROM source_state"))
        for state in before {
            #expect(after.contains(state), "\(state) was committed before the outage and is no longer current")
        }
        let empty = try await db.count(
            """
            SELECT COUNT(*) FROM source_state s WHERE s.source_id <> '#checks'
              AND NOT EXISTS (SELECT 1 FROM observations o
                  WHERE o.pipeline = s.pipeline AND o.source_id = s.source_id AND o.run_id = s.run_id)
              AND NOT EXISTS (SELECT 1 FROM goals g
                  WHERE g.pipeline = s.pipeline AND g.source_id = s.source_id AND g.run_id = s.run_id)
            """)
        #expect(empty == 0, "current sources without rows")
        #expect(try await db.count("SELECT COUNT(*) FROM source_state WHERE source_id <> '#checks'") == 90)
        try await Self.expectNoSourceStoredTwice(db)
    }

    @Test func enqueueQueuesAPipelineOnceAndAWorkerRunsIt() async throws {
        try await TestDatabase.with { db in
            await (try await db.store()).close()  // the tables, before the first query
            let work = try CountyPipelines(count: 2)
            defer { work.folder.cleanup() }
            // Not due: no schedule in these copies.
            for id in ["county-001", "county-002"] {
                let file = work.folder.file("pipelines/\(id).yaml")
                let text = try String(contentsOfFile: file, encoding: .utf8)
                try text.replacingOccurrences(of: "schedule: \"0 2 * * *\"\n", with: "").write(
                    toFile: file, atomically: true, encoding: .utf8)
            }
            let queued = try yardstick(
                ["enqueue", "--db", db.url, work.folder.file("pipelines/county-002.yaml")], in: work.folder.path)
            #expect(queued.status == 0, "\(queued.stderr)")
            #expect(queued.stdout.contains("queued county-002"))
            let again = try yardstick(["enqueue", "--db", db.url, "county-002"], in: work.folder.path)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stdout.contains("already waiting"))
            let worker = try Self.worker("e1", db: db.url, in: work.folder)
            defer { worker.end() }
            await Self.expectFinished([worker], names: ["e1"])
            #expect(try await db.scalars("SELECT pipeline FROM runs") == ["county-002"])
            #expect(try await db.scalars("SELECT reason || ':' || state FROM run_queue") == ["enqueue:done"])
        }
    }

    /// `doctor --db postgres://…` asks the server: the store's migrations, a database the first run
    /// will fill, or a server that cannot be reached (exit 2), never the SQLite answer for a path.
    @Test func doctorAsksThePostgresServer() async throws {
        try await TestDatabase.with { db in
            let folder = try TempFolder()
            defer { folder.cleanup() }
            let empty = try yardstick(["doctor", "--db", db.url], in: folder.path)
            #expect(empty.stdout.contains("no store in"), "\(empty.stdout)")
            #expect(!empty.stdout.contains("MISSING  store"), "\(empty.stdout)")
            await (try await db.store()).close()  // the tables
            let current = try yardstick(["doctor", "--db", db.url], in: folder.path)
            #expect(current.stdout.contains("migrations v5-pg-store"), "\(current.stdout)")
            #expect(current.stdout.contains("(current)"), "\(current.stdout)")
            // A store an older build made: the next run applies what it lacks, so it is not missing.
            _ = try await db.scalars(
                "DELETE FROM yardstick_migrations WHERE identifier = 'v6-pg-pipeline-sets' RETURNING identifier")
            let older = try yardstick(["doctor", "--db", db.url], in: folder.path)
            #expect(older.status == 0, "\(older.stdout)\(older.stderr)")
            #expect(older.stdout.contains("the next run or worker applies v6-pg-pipeline-sets"), "\(older.stdout)")
            #expect(!older.stdout.contains("MISSING  store"), "\(older.stdout)")
            let server = try TestServer.location()
            let gone = try yardstick(
                ["doctor", "--db", "postgres://yardstick@\(server.host):1/\(db.name)"], in: folder.path)
            #expect(gone.status == 2, "\(gone.stdout)\(gone.stderr)")
            #expect(gone.stdout.contains("MISSING  store"), "\(gone.stdout)")
            #expect(gone.stdout.contains("cannot reach the server"), "\(gone.stdout)")
            #expect(!FileManager.default.fileExists(atPath: folder.file("postgres:")))
        }
    }

    @Test func theWorkerNeedsAPostgresStore() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let result = try yardstick(["worker", "--db", folder.file("store.sqlite"), "--until-idle", folder.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("postgres://"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("store.sqlite")))
    }

    @Test func aPasswordInTheURLIsNeverPrintedOrLogged() async throws {
        try await TestDatabase.with { db in
            await (try await db.store()).close()  // the tables, before the first query
            await (try await db.store()).close()
            let server = try TestServer.location()
            let folder = try TempFolder()
            defer { folder.cleanup() }
            let url = "postgres://yardstick_pw:test-secret-pw@\(server.host):\(server.port)/\(db.name)"
            let listed = try yardstick(["runs", "--db", url, "-v"], in: folder.path)
            #expect(listed.status == 0, "\(listed.stderr)")
            #expect(!(listed.stdout + listed.stderr).contains("test-secret-pw"))
            let wrong = "postgres://yardstick_pw:wrong-secret-pw@\(server.host):\(server.port)/\(db.name)"
            let refused = try yardstick(["runs", "--db", wrong, "-v"], in: folder.path)
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("yardstick_pw@\(server.host):\(server.port)"), "\(refused.stderr)")
            #expect(!(refused.stdout + refused.stderr).contains("wrong-secret-pw"))
            // A database without the store's tables is not a store: nothing is created in it.
            let empty = try yardstick(["runs", "--db", server.description], in: folder.path)
            #expect(empty.status == 2, "\(empty.stderr)")
            #expect(empty.stderr.contains("no store in"), "\(empty.stderr)")
        }
    }
}

/// A PostgreSQL cluster of a test's own (scripts/pg-test-cluster.sh), for a test that stops the server.
struct TestCluster {
    let dir: String
    let url: String

    /// Runs the script (`SpawnedProcess`: the server it starts keeps running, and must hold neither
    /// a pipe of this process nor its wait).
    static func script(_ arguments: [String]) throws -> String {
        let script = (Package.root as NSString).appendingPathComponent("scripts/pg-test-cluster.sh")
        let result = try SpawnedProcess.run(["/bin/bash", script] + arguments)
        guard result.status == 0 else {
            throw ClusterError(
                message: "scripts/pg-test-cluster.sh \(arguments.joined(separator: " ")) failed: \(result.output)")
        }
        // The URL is the line of stdout; the script's note on stderr shares the file.
        return result.output.split(separator: "\n").first { $0.hasPrefix("postgres://") }.map(String.init) ?? ""
    }

    static func start() throws -> TestCluster {
        let dir = NSTemporaryDirectory() + "yardstick-outage-" + UUID().uuidString
        return TestCluster(dir: dir, url: try script(["start", dir]))
    }

    func down() throws { _ = try Self.script(["down", dir]) }
    func up() throws { _ = try Self.script(["up", dir]) }
    func stop() { _ = try? Self.script(["stop", dir]) }

    struct ClusterError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
