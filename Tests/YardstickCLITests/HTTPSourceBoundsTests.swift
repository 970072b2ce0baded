import Foundation
import Storage
import TestSupport
import Testing

/// `max-body-size` and `timeout` on http(s) sources, against the local test server.
@Suite(.serialized) struct HTTPSourceBoundsTests {
    @Test func maxBodySizeIsARealSourceOptionAndTheErrorNamesIt() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let folder = try TempFolder()
        defer { folder.cleanup() }
        func write(_ size: String) throws {
            try writePortalPipeline(
                folder, "sized", location: server.url("/ok.csv"), then: "    max-body-size: \(size)")
        }
        try write("64")
        let small = try yardstick(["run", "p.yaml", "--db", "db.sqlite", "-q"], in: folder.path)
        #expect(small.status == 3)
        #expect(small.stdout.contains("limit of 64 bytes"))
        #expect(small.stdout.contains("max-body-size"))
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        #expect(try store.currentRecordCount(pipeline: "sized", sourceID: "portal") == nil)
        try write("1KiB")
        let raised = try yardstick(["run", "p.yaml", "--db", "db.sqlite", "-q"], in: folder.path)
        #expect(raised.status == 0, "\(raised.stdout)")
        #expect(try store.currentRecordCount(pipeline: "sized", sourceID: "portal")?.records == 2)
    }

    @Test func timeoutOnAnHTTPSourceBoundsTheTransfer() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try writePortalPipeline(folder, "stalled", location: server.url("/slow?seconds=30"), then: "    timeout: 1")
        let run = try yardstick(["run", "p.yaml", "--db", "db.sqlite", "-q"], in: folder.path)
        #expect(run.status == 3)
        #expect(run.stdout.contains("timed out"))
        #expect(run.stdout.contains("total limit 1.0 s"))
    }
}
