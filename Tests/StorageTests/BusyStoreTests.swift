import Foundation
import IndicatorKit
import Storage
import Testing

/// Another process holding the store's write lock: a write waits the busy timeout, then fails with
/// a message that names the runs holding pipeline locks on the store.
@Suite struct BusyStoreTests {
    @Test func aBusyStoreNamesTheRunsHoldingLocks() throws {
        let dir = NSTemporaryDirectory() + "yardstick-busy-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/db.sqlite"
        let store = try SQLiteStore(path: path, busyTimeout: 0.5)
        _ = try store.acquireLock(pipeline: "big", host: "host-a", pid: 4242, staleAfter: 120, isAlive: { _ in true })
        #expect(try store.runs().isEmpty)

        // A real second process takes SQLite's write lock and keeps it until its stdin closes.
        let held = dir + "/held"
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = [
            "python3", "-c",
            """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute('BEGIN IMMEDIATE')
            open(sys.argv[2], 'w').close()
            sys.stdin.read()
            c.execute('COMMIT')
            """, path, held,
        ]
        let stdin = Pipe()
        holder.standardInput = stdin
        try holder.run()
        defer { if holder.isRunning { holder.terminate() } }
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: held) && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(FileManager.default.fileExists(atPath: held))

        do {
            _ = try store.beginRun(pipeline: "small", file: "small.yaml", host: "host-b", pid: 7, fullRefresh: false)
            Issue.record("a write went through while another process held the write lock")
        } catch let error as StoreError {
            #expect(error.code == .busy)
            #expect(error.message.contains("pipeline 'big' on host host-a, pid 4242"), "\(error.message)")
        }
        try stdin.fileHandleForWriting.close()
        holder.waitUntilExit()
        // Once the other process lets go, the same write lands.
        _ = try store.beginRun(pipeline: "small", file: "small.yaml", host: "host-b", pid: 7, fullRefresh: false)
        #expect(try store.runs().map(\.pipeline) == ["small"])
    }
}
