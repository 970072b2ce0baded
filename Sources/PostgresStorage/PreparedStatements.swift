import Foundation
import Logging
import PostgresNIO

/// The store's fixed statements as prepared statements: each connection sends a statement's text
/// once and then only its values, so the server neither parses nor plans it again on every run (an
/// unchanged run is eight statements, most of them these).
///
/// postgres-nio names a prepared statement by a type (`PostgresPreparedStatement`), so the texts
/// are given slots: the first time a text is run it takes the next free slot (`SlotStatement` of
/// `S0`…`S23`) for the life of the process, and every connection prepares it under that slot's name on its first use.
/// Only the call sites that pass `prepared: true` use slots, each with a text that does not vary
/// (values are bound, never spliced in); when the slots are taken, a statement runs unnamed as
/// before.
enum PreparedStatements {
    /// How many texts can have a slot; the store has fewer fixed statements on its hot paths.
    static let capacity = 24

    private static let lock = NSLock()
    nonisolated(unsafe) private static var texts: [String] = []
    nonisolated(unsafe) private static var slots: [String: Int] = [:]

    /// Whether statements are prepared at all: `YARDSTICK_PG_PREPARE=0` runs every statement
    /// unnamed (to compare the two).
    static let enabled = ProcessInfo.processInfo.environment["YARDSTICK_PG_PREPARE"] != "0"

    /// The slot of `sql`, taking a free one; nil when every slot is taken by another text.
    static func slot(for sql: String) -> Int? {
        guard enabled else { return nil }
        return lock.withLock {
            if let slot = slots[sql] { return slot }
            guard texts.count < capacity else { return nil }
            texts.append(sql)
            slots[sql] = texts.count - 1
            return texts.count - 1
        }
    }

    /// The text of a slot that was given out.
    static func text(of slot: Int) -> String {
        lock.withLock { texts[slot] }
    }
}

/// A slot's number, as a type.
protocol PreparedSlot: Sendable { static var number: Int { get } }

/// A statement in a slot, with this execution's values.
struct SlotStatement<Slot: PreparedSlot>: PostgresPreparedStatement {
    typealias Row = PostgresRow
    static var name: String { "yardstick_\(Slot.number)" }
    static var sql: String { PreparedStatements.text(of: Slot.number) }
    let bindings: PostgresBindings
    func makeBindings() -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) -> PostgresRow { row }
}

enum S0: PreparedSlot { static let number = 0 }
enum S1: PreparedSlot { static let number = 1 }
enum S2: PreparedSlot { static let number = 2 }
enum S3: PreparedSlot { static let number = 3 }
enum S4: PreparedSlot { static let number = 4 }
enum S5: PreparedSlot { static let number = 5 }
enum S6: PreparedSlot { static let number = 6 }
enum S7: PreparedSlot { static let number = 7 }
enum S8: PreparedSlot { static let number = 8 }
enum S9: PreparedSlot { static let number = 9 }
enum S10: PreparedSlot { static let number = 10 }
enum S11: PreparedSlot { static let number = 11 }
enum S12: PreparedSlot { static let number = 12 }
enum S13: PreparedSlot { static let number = 13 }
enum S14: PreparedSlot { static let number = 14 }
enum S15: PreparedSlot { static let number = 15 }
enum S16: PreparedSlot { static let number = 16 }
enum S17: PreparedSlot { static let number = 17 }
enum S18: PreparedSlot { static let number = 18 }
enum S19: PreparedSlot { static let number = 19 }
enum S20: PreparedSlot { static let number = 20 }
enum S21: PreparedSlot { static let number = 21 }
enum S22: PreparedSlot { static let number = 22 }
enum S23: PreparedSlot { static let number = 23 }

/// The rows of a statement, whether it ran prepared or unnamed.
typealias StatementRows = AsyncThrowingMapSequence<PostgresRowSequence, PostgresRow>

extension PostgresConnection {
    /// `run`, as a prepared statement when `prepared` and a slot is free (see `PreparedStatements`).
    func run(_ query: PostgresQuery, prepared: Bool, logger: Logger) async throws -> StatementRows {
        guard !isClosed else { throw ConnectionClosed() }
        guard prepared, let slot = PreparedStatements.slot(for: query.sql) else {
            return try await self.query(query, logger: logger).map { $0 }
        }
        let b = query.binds
        switch slot {
        case 0: return try await execute(SlotStatement<S0>(bindings: b), logger: logger)
        case 1: return try await execute(SlotStatement<S1>(bindings: b), logger: logger)
        case 2: return try await execute(SlotStatement<S2>(bindings: b), logger: logger)
        case 3: return try await execute(SlotStatement<S3>(bindings: b), logger: logger)
        case 4: return try await execute(SlotStatement<S4>(bindings: b), logger: logger)
        case 5: return try await execute(SlotStatement<S5>(bindings: b), logger: logger)
        case 6: return try await execute(SlotStatement<S6>(bindings: b), logger: logger)
        case 7: return try await execute(SlotStatement<S7>(bindings: b), logger: logger)
        case 8: return try await execute(SlotStatement<S8>(bindings: b), logger: logger)
        case 9: return try await execute(SlotStatement<S9>(bindings: b), logger: logger)
        case 10: return try await execute(SlotStatement<S10>(bindings: b), logger: logger)
        case 11: return try await execute(SlotStatement<S11>(bindings: b), logger: logger)
        case 12: return try await execute(SlotStatement<S12>(bindings: b), logger: logger)
        case 13: return try await execute(SlotStatement<S13>(bindings: b), logger: logger)
        case 14: return try await execute(SlotStatement<S14>(bindings: b), logger: logger)
        case 15: return try await execute(SlotStatement<S15>(bindings: b), logger: logger)
        case 16: return try await execute(SlotStatement<S16>(bindings: b), logger: logger)
        case 17: return try await execute(SlotStatement<S17>(bindings: b), logger: logger)
        case 18: return try await execute(SlotStatement<S18>(bindings: b), logger: logger)
        case 19: return try await execute(SlotStatement<S19>(bindings: b), logger: logger)
        case 20: return try await execute(SlotStatement<S20>(bindings: b), logger: logger)
        case 21: return try await execute(SlotStatement<S21>(bindings: b), logger: logger)
        case 22: return try await execute(SlotStatement<S22>(bindings: b), logger: logger)
        default: return try await execute(SlotStatement<S23>(bindings: b), logger: logger)
        }
    }
}

extension PostgresStore {
    /// The names of the statements prepared on the connection the store would use next, sorted
    /// (diagnostics: the tests look at which fixed statements were prepared).
    public func preparedStatementNames() async throws -> [String] {
        try await rows(
            "reading the prepared statements", "SELECT name FROM pg_prepared_statements ORDER BY name"
        ) { try $0("name", as: String.self) }
    }
}
