import Foundation
import PostgresStorage
import PostgresStorageTesting
import Storage
import StorageTesting
import Testing

/// The store contract every `ResultStore` keeps, on PostgreSQL: one fresh database per check.
@Suite(.enabled(if: TestServer.enabled, "YARDSTICK_TEST_PG is not set")) struct PostgresConformanceTests {
    @Test func postgresStoreConforms() async throws {
        let made = DatabaseList()
        let conformance = StoreConformance(
            name: "postgres",
            makeStore: {
                let db = try await TestDatabase.create()
                made.add(db)
                return try await PostgresStore(url: db.url, logger: TestServer.quietLogger)
            },
            overwriteCode: { store, table, row, column, code in
                try await (store as! PostgresStore).overwriteCode(table: table, row: row, column: column, code: code)
            })
        let violations = await conformance.violations()
        for db in made.all { await db.drop() }
        #expect(violations.isEmpty, "\(violations)")
    }
}

final class DatabaseList: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [TestDatabase] = []
    func add(_ db: TestDatabase) {
        lock.lock()
        list.append(db)
        lock.unlock()
    }
    var all: [TestDatabase] {
        lock.lock()
        defer { lock.unlock() }
        return list
    }
}
