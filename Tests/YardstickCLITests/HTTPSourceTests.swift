import Foundation
import Storage
import TestSupport
import Testing

/// Writes p.yaml in `folder`: pipeline `id` of 测试县 whose source `portal` reads the CSV at `location`
/// with open-data, followed by `extra` (YAML lines of that source, or further sources).
func writePortalPipeline(_ folder: TempFolder, _ id: String, location: String, then extra: String) throws {
    try folder.write(
        "p.yaml",
        """
        pipeline: \(id)
        region: 测试县
        sources:
          - id: portal
            adapter: open-data
            location: \(location)
            options: { format: csv }
        \(extra)
        """)
}

/// Pipelines whose sources are served over HTTP by a real server on 127.0.0.1
/// (Tests/FetchTests/Fixtures/test_server.py), run through the yardstick executable.
@Suite(.serialized) struct HTTPSourceTests {
    @Test func secondRunOfAnUnchangedURLIsNotModifiedAndStoresNoDuplicates() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        #expect(server.port > 0)
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try writePortalPipeline(
            folder, "served", location: server.url("/etag?case=pipeline"),
            then: """
                  - id: gone
                    adapter: open-data
                    location: \(server.url("/missing?case=pipeline"))
                    options: { format: csv }
                """)
        let first = try yardstick(["run", "p.yaml", "--db", "db.sqlite", "-q"], in: folder.path)
        #expect(first.status == 3)  // the 404 source failed, the other landed
        #expect(first.stdout.contains("portal: stored 2 records"))
        #expect(first.stdout.contains("gone: FAILED"))
        #expect(first.stdout.contains("404"))
        let second = try yardstick(["run", "p.yaml", "--db", "db.sqlite", "-q"], in: folder.path)
        #expect(second.stdout.contains("portal: unchanged since the last run"), "\(second.stdout)")
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        #expect(try store.count("observations", sourceID: "portal") == 2)
        let runs = try store.runs(pipeline: "served")
        #expect(runs.count == 2)
        let fetches = try store.fetches(runID: runs[0].id)
        #expect(fetches.first { $0.sourceID == "portal" }?.status == "not-modified")
        #expect(fetches.first { $0.sourceID == "portal" }?.httpStatus == 304)
        // The first run's body is in the content-addressed cache under its sha256.
        let firstFetch = try #require(try store.fetches(runID: runs[1].id).first { $0.sourceID == "portal" })
        let cached = try #require(firstFetch.cachePath)
        #expect(cached.hasSuffix(try #require(firstFetch.sha256)))
        #expect(FileManager.default.fileExists(atPath: cached))
        // `runs show` says how each download came, from the fetch log.
        let show = try yardstick(["runs", "show", String(runs[0].id), "--db", "db.sqlite"], in: folder.path)
        #expect(show.stdout.contains("fetched: HTTP 304 not-modified"), "\(show.stdout)")
        // --full-refresh reads it again.
        let third = try yardstick(["run", "p.yaml", "--db", "db.sqlite", "-q", "--full-refresh"], in: folder.path)
        #expect(third.stdout.contains("portal: stored 2 records"))
    }
}
