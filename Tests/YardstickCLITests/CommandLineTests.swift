import Foundation
import IndicatorKit
import TestSupport
import Testing

/// The yardstick executable end to end.
@Suite struct CommandLineTests {
    @Test func validateReportsMisspelledKeyAndExitsNonZero() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try folder.copyFixture("indicators.csv")
        try folder.write(
            "bad.yaml",
            "pipeline: p\nsources:\n  - id: a\n    adapter: open-data\n    locaton: indicators.csv\n")
        let result = try yardstick(["validate", "bad.yaml"], in: folder.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad.yaml:5:5: unknown key 'locaton' in a source (did you mean 'location'?)"))
    }

    @Test func validateAcceptsTheBundledPipeline() throws {
        let result = try yardstick(["validate", "pipelines/zhecheng-2022.yaml"], in: Package.root)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func extractPrintsRecordJSONAndCounts() throws {
        let csv = Fixtures.path("indicators.csv")
        let jsonl = try yardstick(["extract", "--adapter", "open-data", csv, "--format", "jsonl"])
        #expect(jsonl.status == 0)
        let lines = jsonl.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        let records = try lines.map { try SourceRecord(jsonLine: $0) }
        #expect(records[0].goal?.comparator == .about)
        #expect(records[0].quantity.value == 9.5)
        #expect(records[1].observation?.quantity.unit == "万吨")
        #expect(lines[0].hasPrefix("{\"type\":\"goal\",\"subject\":\"生产总值\",\"indicator\":null,\"kind\":"))
        let count = try yardstick(["extract", "--adapter", "open-data", csv, "--format", "count"])
        #expect(count.stdout == "observations: 1\ngoals: 2\n")
    }

    @Test func extractRejectsAnUnknownOption() throws {
        let result = try yardstick([
            "extract", "--adapter", "open-data", Fixtures.path("indicators.csv"), "--option", "delimeter=;",
        ])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown option 'delimeter'"))
    }

    @Test func runListsRunsAndReportsAFailedSource() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try folder.copyFixture("indicators.csv")
        try folder.copyFixture("crash_adapter.py")
        try folder.write(
            "p.yaml",
            """
            pipeline: cli-test
            sources:
            \(FixtureSources.tableAndCrashingProgram)
            """)
        let first = try yardstick(["run", "p.yaml", "--db", "db.sqlite", "-q"], in: folder.path)
        #expect(first.status == 3)
        #expect(first.stdout.contains("table: stored 3 records"))
        #expect(first.stdout.contains("crashy: FAILED"))
        let second = try yardstick(["run", "p.yaml", "--db", "db.sqlite", "-q"], in: folder.path)
        #expect(second.stdout.contains("table: unchanged"))
        let runs = try yardstick(["runs", "--db", "db.sqlite"], in: folder.path)
        let rows = runs.stdout.split(separator: "\n").dropFirst().map {
            $0.split(separator: " ", omittingEmptySubsequences: true)
        }
        #expect(rows.count == 2)
        #expect(rows.map { String($0[0]) } == ["2", "1"])
        #expect(rows.map { String($0.last!) } == ["0", "3"])
        let show = try yardstick(["runs", "show", "1", "--db", "db.sqlite"], in: folder.path)
        #expect(show.stdout.contains("crashy"))
        #expect(show.stdout.contains("row 3 is broken"))
    }
}
