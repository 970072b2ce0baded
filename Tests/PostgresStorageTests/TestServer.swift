import Foundation
import Logging
import PostgresNIO
import PostgresStorage
import Testing

/// The PostgreSQL server the tests use: `YARDSTICK_TEST_PG` (a URL; `.ci/run` starts a throwaway
/// cluster and sets it). Outside CI without it the PostgreSQL suites are skipped with a message; in
/// CI (`CI` set) a missing server fails `PostgresServerTests.theTestServerIsThereInCI`.
enum TestServer {
    static let url: String? = ProcessInfo.processInfo.environment["YARDSTICK_TEST_PG"].flatMap { $0.isEmpty ? nil : $0 }
    static let inCI = ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } ?? false

    static let available: Bool = {
        if url == nil && !inCI {
            FileHandle.standardError.write(
                Data(
                    "note: the PostgreSQL store tests are skipped: YARDSTICK_TEST_PG is not set (start a server with scripts/pg-test-cluster.sh start and export the URL it prints)\n"
                        .utf8))
        }
        return url != nil
    }()

    static let logger: Logger = {
        var l = Logger(label: "test.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        l.logLevel = .critical
        return l
    }()

    /// A new, empty database on the test server; `drop()` removes it.
    struct Database: Sendable {
        let name: String
        let url: String
        let admin: PostgresLocation

        func drop() async {
            try? await TestServer.admin(admin) { c in
                try await c.query(
                    PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: TestServer.logger)
            }
        }

        /// Runs one SQL statement on this database and returns the first column of every row as text.
        func scalars(_ sql: String) async throws -> [String] {
            let location = try PostgresLocation(url: url)
            return try await TestServer.admin(location) { c in
                var out: [String] = []
                for try await value in try await c.query(PostgresQuery(unsafeSQL: sql), logger: TestServer.logger)
                    .decode(String?.self)
                {
                    out.append(value ?? "NULL")
                }
                return out
            }
        }
    }

    static func makeDatabase() async throws -> Database {
        let base = try #require(url, "YARDSTICK_TEST_PG is not set")
        let admin = try PostgresLocation(url: base)
        let name = "yardstick_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try await TestServer.admin(admin) { c in
            try await c.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
        }
        var parts = try #require(URLComponents(string: base))
        parts.path = "/" + name
        return Database(name: name, url: try #require(parts.string), admin: admin)
    }

    static func admin<T: Sendable>(_ location: PostgresLocation, _ body: (PostgresConnection) async throws -> T)
        async throws -> T
    {
        let config = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: nil,
            database: location.database, tls: .disable)
        let c = try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(), configuration: config, id: 1, logger: logger
        ).get()
        do {
            let r = try await body(c)
            try? await c.close()
            return r
        } catch {
            try? await c.close()
            throw error
        }
    }
}

@Suite struct PostgresServerTests {
    /// CI must run the PostgreSQL suites: no silent skip there.
    @Test func theTestServerIsThereInCI() {
        if TestServer.inCI {
            #expect(
                TestServer.url != nil,
                "CI is set but YARDSTICK_TEST_PG is not: .ci/run starts a cluster with scripts/pg-test-cluster.sh and exports its URL"
            )
        }
    }
}
