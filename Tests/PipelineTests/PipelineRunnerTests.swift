import BuiltinAdapters
import Foundation
import IndicatorKit
import Pipeline
import Storage
import TestSupport
import Testing

@Suite struct PipelineRunnerTests {
    /// A pipeline in a temporary folder with an in-memory store and a runner whose cache stays in
    /// that folder.
    struct Setup {
        let folder: TempFolder
        let config: PipelineConfig
        let store: MemoryStore
        let runner: PipelineRunner
        var options: RunOptions

        func run(fullRefresh: Bool = false) async throws -> RunSummary {
            var o = options
            o.fullRefresh = fullRefresh
            return try await runner.run(config, options: o)
        }
    }

    /// Copies `fixtures` into a new folder and loads a pipeline with `sources` there.
    func setUp(fixtures: [String], sources: String) throws -> Setup {
        let folder = try TempFolder()
        for f in fixtures { try folder.copyFixture(f) }
        let config = try pipeline(folder, sources: sources)
        let store = MemoryStore()
        var options = RunOptions()
        options.cacheDirectory = folder.file("cache")
        return Setup(
            folder: folder, config: config, store: store,
            runner: PipelineRunner(registry: builtinAdapters, store: store, logger: quietLogger), options: options)
    }

    /// Runs a pipeline of one exec source `id` running the fixture `script` with python3 (and its
    /// `timeout`, when given); returns the source's record of the run and the store.
    func runOneExec(_ id: String, _ script: String, timeout: Int? = nil) async throws -> (RunSourceRecord, MemoryStore)
    {
        let setup = try setUp(
            fixtures: [script],
            sources: """
                  - id: \(id)
                    adapter: exec
                    command: ["python3", "\(script)"]
                \(timeout.map { "    timeout: \($0)" } ?? "")
                """)
        defer { setup.folder.cleanup() }
        let summary = try await setup.run()
        return (try #require(summary.sources.first), setup.store)
    }

    static let tableSource = """
          - id: table
            adapter: open-data
            location: indicators.csv
        """

    func pipeline(_ folder: TempFolder, sources: String, id: String = "test-run") throws -> PipelineConfig {
        let path = try folder.write(
            "pipeline.yaml",
            """
            pipeline: \(id)
            region: 测试县
            period: 2022
            sources:
            \(sources)
            """)
        return try PipelineLoader(registry: builtinAdapters).load(path: path)
    }

    @Test func crashingExternalAdapterFailsAloneAndStoresNothing() async throws {
        let setup = try setUp(
            fixtures: ["crash_adapter.py", "indicators.csv"],
            sources: FixtureSources.tableAndCrashingProgram + "\n    timeout: 30")
        defer { setup.folder.cleanup() }
        let (store, config) = (setup.store, setup.config)
        let summary = try await setup.run()
        #expect(summary.status == "partial")
        let crashy = try #require(summary.sources.first { $0.sourceID == "crashy" })
        #expect(crashy.status == "failed")
        let error = try #require(crashy.error)
        #expect(error.contains("exit status 3"))
        #expect(error.contains("row 3 is broken"))  // the tail of its stderr
        #expect(try store.count("observations", sourceID: "crashy") == 0)
        let table = try #require(summary.sources.first { $0.sourceID == "table" })
        #expect(table.status == "stored")
        #expect(table.records == 3)
        #expect(try store.count("observations", sourceID: "table") == 1)
        #expect(try store.count("goals", sourceID: "table") == 2)
        // The stored records carry the pipeline's default region.
        let current = try store.currentRecords(pipeline: config.id)
        #expect(current.count == 3)
        #expect(current.allSatisfy { $0.record.region == "测试县" })
    }

    @Test func malformedLineFailsWithItsLineNumber() async throws {
        let (bad, store) = try await runOneExec("bad", "badjson_adapter.py")
        #expect(bad.status == "failed")
        #expect(bad.error?.contains("stdout line 3") == true)
        #expect(bad.error?.contains("progress: 50% done") == true)
        #expect(try store.count("goals") == 0)
    }

    @Test func hangingExternalAdapterIsStoppedAtItsTimeout() async throws {
        let (slow, store) = try await runOneExec("slow", "hang_adapter.py", timeout: 1)
        #expect(slow.status == "failed")
        #expect(slow.error?.contains("did not finish within its timeout of 1 s") == true)
        #expect(slow.seconds < 300)
        #expect(try store.count("observations") == 0)
    }

    @Test func externalAdapterGetsOptionsAndInput() async throws {
        let setup = try setUp(
            fixtures: ["options_adapter.py", "values.txt"],
            sources: """
                  - id: echo
                    adapter: exec
                    location: values.txt
                    command: ["python3", "options_adapter.py"]
                    options: { prefix: "p-", unit: 万元 }
                """)
        defer { setup.folder.cleanup() }
        let (store, config) = (setup.store, setup.config)
        let summary = try await setup.run()
        #expect(summary.status == "succeeded", "\(summary.sources.map { $0.error ?? "" })")
        let records = try store.currentRecords(pipeline: config.id)
        #expect(records.map(\.record.subject) == ["p-a", "p-b", "p-c"])
        #expect(records.map(\.record.quantity.value) == [1, 2, 3])
        #expect(records.allSatisfy { $0.record.quantity.unit == "万元" })
        #expect(records[1].provenance.line == 2)
    }

    @Test func twoRunsAreListedWithTheirOwnIdsAndCounts() async throws {
        let setup = try setUp(fixtures: ["indicators.csv"], sources: Self.tableSource)
        defer { setup.folder.cleanup() }
        let (store, config) = (setup.store, setup.config)
        let csv = setup.folder.file("indicators.csv")
        let first = try await setup.run()
        // Change the input so the second run reads it again.
        try (try String(contentsOfFile: csv, encoding: .utf8) + "一般公共预算收入,2022,6.5,%,=\n")
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let second = try await setup.run()
        #expect(first.runID != second.runID)
        let runs = try store.runs(pipeline: config.id)
        #expect(runs.map(\.id) == [second.runID, first.runID])
        #expect(runs.map(\.records) == [4, 3])
        #expect(runs.allSatisfy { $0.status == "succeeded" })
        // Earlier data stays; the current data is the second run's.
        #expect(try store.count("goals", runID: first.runID) == 2)
        #expect(try store.count("goals", runID: second.runID) == 3)
        #expect(try store.currentRecords(pipeline: config.id).count == 4)
    }

    @Test func unchangedInputIsSkippedUnlessFullRefresh() async throws {
        let setup = try setUp(fixtures: ["indicators.csv"], sources: Self.tableSource)
        defer { setup.folder.cleanup() }
        let (store, config) = (setup.store, setup.config)
        _ = try await setup.run()
        let second = try await setup.run()
        #expect(second.sources.map(\.status) == ["unchanged"])
        #expect(try store.count("goals") == 2)  // no duplicate rows
        let third = try await setup.run(fullRefresh: true)
        #expect(third.sources.map(\.status) == ["stored"])
        #expect(try store.currentRecords(pipeline: config.id).count == 3)
    }

    @Test func aFailedSourceKeepsItsLastGoodData() async throws {
        let setup = try setUp(fixtures: ["indicators.csv"], sources: Self.tableSource)
        defer { setup.folder.cleanup() }
        let (store, config) = (setup.store, setup.config)
        let csv = setup.folder.file("indicators.csv")
        _ = try await setup.run()
        // Break the file: an unclosed quote after a good row.
        try "subject,period,value,unit\n新值,2022,1,个\n\"broken,2022,2,个\n".write(
            toFile: csv, atomically: true, encoding: .utf8)
        let second = try await setup.run()
        #expect(second.sources.first?.status == "failed")
        #expect(second.sources.first?.error?.contains("never closed") == true)
        let current = try store.currentRecords(pipeline: config.id)
        #expect(current.count == 3)
        #expect(!current.contains { $0.record.subject == "新值" })
    }
}
