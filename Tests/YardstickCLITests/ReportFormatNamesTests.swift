import BuiltinAdapters
import Foundation
import Pipeline
import Reports
import TestSupport
import Testing

/// One list of report format names: every name `ReportFormat` accepts is accepted by a pipeline's
/// `report.formats`, by `yardstick report --format` and by the writer, and an unknown name by none.
@Suite struct ReportFormatNamesTests {
    func folderWithRun() throws -> TempFolder {
        let folder = try TempFolder()
        try folder.write(
            "figures.csv",
            "subject,period,value,unit,comparator,kind\n生产总值,2022,9.5,%,~,growth\n生产总值,2022,9.7,%,,growth\n")
        try folder.write(
            "p.yaml",
            """
            pipeline: names
            period: 2022
            sources:
              - id: table
                adapter: open-data
                location: figures.csv
            """)
        let run = try yardstick(["run", "p.yaml", "--db", "db.sqlite", "-q"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        return folder
    }

    func loaderProblems(_ format: String, in folder: TempFolder) throws -> [ConfigProblem] {
        let yaml = """
            pipeline: names
            sources:
              - id: table
                adapter: open-data
                location: figures.csv
            report:
              formats: [\(format)]
              directory: out
            """
        let path = try folder.write("f.yaml", yaml)
        do {
            _ = try PipelineLoader(registry: builtinAdapters).load(path: path)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func everyAcceptedNameIsAcceptedByTheLoaderTheReportCommandAndTheWriter() throws {
        let folder = try folderWithRun()
        defer { folder.cleanup() }
        #expect(ReportFormat.acceptedNames.contains("md"))
        for name in ReportFormat.acceptedNames {
            let format = try #require(ReportFormat(named: name))
            #expect(try loaderProblems(name, in: folder).isEmpty, "the loader rejects '\(name)'")
            #expect(try ScorecardWriter.formats(named: [name]) == [format])
            let report = try yardstick(["report", "p.yaml", "--db", "db.sqlite", "--format", name], in: folder.path)
            #expect(report.status == 0, "report --format \(name): \(report.stderr)")
            #expect(report.stdout.contains("9.7"), "report --format \(name): \(report.stdout)")
        }
    }

    @Test func anUnknownNameIsRejectedByAllThreeWithTheSameList() throws {
        let folder = try folderWithRun()
        defer { folder.cleanup() }
        let expected = ReportFormat.unknownNameMessage("mdx")
        #expect(expected.contains("use table, json, csv, markdown, html, md"), "\(expected)")
        let problems = try loaderProblems("mdx", in: folder)
        #expect(problems.count == 1)
        #expect(problems.first?.line == 7)
        #expect(problems.first?.message == expected)
        #expect(throws: ReportError.self) { try ScorecardWriter.formats(named: ["mdx"]) }
        let report = try yardstick(["report", "p.yaml", "--db", "db.sqlite", "--format", "mdx"], in: folder.path)
        #expect(report.status != 0)
        #expect(report.stderr.contains(expected), "\(report.stderr)")
    }
}
