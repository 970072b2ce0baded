import Foundation
import TestSupport
import Testing

/// Target and outcome documents in the form governments publish them
/// (Tests/SpeechTextAdapterTests/Fixtures/published), run through a pipeline: every goal gets the
/// verdict its actual deserves, each checked by hand against the documents.
@Suite struct PublishedPairTests {
    static let published = (Package.root as NSString).appendingPathComponent(
        "Tests/SpeechTextAdapterTests/Fixtures/published")

    static func copy(_ name: String, into folder: TempFolder) throws {
        try FileManager.default.copyItem(
            atPath: (published as NSString).appendingPathComponent(name), toPath: folder.file(name))
    }

    /// Runs `yaml` in `folder` and returns the results by indicator (or subject, for goals the
    /// catalog does not know): status, target, actual.
    /// Expects each indicator of `expected` among `verdicts` with its status, target and actual.
    static func expect(
        _ verdicts: [String: (String, Double?, Double?)], _ expected: [String: (String, Double?, Double?)],
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        for (indicator, (status, target, actual)) in expected {
            let got = try #require(verdicts[indicator], "no \(indicator): \(verdicts)", sourceLocation: sourceLocation)
            #expect(got.0 == status, "\(indicator): \(got)", sourceLocation: sourceLocation)
            #expect(got.1 == target, "\(indicator): \(got)", sourceLocation: sourceLocation)
            #expect(got.2 == actual, "\(indicator): \(got)", sourceLocation: sourceLocation)
        }
    }

    static func verdicts(_ folder: TempFolder, _ yaml: String) throws -> [String: (String, Double?, Double?)] {
        try folder.write("pair.yaml", yaml)
        let results = try runScorecard(folder.file("pair.yaml"), in: folder).results
        var out: [String: (String, Double?, Double?)] = [:]
        for r in results {
            let goal = r["goal"] as? [String: Any]
            let key = r["indicator"] as? String ?? goal?["subject"] as? String ?? "?"
            out[key] = (r["status"] as? String ?? "?", r["target"] as? Double, r["actual"] as? Double)
        }
        return out
    }

    /// A work report printed to PDF (running header, page numbers, a plan list across the page
    /// break, a target table) against the county's bulletin page as a CMS renders it (nested
    /// layout tables, span soup, a unit line above a table, a two-row header, a note).
    @Test func workReportPDFAgainstACMSBulletinPage() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try Self.copy("yunxi-2024-report.html", into: folder)
        try Self.copy("yunxi-2024-bulletin.html", into: folder)
        let pdf = folder.file("yunxi-2024-report.pdf")
        let print = try runCommand(
            "/usr/bin/env",
            [
                "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                "--user-data-dir=\(folder.file("profile"))", "--print-to-pdf=\(pdf)",
                folder.file("yunxi-2024-report.html"),
            ])
        try #require(
            FileManager.default.fileExists(atPath: pdf),
            "chromium did not print the report (status \(print.status)); install chromium (scripts/setup.sh)")
        let verdicts = try Self.verdicts(
            folder,
            speechPairPipeline(
                id: "yunxi-2024", title: "云溪县 2024 年目标核查", region: "云溪县", period: 2024,
                targets: "yunxi-2024-report.pdf", outcomes: "yunxi-2024-bulletin.html"))
        let expected: [String: (String, Double?, Double?)] = [
            "gdp": ("met", 6, 5.7),  // 6%左右 against 5.7%
            "public_budget_revenue": ("met", 5, 5.2),
            "industrial_va": ("met", 7, 7.9),
            "fixed_asset_investment": ("missed", 8, -3.5),  // a table cell with no level beside it
            "retail_sales": ("met", 6.5, 6.8),
            "urban_new_jobs": ("met", 5000, 5320),
            "urban_unemployment_rate": ("met", 5.5, 5.2),  // 控制在5.5%以内: a ceiling
            "grain_output": ("met", 52.5, 52.8),  // target table row against bulletin table 1
        ]
        try Self.expect(verdicts, expected)
        // The review section's 2023 figures are no goals: nothing else is checked against them.
        #expect(verdicts.values.filter { $0.0 == "met" || $0.0 == "missed" }.count == expected.count, "\(verdicts)")
    }

    /// A news portal's traditional-script reprint with pinyin glosses after characters, against
    /// the task-completion table (工作任务 | 完成情况) the county publishes a year later.
    @Test func glossedReprintAgainstATaskCompletionTable() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try Self.copy("songling-2024-reprint-hant.txt", into: folder)
        try Self.copy("songling-2024-tasks.html", into: folder)
        let verdicts = try Self.verdicts(
            folder,
            """
            pipeline: songling-2024
            title: 松岭县 2024 年目标核查
            region: 松岭县
            period: 2024
            sources:
              - id: conference
                adapter: speech-text
                location: songling-2024-reprint-hant.txt
                options: { mode: goals }
              - id: tasks
                adapter: speech-text
                location: songling-2024-tasks.html
                options: { mode: observations }
            goals:
              sources: [conference]

            """)
        let expected: [String: (String, Double?, Double?)] = [
            "gdp": ("missed", 6.5, 5.9),  // 生產(chǎn)總值(zhí): the glosses go, the subject stays
            "public_budget_revenue": ("met", 6, 6.4),
            "industrial_va": ("met", 8, 8.3),
            "urban_new_jobs": ("met", 4000, 4215),  // "完成目标的105.4%" is no figure of jobs
            "retail_sales": ("missed", 7, 4.9),  // the outcome cell "增长4.9%." takes the task's subject
            "fixed_asset_investment": ("missed", 10, -2.1),
        ]
        #expect(verdicts.count == expected.count, "\(verdicts)")
        try Self.expect(verdicts, expected)
    }
}
