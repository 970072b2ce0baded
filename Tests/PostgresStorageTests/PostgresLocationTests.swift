import Foundation
import PostgresStorage
import Storage
import Testing

@Suite struct PostgresLocationTests {
    @Test func theURLGivesHostPortUserAndDatabase() throws {
        let l = try PostgresLocation(url: "postgres://ana@db.example:6543/bureau?sslmode=disable", environment: [:])
        #expect(l.host == "db.example")
        #expect(l.port == 6543)
        #expect(l.user == "ana")
        #expect(l.database == "bureau")
        #expect(l.tls == .disable)
        #expect(l.passwordSource == nil)
        #expect(l.description == "postgres://ana@db.example:6543/bureau")
    }

    @Test func thePasswordComesFromTheURLThenPGPASSWORDThenPgpass() throws {
        let folder = NSTemporaryDirectory() + "yardstick-pgpass-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let pgpass = folder + "/pgpass"
        try "# comment\nother:5432:*:ana:wrong\ndb.example:*:bureau:ana:from\\:file\n".write(
            toFile: pgpass, atomically: true, encoding: .utf8)
        let fromURL = try PostgresLocation(
            url: "postgres://ana:in%40url@db.example/bureau", environment: ["PGPASSWORD": "env", "PGPASSFILE": pgpass])
        #expect(fromURL.passwordSource == "the URL")
        let fromEnv = try PostgresLocation(
            url: "postgres://ana@db.example/bureau", environment: ["PGPASSWORD": "env", "PGPASSFILE": pgpass])
        #expect(fromEnv.passwordSource == "PGPASSWORD")
        let fromFile = try PostgresLocation(
            url: "postgres://ana@db.example/bureau", environment: ["PGPASSFILE": pgpass])
        #expect(fromFile.passwordSource == pgpass)
        let none = try PostgresLocation(url: "postgres://ana@db.example/other", environment: ["PGPASSFILE": pgpass])
        #expect(none.passwordSource == nil)
        for l in [fromURL, fromEnv, fromFile] {
            for secret in ["in@url", "in%40url", "env", "from:file", "from\\:file"] {
                #expect(!l.description.contains(secret))
                #expect(!String(reflecting: l).contains(secret))
            }
        }
    }

    @Test func aBadURLIsAnErrorThatMasksThePassword() {
        do {
            _ = try PostgresLocation(url: "postgres://ana:s3cret-pw@db.example/bureau?sslmod=off", environment: [:])
            Issue.record("no error")
        } catch let error as StoreError {
            #expect(error.code == .cannotOpen)
            #expect(error.message.contains("sslmod"))
            #expect(!error.description.contains("s3cret-pw"))
            #expect(error.message.contains("postgres://ana:***@db.example/bureau"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
