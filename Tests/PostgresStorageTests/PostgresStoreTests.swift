import Foundation
import IndicatorKit
import Logging
import PostgresStorage
import PostgresStorageTesting
import Storage
import Testing

@Suite(.enabled(if: TestServer.enabled, "YARDSTICK_TEST_PG is not set")) struct PostgresStoreTests {
    static func observation(_ subject: String, _ value: Double, line: Int) -> SourceRecord {
        .observation(
            Observation(
                subject: subject, indicator: "gdp", kind: .growth, quantity: Quantity(value: value, unit: "%"),
                period: Period(year: 2022), region: "柘城县", redacted: false, text: "\(subject)增长\(value)%",
                location: SourceLocation(line: line), attributes: ["k": "v"]))
    }

    static func info(_ runID: Int64, source: String = "bulletin") -> SourceWriteInfo {
        SourceWriteInfo(
            runID: runID, pipeline: "p", sourceID: source, adapter: "speech-text", origin: "/seeds/a.txt",
            sha256: "abc",
            optionsHash: "h1")
    }

    @Test func migrationsAreNamedRecordedAndAppliedOnceEvenWhenStoresOpenTogether() async throws {
        try await TestDatabase.with { db in
            let logger = TestServer.quietLogger
            let stores = try await withThrowingTaskGroup(of: PostgresStore.self) { group in
                for _ in 0..<3 { group.addTask { try await PostgresStore(url: db.url, logger: logger) } }
                var out: [PostgresStore] = []
                for try await s in group { out.append(s) }
                return out
            }
            #expect(try await stores[0].appliedMigrations() == PostgresStore.knownMigrations)
            #expect(
                try await db.scalars("SELECT COUNT(*)::text FROM yardstick_migrations") == [
                    "\(PostgresStore.knownMigrations.count)"
                ])
            for s in stores { await s.close() }
        }
    }

    @Test func aSourceIsInvisibleUntilItCommitsAndLeavesNothingWhenRolledBack() async throws {
        try await TestDatabase.with { db in
            let store = try await PostgresStore(url: db.url, logger: TestServer.quietLogger)
            let run = try await store.beginRun(pipeline: "p", file: "/p.yaml", host: "h", pid: 1, fullRefresh: false)
            let writer = try await store.openSource(Self.info(run))
            try await writer.append((1...2500).map { Self.observation("生产总值", Double($0), line: $0) })
            // Another connection sees none of it yet.
            #expect(try await db.scalars("SELECT COUNT(*)::text FROM observations") == ["0"])
            #expect(try await store.sourceState(pipeline: "p", sourceID: "bulletin") == nil)
            let counts = try await writer.commit()
            #expect(counts.observations == 2500)
            #expect(try await db.scalars("SELECT COUNT(*)::text FROM observations") == ["2500"])
            let state = try #require(try await store.sourceState(pipeline: "p", sourceID: "bulletin"))
            #expect(state.runID == run && state.sha256 == "abc" && state.optionsHash == "h1")
            let current = try await store.currentObservations(pipeline: "p", sources: nil, matching: nil)
            #expect(current.count == 2500)
            let first = try #require(current.first)
            #expect(first.record.observation?.quantity.value == 1)
            #expect(first.record.observation?.period.rawValue == "2022")
            #expect(first.record.observation?.kind == .growth)
            #expect(first.record.attributes == ["k": "v"])
            #expect(first.provenance.location.line == 1)

            let run2 = try await store.beginRun(pipeline: "p", file: "/p.yaml", host: "h", pid: 1, fullRefresh: false)
            let second = try await store.openSource(Self.info(run2))
            try await second.append([Self.observation("生产总值", 99, line: 1)])
            await second.rollback()
            #expect(try await db.scalars("SELECT COUNT(*)::text FROM observations WHERE run_id = \(run2)") == ["0"])
            #expect(try await store.sourceState(pipeline: "p", sourceID: "bulletin")?.runID == run)
            await store.close()
        }
    }

    @Test func aWrongPasswordIsRefusedWithAMessageThatDoesNotContainIt() async throws {
        let base = try TestServer.location()
        let url = "postgres://yardstick_pw:not-the-pw-4711@\(base.host):\(base.port)/\(base.database)"
        do {
            _ = try await PostgresStore(url: url, environment: [:], logger: TestServer.quietLogger)
            Issue.record("the server accepted a wrong password")
        } catch let error as StoreError {
            #expect(error.code == .cannotOpen)
            #expect(error.message.contains("yardstick_pw@\(base.host):\(base.port)"))
            #expect(!"\(error)".contains("not-the-pw-4711"))
            #expect(!String(reflecting: error).contains("not-the-pw-4711"))
        }
    }

    @Test func theRightPasswordFromPgpassOrPGPASSWORDLogsIn() async throws {
        let db = try await TestDatabase.create()
        let base = try TestServer.location()
        let url = "postgres://yardstick_pw@\(base.host):\(base.port)/\(db.name)"
        let folder = NSTemporaryDirectory() + "yardstick-pgpass-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "\(base.host):\(base.port):*:yardstick_pw:test-secret-pw\n".write(
            toFile: folder + "/pgpass", atomically: true, encoding: .utf8)
        let viaFile = try await PostgresStore(
            url: url, environment: ["PGPASSFILE": folder + "/pgpass"], logger: TestServer.quietLogger)
        #expect(viaFile.server.passwordSource == folder + "/pgpass")
        await viaFile.close()
        let viaEnv = try await PostgresStore(
            url: url, environment: ["PGPASSWORD": "test-secret-pw"], logger: TestServer.quietLogger)
        #expect(viaEnv.server.passwordSource == "PGPASSWORD")
        await viaEnv.close()
        await db.drop()
    }

    @Test func aServerThatIsNotThereIsUnavailableAndTheMessageHasNoPassword() async throws {
        // A port nothing listens on: bind one, note it, close it.
        let port = try freePort()
        do {
            _ = try await PostgresStore(
                url: "postgres://ana:pw-not-shown-99@127.0.0.1:\(port)/x", environment: [:],
                logger: TestServer.quietLogger)
            Issue.record("connected to nothing")
        } catch let error as StoreError {
            #expect(error.code == .unavailable)
            #expect(error.message.contains("127.0.0.1:\(port)"))
            #expect(!"\(error)".contains("pw-not-shown-99"))
        }
    }

    /// The server ends a source writer's connection while its adapter reads (a restart, a
    /// shutdown): the next append fails as `unavailable` instead of waiting forever, and nothing of
    /// the source is stored.
    @Test func fixedStatementsArePreparedOnceAndTakeANullOrAValueAfterwards() async throws {
        try await TestDatabase.with { db in
            let store = try await PostgresStore(url: db.url, logger: TestServer.quietLogger)
            // One connection at a time, so every call below uses the same one.
            #expect(try await store.acquireLock(pipeline: "p", host: "h", pid: 1, staleAfter: 60) { _ in true } == nil)
            let started = try await store.startRun(
                pipeline: "p", file: "/p.yaml", host: "h", pid: 1, fullRefresh: false)
            // A parameter first bound as NULL, then as a value, and the other way round.
            try await store.heartbeat(pipeline: "p", host: "h", pid: 1, runID: nil)
            try await store.heartbeat(pipeline: "p", host: "h", pid: 1, runID: started.id)
            #expect(try await store.lockHolder(pipeline: "p")?.runID == started.id)
            try await store.heartbeat(pipeline: "p", host: "h", pid: 1, runID: nil)
            #expect(try await store.lockHolder(pipeline: "p")?.runID == started.id)
            let outcome = RunSourceRecord(sourceID: "a", adapter: "csv", origin: "/a.csv", status: "unchanged")
            try await store.record(runID: started.id, sources: [outcome], fetches: [], finish: nil)
            try await store.record(
                runID: started.id, sources: [], fetches: [],
                finish: RunEnding(status: "succeeded", records: 3, summary: "{\"met\":1}"))
            let second = try await store.startRun(pipeline: "p", file: "/p.yaml", host: "h", pid: 1, fullRefresh: false)
            try await store.record(
                runID: second.id, sources: [], fetches: [],
                finish: RunEnding(status: "failed", records: 0, summary: nil))
            let first = try #require(try await store.run(id: started.id))
            #expect(first.status == "succeeded" && first.records == 3 && first.summary == "{\"met\":1}")
            let again = try #require(try await store.run(id: second.id))
            #expect(again.status == "failed" && again.summary == nil)
            #expect(try await store.runSources(runID: started.id).map(\.status) == ["unchanged"])
            try await store.releaseLock(pipeline: "p", host: "h", pid: 1)
            #expect(try await store.lockHolder(pipeline: "p") == nil)
            // Each fixed statement was prepared once on the connection, under its slot's name.
            let names = try await store.preparedStatementNames()
            #expect(names.count >= 6, "prepared: \(names)")
            #expect(names.allSatisfy { $0.hasPrefix("yardstick_") }, "prepared: \(names)")
            #expect(Set(names).count == names.count)
            await store.close()
        }
    }

    @Test func aWriterWhoseConnectionTheServerClosedFailsAtOnceAsUnavailable() async throws {
        try await TestDatabase.with { db in
            let store = try await PostgresStore(url: db.url, logger: TestServer.quietLogger)
            let run = try await store.beginRun(pipeline: "p", file: "/p.yaml", host: "h", pid: 1, fullRefresh: false)
            let writer = try await store.openSource(Self.info(run))
            let ended = try await db.scalars(
                """
                SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle in transaction'
                """)
            #expect(ended == ["true"])
            // The client learns of the close asynchronously.
            try await Task.sleep(nanoseconds: 300_000_000)
            let before = store.unavailableErrors
            // An unstructured task, so that a write that never returns fails the test instead of hanging it.
            let write = Task { () -> String in
                do {
                    try await writer.append([Self.observation("生产总值", 1, line: 1)])
                    _ = try await writer.commit()
                    return "stored"
                } catch let error as StoreError {
                    return error.code.rawValue
                }
            }
            let done = OneResult()
            Task { await done.set(try? await write.value) }
            let deadline = Date().addingTimeInterval(20)
            while await done.value == nil && Date() < deadline { try await Task.sleep(nanoseconds: 50_000_000) }
            let outcome = await done.value ?? "still waiting after 20 s"
            try #require(outcome == "unavailable")  // a writer that hangs would hang its rollback too
            #expect(store.unavailableErrors == before + 1)
            await writer.rollback()
            #expect(try await db.count("SELECT COUNT(*) FROM observations") == 0)
            await store.close()
        }
    }
}

func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    addr.sin_port = 0
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
    _ = withUnsafeMutablePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
    }
    return Int(UInt16(bigEndian: addr.sin_port))
}

/// Every message and metadata value logged through it, at every level.
final class CapturedLog: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    var text: String { lock.withLock { lines.joined(separator: "\n") } }
    var count: Int { lock.withLock { lines.count } }
    func add(_ line: String) { lock.withLock { lines.append(line) } }

    var logger: Logger {
        var logger = Logger(label: "test.captured") { _ in Handler(log: self) }
        logger.logLevel = .trace
        return logger
    }

    struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            log.add("\(event.level) \(event.message) \(all.map { "\($0)=\($1)" }.joined(separator: " "))")
        }
    }
}

@Suite(.enabled(if: TestServer.enabled, "YARDSTICK_TEST_PG is not set")) struct PostgresPasswordLogTests {
    @Test func thePasswordIsNeverLoggedAtAnyLevel() async throws {
        try await TestDatabase.with { db in
            let server = try TestServer.location()
            let log = CapturedLog()
            let base = "yardstick_pw@\(server.host):\(server.port)/\(db.name)"
            let store = try await PostgresStore(
                url: "postgres://yardstick_pw:test-secret-pw@\(server.host):\(server.port)/\(db.name)",
                environment: [:], logger: log.logger)
            let run = try await store.beginRun(pipeline: "log-test", file: "f", host: "h", pid: 1, fullRefresh: false)
            try await store.finishRun(id: run, status: "succeeded", records: 0, summary: nil)
            await store.close()
            do {
                _ = try await PostgresStore(
                    url: "postgres://\(base)", environment: ["PGPASSWORD": "wrong-pw-31"], logger: log.logger)
                Issue.record("a wrong password from PGPASSWORD logged in")
            } catch let error as StoreError {
                #expect(error.code == .cannotOpen)
                #expect(
                    error.message.contains("PGPASSWORD"),
                    "the error says where the password came from: \(error.message)")
                #expect(!"\(error)".contains("wrong-pw-31"))
            }
            #expect(log.count > 0, "postgres-nio logged nothing at trace level, so this test would see no leak")
            #expect(!log.text.contains("test-secret-pw"))
            #expect(!log.text.contains("wrong-pw-31"))
        }
    }
}

/// The first value set, read from another task.
actor OneResult {
    private(set) var value: String?
    func set(_ v: String?) { if value == nil { value = v ?? "threw" } }
}
