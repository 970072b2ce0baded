import Foundation
import Logging
import PostgresNIO
import Storage

/// The PostgreSQL store: the same runs, fetches, observations, goals, checks, source state and locks
/// as `SQLiteStore`, on a server many hosts share, plus the run queue workers claim from.
///
/// Each source is written in one transaction on one connection (`writeSource`): a worker that is
/// killed leaves nothing behind, the server rolls its transaction back. Timestamps are seconds since
/// 1970 as in the SQLite store; the run queue's use the server's clock, so hosts whose clocks differ
/// agree on whose heartbeat is stale.
public final class PostgresStore: ResultStore {
    /// The server and database, without the password.
    public let server: PostgresLocation
    /// The store's URL without its password, for messages.
    public var location: String { server.description }
    let connections: PostgresConnections
    /// The writers of this process whose transaction is open, by run (see `discardUnfinished`).
    let openWriters = OpenWriters()
    let logger: Logger
    private let outages = OutageCounter()

    /// How many calls of this store failed because the server could not be reached or was
    /// restarting (`StoreError.Code.unavailable`). A worker compares it around a run to tell a run
    /// that failed from an outage (it queues it again) from one that failed on its sources.
    public var unavailableErrors: Int { outages.value }

    /// Connects to `url`, creates the tables a new database lacks (named migrations, recorded in
    /// `yardstick_migrations`) and returns the store. Throws `StoreError(.cannotOpen)` or
    /// `(.unavailable)` naming the server, never the password.
    ///
    /// With `existingOnly` nothing is created: a database without the store's tables is
    /// `StoreError(.notFound)`, one that lacks a migration this build knows `.cannotOpen` (for the
    /// commands that only read).
    public init(
        url: String, environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger,
        existingOnly: Bool = false
    ) async throws {
        let server = try PostgresLocation(url: url, environment: environment)
        self.server = server
        self.logger = logger
        connections = PostgresConnections(location: server, logger: logger)
        do {
            if existingOnly {
                try await checkSchema()
            } else {
                try await migrate()
            }
        } catch {
            await connections.closeAll()
            throw error
        }
    }

    /// A store that neither creates nor checks anything on opening (`inspect`).
    private init(server: PostgresLocation, logger: Logger) {
        self.server = server
        self.logger = logger
        connections = PostgresConnections(location: server, logger: logger)
    }

    /// The migrations applied to the store at `url`, oldest first, changing nothing: nil when the
    /// database has no store yet. For `yardstick doctor`, which says what a run would do to it.
    public static func inspect(
        url: String, environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger
    ) async throws -> (location: String, applied: [String]?) {
        let store = PostgresStore(server: try PostgresLocation(url: url, environment: environment), logger: logger)
        do {
            let applied = try await store.migrationsIfAny()
            await store.close()
            return (store.location, applied)
        } catch {
            await store.close()
            throw error
        }
    }

    /// Closes the idle connections. The store must not be used afterwards.
    public func close() async {
        await connections.closeAll()
    }

    /// Runs `body` on a connection of the store's own; a connection that broke is not reused.
    func withConnection<T: Sendable>(
        _ what: String, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let connection: PostgresConnection
        do {
            connection = try await connections.acquire()
        } catch {
            throw explained(error, what)
        }
        do {
            let result = try await body(connection)
            await connections.release(connection)
            return result
        } catch {
            await connections.release(connection)
            throw explained(error, what)
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T: Sendable>(_ what: String, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await withConnection(what) { connection in
            try await connection.run("BEGIN", logger: logger)
            do {
                let result = try await body(connection)
                try await connection.run("COMMIT", logger: logger)
                return result
            } catch {
                _ = try? await connection.run("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    /// A store error for a failure of `what`: the server's own message and SQLSTATE, or that the
    /// server cannot be reached; never the password or bound values.
    func explained(_ error: Error, _ what: String) -> Error {
        let explained = explanation(error, what)
        if let store = explained as? StoreError, store.code == .unavailable, !(error is StoreError) {
            outages.increment()
        }
        return explained
    }

    private func explanation(_ error: Error, _ what: String) -> Error {
        if error is StoreError { return error }
        if error is ConnectionClosed {
            return StoreError(
                .unavailable,
                "\(server): \(what) failed: the server closed the connection (it stopped or restarted); run again when it is up (workers retry)"
            )
        }
        guard let psql = error as? PSQLError else {
            return StoreError(.writeFailed, "\(server): \(what) failed: \(error)")
        }
        if psql.code == .server, let info = psql.serverInfo {
            let state = info[.sqlState] ?? "?"
            let message = info[.message] ?? "no message"
            switch state {
            case "28P01", "28000":
                return StoreError(
                    .cannotOpen,
                    "\(server): the server refused the login (\(message), SQLSTATE \(state)); give the password in PGPASSWORD or ~/.pgpass (password read from \(server.passwordSource ?? "nowhere"))"
                )
            case "3D000":
                return StoreError(
                    .cannotOpen,
                    "\(server): \(message) (SQLSTATE \(state)); create it (createdb \(server.database)) or name another database in the URL"
                )
            case "57P01", "57P02", "57P03", "08000", "08003", "08006":
                return StoreError(
                    .unavailable,
                    "\(server): \(what) failed: the server is shutting down or starting (\(message), SQLSTATE \(state)); run again when it is up (workers retry)"
                )
            default:
                return StoreError(
                    .writeFailed, "\(server): \(what) failed: \(message) (SQLSTATE \(state))",
                    underlying: info[.detail])
            }
        }
        let cause = psql.underlying.map { "\($0)" } ?? "\(psql.code)"
        return StoreError(
            .unavailable,
            "\(server): \(what) failed: cannot reach the server (\(cause)); check that it runs and the URL's host and port (workers retry)"
        )
    }
}

extension StoreError.Code {
    /// The database server cannot be reached or is restarting; retrying later may succeed.
    public static let unavailable = StoreError.Code(rawValue: "unavailable")
}

/// A count shared by every task of a store.
final class OutageCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}

/// The source writers of a store whose transaction is still open, by run id.
actor OpenWriters {
    private var byRun: [Int64: [ObjectIdentifier: PostgresRecordWriter]] = [:]

    func add(_ writer: PostgresRecordWriter, run: Int64) {
        byRun[run, default: [:]][ObjectIdentifier(writer)] = writer
    }

    func remove(_ writer: PostgresRecordWriter, run: Int64) {
        byRun[run]?[ObjectIdentifier(writer)] = nil
        if byRun[run]?.isEmpty == true { byRun[run] = nil }
    }

    /// Removes and returns the open writers of `run` and `pipeline`.
    func take(run: Int64, pipeline: String) -> [PostgresRecordWriter] {
        let writers = (byRun[run] ?? [:]).filter { $0.value.pipeline == pipeline }
        for key in writers.keys { byRun[run]?[key] = nil }
        if byRun[run]?.isEmpty == true { byRun[run] = nil }
        return Array(writers.values)
    }
}

/// The store's connections: idle ones are reused, broken ones dropped, new ones opened on demand.
actor PostgresConnections {
    let configuration: PostgresConnection.Configuration
    let logger: Logger
    private var idle: [PostgresConnection] = []
    private var nextID = 0
    private var closed = false

    init(location: PostgresLocation, logger: Logger) {
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: .disable)
        var unverified = TLSConfiguration.makeClientConfiguration()
        unverified.certificateVerification = .none
        switch location.tls {
        case .disable:
            configuration.tls = .disable
        case .prefer:
            configuration.tls = (try? NIOSSLContext(configuration: unverified)).map { .prefer($0) } ?? .disable
        case .require:
            if let context = try? NIOSSLContext(configuration: unverified) { configuration.tls = .require(context) }
        case .verify:
            if let context = try? NIOSSLContext(configuration: .makeClientConfiguration()) {
                configuration.tls = .require(context)
            }
        }
        configuration.options.connectTimeout = .seconds(10)
        self.configuration = configuration
        self.logger = logger
    }

    func acquire() async throws -> PostgresConnection {
        while let connection = idle.popLast() {
            if !connection.isClosed { return connection }
        }
        nextID += 1
        return try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: nextID, logger: logger
        ).get()
    }

    func release(_ connection: PostgresConnection) async {
        if connection.isClosed { return }
        if closed || idle.count >= 4 {
            try? await connection.close()
        } else {
            idle.append(connection)
        }
    }

    /// A store dropped without `close()` closes its idle connections here (a connection must be
    /// closed before it is freed).
    deinit {
        for connection in idle where !connection.isClosed {
            // The callback holds the connection until it is closed.
            connection.close().whenComplete { _ in _ = connection }
        }
    }

    func closeAll() async {
        closed = true
        let all = idle
        idle.removeAll()
        for connection in all { try? await connection.close() }
    }
}

extension PostgresConnection {
    /// `query`, except on a connection that is already closed: that fails at once with
    /// `ConnectionClosed` (postgres-nio's `query` hands its work to the closed channel and never
    /// returns). A source writer keeps its connection while its adapter reads, and the server may
    /// close it meanwhile (a restart or a shutdown), so every statement goes through here.
    @discardableResult
    func run(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence {
        guard !isClosed else { throw ConnectionClosed() }
        return try await self.query(query, logger: logger)
    }
}

/// A statement for a connection the server had already closed (see `PostgresConnection.run`).
struct ConnectionClosed: Error {}
