import Foundation
import Storage
import Testing

/// Takeover of a lock whose holder on this host is gone: a zombie, or a pid that now belongs to a
/// later process. A live holder on this host keeps its lock however old its heartbeat.
@Suite struct LockTakeoverTests {
    func tempStore() throws -> (SQLiteStore, String) {
        let dir = NSTemporaryDirectory() + "yardstick-takeover-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return (try SQLiteStore(path: dir + "/db.sqlite"), dir)
    }

    /// Starts `argv` with posix_spawn and does not reap it.
    func spawn(_ argv: [String]) throws -> pid_t {
        var pid: pid_t = 0
        let args = argv.map { strdup($0) } + [nil]
        defer { for a in args { free(a) } }
        let rc = posix_spawn(&pid, argv[0], nil, nil, args, environ)
        try #require(rc == 0)
        return pid
    }

    func reap(_ pid: pid_t) {
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }

    @Test func aZombieHolderIsTakenOverAtOnce() throws {
        let (store, dir) = try tempStore()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let child = try spawn(["/bin/sh", "-c", "exit 0"])
        defer { reap(child) }
        // Not reaped: it stays a zombie (state Z).
        let deadline = Date().addingTimeInterval(30)
        while !ProcessStatus.of(Int(child)).zombie && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(ProcessStatus.of(Int(child)).zombie)
        #expect(kill(child, 0) == 0, "a zombie still answers kill(pid, 0)")
        _ = try store.acquireLock(pipeline: "p", host: "h", pid: Int(child), staleAfter: 120)
        let previous = try store.acquireLock(pipeline: "p", host: "h", pid: Int(getpid()), staleAfter: 120)
        #expect(previous?.pid == Int(child))
        #expect(previous?.takeoverReason?.contains("no longer running") == true)
        #expect(try store.lockHolder(pipeline: "p")?.pid == Int(getpid()))
    }

    @Test func aLiveHolderKeepsItsLockButAReusedPidDoesNot() throws {
        let (store, dir) = try tempStore()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let child = try spawn(["/bin/sleep", "100004"])
        defer {
            kill(child, SIGKILL)
            reap(child)
        }
        _ = try store.acquireLock(pipeline: "p", host: "h", pid: Int(child), staleAfter: 120)
        #expect(try store.lockHolder(pipeline: "p")?.processStart == ProcessStatus.of(Int(child)).startTicks)
        // Alive, same host: refused, however stale the heartbeat (0 s limit).
        #expect(throws: StoreError.self) {
            _ = try store.acquireLock(pipeline: "p", host: "h", pid: Int(getpid()), staleAfter: 0)
        }
        // The lock's recorded start time no longer matches the process with that pid: pid reuse.
        let path = dir + "/db.sqlite"
        let edit = Process()
        edit.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        edit.arguments = [
            "python3", "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('UPDATE locks SET pid_start = pid_start - 1'); c.commit()",
            path,
        ]
        try edit.run()
        edit.waitUntilExit()
        #expect(edit.terminationStatus == 0)
        let previous = try store.acquireLock(pipeline: "p", host: "h", pid: Int(getpid()), staleAfter: 120)
        #expect(previous?.pid == Int(child))
        #expect(previous?.takeoverReason?.contains("started later") == true)
    }

    @Test func aTakeoverTellsTheHeartbeatAgeAsOfTheTakeover() throws {
        let (store, dir) = try tempStore()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try store.acquireLock(pipeline: "p", host: "elsewhere", pid: 7, staleAfter: 120)
        // A holder on another host is judged by its heartbeat: with staleAfter -1 any age is stale.
        let previous = try #require(try store.acquireLock(pipeline: "p", host: "h", pid: Int(getpid()), staleAfter: -1))
        #expect(previous.observedAt != nil)
        let said = previous.description
        Thread.sleep(forTimeInterval: 1.2)
        // The run's summary, printed later, gives the same age as the log line written at takeover.
        #expect(previous.description == said)
    }
}
