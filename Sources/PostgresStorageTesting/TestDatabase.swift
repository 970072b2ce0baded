import Foundation
import Logging
import PostgresNIO
import PostgresStorage

/// The PostgreSQL server the tests run against: `YARDSTICK_TEST_PG`, a `postgres://` URL of a role
/// that may create databases (`.ci/run` starts a throwaway cluster with scripts/pg-test-cluster.sh
/// and exports it).
///
/// Outside CI without it the PostgreSQL suites are skipped, with a note on stderr saying how to run
/// them; with `CI` set they run and fail (`TestDatabase.create` throws), never skip.
public enum TestServer {
    /// The server's URL, if one was given.
    public static let url: String? = ProcessInfo.processInfo.environment["YARDSTICK_TEST_PG"].flatMap {
        $0.isEmpty ? nil : $0
    }
    /// True when `CI` is set (not empty, not "false" or "0").
    public static let inCI: Bool = {
        let value = ProcessInfo.processInfo.environment["CI"] ?? ""
        return !value.isEmpty && value != "false" && value != "0"
    }()

    /// Whether the PostgreSQL suites run: with a server, or in CI (where a missing one fails them).
    public static let enabled: Bool = {
        if url == nil && !inCI {
            FileHandle.standardError.write(Data((skipNote + "\n").utf8))
        }
        return url != nil || inCI
    }()

    /// Why the suites were skipped.
    public static let skipNote =
        "note: the PostgreSQL tests are skipped: YARDSTICK_TEST_PG is not set; start a server with `bash scripts/pg-test-cluster.sh start`, export the URL it prints as YARDSTICK_TEST_PG, and stop it afterwards with `bash scripts/pg-test-cluster.sh stop DIR`"

    /// A logger that says nothing (the tests assert on values, not logs).
    public static let quietLogger: Logger = Logger(label: "test.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The test server's location, or an error saying how to get one.
    public static func location() throws -> PostgresLocation {
        guard let url else { throw TestServerMissing() }
        return try PostgresLocation(url: url)
    }

    /// Runs `body` on a new connection to `location` (no password: the test cluster trusts its
    /// own roles on loopback) and closes it.
    public static func withConnection<T: Sendable>(
        _ location: PostgresLocation, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let config = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: nil,
            database: location.database, tls: .disable)
        let connection = try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(), configuration: config, id: 1, logger: quietLogger
        ).get()
        do {
            let result = try await body(connection)
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }
}

/// The error of a PostgreSQL test in CI without a server.
public struct TestServerMissing: Error, CustomStringConvertible {
    public init() {}
    public var description: String {
        "CI is set but YARDSTICK_TEST_PG is not: .ci/run starts a cluster with scripts/pg-test-cluster.sh and exports its URL; run the tests through .ci/run, or export the URL of a server"
    }
}

/// A database of its own on the test server for one test, so tests run in parallel; `drop()`
/// removes it.
public struct TestDatabase: Sendable {
    /// The database's name (yardstick_t_…).
    public let name: String
    /// Its URL: the test server's with this database.
    public let url: String
    let server: PostgresLocation

    /// Creates a new, empty database on the test server.
    public static func create() async throws -> TestDatabase {
        let server = try TestServer.location()
        let name = "yardstick_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try await TestServer.withConnection(server) { c in
            _ = try await c.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: TestServer.quietLogger)
        }
        return TestDatabase(name: name, url: try TestDatabase.url(TestServer.url!, database: name), server: server)
    }

    /// A database that exists already (a cluster a test started itself); `drop()` leaves it.
    public init(existing url: String) throws {
        let location = try PostgresLocation(url: url)
        name = location.database
        self.url = url
        server = location
    }

    init(name: String, url: String, server: PostgresLocation) {
        self.name = name
        self.url = url
        self.server = server
    }

    static func url(_ base: String, database: String) throws -> String {
        guard var parts = URLComponents(string: base) else { throw TestServerMissing() }
        parts.path = "/" + database
        return parts.string ?? base
    }

    /// Opens a store on this database.
    public func store(environment: [String: String] = ProcessInfo.processInfo.environment) async throws
        -> PostgresStore
    {
        try await PostgresStore(url: url, environment: environment, logger: TestServer.quietLogger)
    }

    /// Drops the database, closing any connection still open to it.
    public func drop() async {
        guard server.database != name else { return }
        _ = try? await TestServer.withConnection(server) { c in
            try await c.query(
                PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: TestServer.quietLogger
            )
        }
    }

    /// Runs one SQL statement on this database and returns the first column of each row as text
    /// ("NULL" for a null).
    public func scalars(_ sql: String) async throws -> [String] {
        try await TestServer.withConnection(try PostgresLocation(url: url)) { c in
            var out: [String] = []
            for try await value in try await c.query(PostgresQuery(unsafeSQL: sql), logger: TestServer.quietLogger)
                .decode(String?.self)
            {
                out.append(value ?? "NULL")
            }
            return out
        }
    }

    /// The first value `sql` returns, a bigint (a COUNT, a MAX of an id), as an integer (0 for none or NULL).
    public func count(_ sql: String) async throws -> Int {
        try await TestServer.withConnection(try PostgresLocation(url: url)) { c in
            for try await value in try await c.query(PostgresQuery(unsafeSQL: sql), logger: TestServer.quietLogger)
                .decode(Int64?.self)
            {
                return Int(value ?? 0)
            }
            return 0
        }
    }
}

extension TestDatabase {
    /// Runs `body` with a new database and drops it afterwards, whether `body` throws or not.
    public static func with<T>(_ body: (TestDatabase) async throws -> T) async throws -> T {
        let db = try await create()
        do {
            let result = try await body(db)
            await db.drop()
            return result
        } catch {
            await db.drop()
            throw error
        }
    }
}
