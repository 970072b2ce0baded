import BuiltinAdapters
import Foundation
import IndicatorKit
import Pipeline
import Storage
import TestSupport
import Testing

/// Unchanged nights, decided from the stored state: a rerun whose inputs, options, catalog and
/// adapters are what they were skips its sources, checks and reports; any one of them changed runs
/// what depends on it again.
@Suite struct UnchangedRerunTests {
    /// The 柘城县 speech and 2021 bulletin in a new folder, a pipeline reading them and an extra
    /// catalog file layered on the built-in one.
    struct Bench {
        let folder: TempFolder
        let store: SQLiteStore
        let pipeline: String
        let catalog: String
        var options = RunOptions()

        init() throws {
            folder = try TempFolder()
            for name in [
                "zhecheng-2022-economic-work-conference.txt", "zhecheng-2021-statistical-bulletin-excerpt.txt",
            ] {
                try FileManager.default.copyItem(atPath: Package.root + "/seeds/" + name, toPath: folder.file(name))
            }
            pipeline = folder.file("z.yaml")
            catalog = try folder.write("extra.yaml", Self.catalogText)
            store = try SQLiteStore(path: folder.file("db.sqlite"))
            options.cacheDirectory = folder.file("cache")
            options.skipUnchangedChecks = true
            try writePipeline(bulletinOptions: "{ mode: observations, year: 2021 }")
        }

        static let catalogText = """
            indicators:
              - code: test_extra
                names: { zh-Hans: 测试指标, en: Test indicator }
                unit: 个
                kind: level
                better: higher
                area: 经济

            """

        func writePipeline(bulletinOptions: String) throws {
            try folder.write(
                "z.yaml",
                """
                pipeline: z
                region: 柘城县
                period: 2022
                sources:
                  - id: speech
                    adapter: speech-text
                    location: zhecheng-2022-economic-work-conference.txt
                  - id: bulletin
                    adapter: speech-text
                    location: zhecheng-2021-statistical-bulletin-excerpt.txt
                    options: \(bulletinOptions)
                goals:
                  sources: [speech]

                """)
        }

        func run(_ registry: AdapterRegistry = builtinAdapters) async throws -> RunSummary {
            let config = try PipelineLoader(registry: registry).load(path: pipeline)
            let evaluator = ScorecardEvaluator(catalogFiles: [catalog], logger: quietLogger, colour: false)
            return try await PipelineRunner(registry: registry, store: store, logger: quietLogger, evaluator: evaluator)
                .run(config, options: options)
        }

        /// The status of each source in a run, by id.
        static func statuses(_ summary: RunSummary) -> [String: String] {
            Dictionary(uniqueKeysWithValues: summary.sources.map { ($0.sourceID, $0.status) })
        }
    }

    /// Overwrites one ASCII digit of `path` in place (same size) and sets its modification time
    /// back to what it was, so only the bytes (and the status-change time) tell the change.
    static func changeOneDigitKeepingSizeAndTime(_ path: String) throws {
        var before = stat()
        #expect(stat(path, &before) == 0)
        var bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
        let index = try #require(bytes.lastIndex { $0 >= 0x30 && $0 <= 0x39 })
        bytes[index] = bytes[index] == 0x39 ? 0x30 : bytes[index] + 1
        let fd = open(path, O_WRONLY)
        #expect(fd >= 0)
        let written = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress!, bytes.count, 0) }
        close(fd)
        #expect(written == bytes.count)
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        var after = stat()
        #expect(stat(path, &after) == 0)
        #expect(after.st_size == before.st_size)
        #expect(after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
    }

    @Test func anUnchangedRerunSkipsSourcesChecksAndReports() async throws {
        let bench = try Bench()
        defer { bench.folder.cleanup() }
        let first = try await bench.run()
        #expect(Bench.statuses(first) == ["speech": "stored", "bulletin": "stored"])
        #expect(first.checksUnchangedSince == nil)
        let checks = try bench.store.checks(runID: first.runID)
        #expect(!checks.isEmpty)

        let second = try await bench.run()
        #expect(Bench.statuses(second) == ["speech": "unchanged", "bulletin": "unchanged"])
        #expect(second.checksUnchangedSince == first.runID)
        #expect(second.statusCounts == first.statusCounts)
        #expect(try bench.store.checks(runID: second.runID).isEmpty)
        let recorded = try bench.store.runSources(runID: second.runID)
        #expect(recorded.contains { $0.sourceID == PipelineRunner.checksStateID && $0.status == "unchanged" })
        #expect(try bench.store.fetches(runID: second.runID).map(\.status) == ["not-modified", "not-modified"])
        #expect(try bench.store.run(id: second.runID)?.summary == bench.store.run(id: first.runID)?.summary)
    }

    @Test func oneChangedByteWithTheSameSizeAndTimeRunsTheSourceAndTheChecks() async throws {
        let bench = try Bench()
        defer { bench.folder.cleanup() }
        let first = try await bench.run()
        _ = try await bench.run()
        try Self.changeOneDigitKeepingSizeAndTime(bench.folder.file("zhecheng-2021-statistical-bulletin-excerpt.txt"))
        let changed = try await bench.run()
        #expect(Bench.statuses(changed) == ["speech": "unchanged", "bulletin": "stored"])
        #expect(changed.checksUnchangedSince == nil)
        #expect(try bench.store.checks(runID: changed.runID).count == bench.store.checks(runID: first.runID).count)
        // And the next night, nothing changed again.
        let after = try await bench.run()
        #expect(after.checksUnchangedSince == changed.runID)
    }

    @Test func aChangedOptionRunsThatSourceAndTheChecks() async throws {
        let bench = try Bench()
        defer { bench.folder.cleanup() }
        _ = try await bench.run()
        #expect(try await bench.run().checksUnchangedSince != nil)
        try bench.writePipeline(bulletinOptions: "{ mode: observations, year: 2021, format: text }")
        let changed = try await bench.run()
        #expect(Bench.statuses(changed) == ["speech": "unchanged", "bulletin": "stored"])
        #expect(changed.checksUnchangedSince == nil)
        #expect(try !bench.store.checks(runID: changed.runID).isEmpty)
    }

    @Test func aChangedCatalogRunsEverySourceAndTheChecks() async throws {
        let bench = try Bench()
        defer { bench.folder.cleanup() }
        _ = try await bench.run()
        #expect(try await bench.run().checksUnchangedSince != nil)
        try (Bench.catalogText + "    aliases: [测试别名]\n").write(
            toFile: bench.catalog, atomically: true, encoding: .utf8)
        let changed = try await bench.run()
        #expect(Bench.statuses(changed) == ["speech": "stored", "bulletin": "stored"])
        #expect(changed.checksUnchangedSince == nil)
        #expect(try !bench.store.checks(runID: changed.runID).isEmpty)
        #expect(try await bench.run().checksUnchangedSince == changed.runID)
    }

    @Test func aNewAdapterVersionRunsItsSourceAndTheChecks() async throws {
        let bench = try Bench()
        defer { bench.folder.cleanup() }
        try bench.folder.write("v.txt", "x\n")
        try bench.folder.write(
            "z.yaml", "pipeline: z\nsources:\n  - id: v\n    adapter: versioned\n    location: v.txt\n")
        let v1 = AdapterRegistry([VersionedAdapter<Version1>.self])
        let first = try await bench.run(v1)
        #expect(Bench.statuses(first) == ["v": "stored"])
        #expect(try await bench.run(v1).checksUnchangedSince == first.runID)
        let v2 = AdapterRegistry([VersionedAdapter<Version2>.self])
        let changed = try await bench.run(v2)
        #expect(Bench.statuses(changed) == ["v": "stored"])
        #expect(changed.checksUnchangedSince == nil)
        #expect(try await bench.run(v2).checksUnchangedSince == changed.runID)
    }
}
