import Foundation
import IndicatorKit
import TestSupport
import Testing

/// Panel pipelines end to end with the built executable: a county over two years (each work report
/// plans its year and reviews the one before), three counties compared, and the tidy export.
@Suite struct PanelPipelineTests {
    /// A folder with the three county pipelines and their documents, run into one store.
    func countiesRun() throws -> TempFolder {
        let folder = try TempFolder()
        try FileManager.default.copyItem(atPath: Fixtures.path("panels"), toPath: folder.file("panels"))
        for id in ["dongling", "xichuan", "nanhu"] {
            let result = try yardstick(["run", folder.file("panels/\(id).yaml"), "--db", folder.file("db.sqlite")])
            #expect(result.status == 0, "\(id): \(result.stderr)")
        }
        return folder
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not JSON: \(text)")
    }

    /// `yardstick ARGUMENTS --format json --db` the folder's store, which must succeed: the JSON document it prints.
    func jsonOutput(
        _ arguments: [String], in folder: TempFolder, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> [String: Any] {
        let result = try yardstick(arguments + ["--format", "json", "--db", folder.file("db.sqlite")])
        #expect(result.status == 0, "\(result.stderr)", sourceLocation: sourceLocation)
        return try json(result.stdout)
    }

    /// "KEY indicator status actual" for each result, KEY its `key` ("period" or "region").
    static func verdicts(_ results: [[String: Any]], by key: String) -> Set<String> {
        Set(
            results.map {
                "\($0[key] as? String ?? "?") \($0["indicator"] as? String ?? "?") \($0["status"] as? String ?? "?") \($0["actual"] as? Double ?? .nan)"
            })
    }

    /// Expects the verdicts (as `verdicts(_:by:)` gives them) of the document's results to be `expected`.
    static func expectPanelVerdicts(
        _ document: [String: Any], by key: String, _ expected: Set<String>,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let results = try #require(document["results"] as? [[String: Any]], sourceLocation: sourceLocation)
        let verdicts = Self.verdicts(results, by: key)
        #expect(verdicts == expected, "\(verdicts)", sourceLocation: sourceLocation)
    }

    @Test func eachYearsGoalMeetsItsOwnYearsActual() throws {
        let folder = try countiesRun()
        defer { folder.cleanup() }
        let document = try jsonOutput(["report", folder.file("panels/dongling.yaml")], in: folder)
        #expect(document["years"] as? [Int] == [2022, 2023])
        // 2022: 6.5%左右 against the 2023 report's review (4.1) → missed; 5000人以上 against 5200 → met.
        // 2023: 6%左右 against the bulletin's 6.2 → met; 5500人以上 against 5300 → missed.
        try Self.expectPanelVerdicts(
            document, by: "period",
            [
                "2022 gdp missed 4.1", "2022 urban_new_jobs met 5200.0", "2023 gdp met 6.2",
                "2023 urban_new_jobs missed 5300.0",
            ])
        let sections = try #require(document["sections"] as? [[String: Any]])
        #expect(sections.map { $0["period"] as? String } == ["2022", "2023"])
        let indicators = try #require(document["indicators"] as? [[String: Any]])
        let gdp = try #require(indicators.first { $0["indicator"] as? String == "gdp" })
        let years = try #require(gdp["years"] as? [[String: Any]])
        #expect(years.map { $0["year"] as? Int } == [2022, 2023])
        #expect(years.map { $0["status"] as? String } == ["missed", "met"])
        #expect(years.map { $0["target"] as? Double } == [6.5, 6])

        let table = try yardstick(["report", folder.file("panels/dongling.yaml"), "--db", folder.file("db.sqlite")])
        #expect(table.status == 0)
        #expect(table.stdout.contains("── 2022 年 ──"))
        #expect(table.stdout.contains("── 2023 年 ──"))
        #expect(table.stdout.contains("── 分指标历年情况 ──"))
        #expect(table.stdout.contains("生产总值      2022 未达成 4.1 / ~ 6.5% · 2023 达成 6.2 / ~ 6%"), "\(table.stdout)")
    }

    @Test func compareTablePutsTheMissesFirst() throws {
        let folder = try countiesRun()
        defer { folder.cleanup() }
        let document = try jsonOutput(["report", folder.file("panels"), "--compare", "--period", "2023"], in: folder)
        #expect(document["year"] as? Int == 2023)
        // Folder order: dongling, nanhu, xichuan.
        #expect(document["regions"] as? [String] == ["东岭县", "南湖县", "西川县"])
        let rows = try #require(document["rows"] as? [[String: Any]])
        #expect(rows.map { $0["indicator"] as? String } == ["urban_new_jobs", "gdp"])
        #expect(rows.map { $0["misses"] as? Int } == [2, 1])
        func status(_ row: Int, _ region: String) -> String? {
            ((rows[row]["regions"] as? [String: Any])?[region] as? [String: Any])?["status"] as? String
        }
        #expect(status(0, "东岭县") == "missed")
        #expect(status(0, "南湖县") == "missed")
        #expect(status(0, "西川县") == "met")
        #expect(status(1, "东岭县") == "met")
        #expect(status(1, "南湖县") == "met")
        #expect(status(1, "西川县") == "missed")

        let table = try yardstick(
            ["report", folder.file("panels"), "--compare", "--period", "2023", "--db", folder.file("db.sqlite")])
        #expect(table.status == 0)
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("目标") && $0.contains("东岭县") && $0.contains("西川县") })
        let jobs = try #require(lines.firstIndex { $0.hasPrefix("城镇新增就业") })
        let gdp = try #require(lines.firstIndex { $0.hasPrefix("地区生产总值") || $0.hasPrefix("生产总值") })
        #expect(jobs < gdp)
        #expect(lines[jobs].contains("未达成 5300/≥ 5500人  未达成 3800/≥ 4000人  达成 3100/≥ 3000人"))
    }

    @Test func exportWritesOneRowPerRegionYearAndGoal() throws {
        let folder = try countiesRun()
        defer { folder.cleanup() }
        let out = folder.file("panel.csv")
        let result = try yardstick(
            ["export", folder.file("panels"), "--format", "csv", "--output", out, "--db", folder.file("db.sqlite")])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try CSVTable(String(contentsOfFile: out, encoding: .utf8))
        #expect(rows.header.first == "pipeline")
        #expect(rows.header.contains("goal_sha256"))
        // dongling 2 years × 2 goals, nanhu and xichuan 1 year × 2 goals.
        #expect(rows.rows.count == 8)
        let dongling2022 = try #require(
            rows.rows.first { $0["pipeline"] == "dongling" && $0["year"] == "2022" && $0["indicator"] == "gdp" })
        #expect(dongling2022["region"] == "东岭县")
        #expect(dongling2022["comparator"] == "~")
        #expect(dongling2022["target"] == "6.5")
        #expect(dongling2022["actual"] == "4.1")
        #expect(dongling2022["status"] == "missed")
        #expect(dongling2022["margin"] == "-2.4")
        #expect(dongling2022["goal_source"] == "report-2022")
        #expect(dongling2022["goal_document"] == "dongling-2022-work-report.txt")
        #expect(dongling2022["actual_source"] == "report-2023")
        #expect(dongling2022["goal_location"]?.hasPrefix("line 6") == true)
        #expect(dongling2022["actual_location"]?.hasPrefix("line 3") == true)
        let sha = try #require(dongling2022["goal_sha256"])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: folder.file("panels/dongling-2022-work-report.txt")))
        #expect(sha == SHA256.hex(of: [UInt8](bytes)))
        let nanhuJobs = try #require(
            rows.rows.first { $0["pipeline"] == "nanhu" && $0["indicator"] == "urban_new_jobs" })
        #expect(nanhuJobs["actual"] == "3800")
        #expect(nanhuJobs["unit"] == "人")
        #expect(nanhuJobs["status"] == "missed")
        #expect(nanhuJobs["actual_source"] == "bulletin-2023")

        let lines = try yardstick(
            ["export", folder.file("panels/xichuan.yaml"), "--format", "jsonl", "--db", folder.file("db.sqlite")])
        #expect(lines.status == 0)
        let objects = try lines.stdout.split(separator: "\n").map { try json(String($0)) }
        #expect(objects.count == 2)
        #expect(objects.allSatisfy { $0["region"] as? String == "西川县" && $0["year"] as? Int == 2023 })
        #expect(objects.contains { $0["indicator"] as? String == "gdp" && $0["actual"] as? Double == 5.4 })
    }

    @Test func onePipelineOverSeveralRegionsChecksEachAgainstItsOwn() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try FileManager.default.copyItem(atPath: Fixtures.path("panels"), toPath: folder.file("panels"))
        // Each county's 2023 work report (goals) and bulletin (observations), for its region.
        let sources = [("dongling", "东岭县"), ("xichuan", "西川县")].flatMap { county, region in
            [("report", "work-report", "goals"), ("bulletin", "bulletin", "observations")].map { id, document, mode in
                """
                  - id: \(county)-\(id)
                    adapter: speech-text
                    location: panels/\(county)-2023-\(document).txt
                    options: { mode: \(mode) }
                    region: \(region)
                """
            }
        }
        try folder.write(
            "two-counties.yaml",
            """
            pipeline: two-counties
            title: 两县 2023 年目标核查
            period: 2023
            regions: [东岭县, 西川县]
            sources:
            \(sources.joined(separator: "\n"))
            """)
        let document = try jsonOutput(["run", folder.file("two-counties.yaml")], in: folder)
        try Self.expectPanelVerdicts(
            document, by: "region",
            [
                "东岭县 gdp met 6.2", "东岭县 urban_new_jobs missed 5300.0", "西川县 gdp missed 5.4",
                "西川县 urban_new_jobs met 3100.0",
            ])
        // Several regions make it a panel: each indicator per region across the years.
        let indicators = try #require(document["indicators"] as? [[String: Any]])
        #expect(indicators.count == 4)
        #expect(Set(indicators.compactMap { $0["region"] as? String }) == ["东岭县", "西川县"])
    }

    @Test func aFiveYearPlanGoalIsCheckedOnItsPath() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try FileManager.default.copyItem(atPath: Fixtures.path("panels"), toPath: folder.file("panels"))
        try folder.copyFixture("panel-plan")
        try folder.write(
            "plan.yaml",
            """
            pipeline: dongling-plan
            title: 东岭县“十四五”规划目标进度
            region: 东岭县
            period: 2021..2023
            sources:
              - id: plan
                adapter: speech-text
                location: panel-plan/dongling-14th-plan.txt
                options: { mode: goals }
                year: 2021
              - id: report-2022
                adapter: speech-text
                location: panels/dongling-2022-work-report.txt
                options: { mode: observations }
              - id: report-2023
                adapter: speech-text
                location: panels/dongling-2023-work-report.txt
                options: { mode: observations }
              - id: bulletin-2023
                adapter: speech-text
                location: panels/dongling-2023-bulletin.txt
                options: { mode: observations }
                year: 2023
            goals:
              sources: [plan]
            """)
        let document = try jsonOutput(["run", folder.file("plan.yaml")], in: folder)
        let results = try #require(document["results"] as? [[String: Any]])
        #expect(results.count == 1)
        let goal = try #require(results.first)
        #expect(goal["period"] as? String == "2021/2025")
        // Growth 2021 7.2 % (the 2022 report's review), 2022 4.1 %, 2023 6.2 %:
        // ∛(1.072 × 1.041 × 1.062) − 1 = ∛1.185141 − 1 = 5.8254 % a year against the 6 % required;
        // R = 5.8254 ÷ 6 = 0.9709 ≥ 0.95 → on_track.
        #expect(goal["status"] as? String == "on_track")
        let plan = try #require(goal["plan"] as? [String: Any])
        #expect(plan["kind"] as? String == "average_growth")
        #expect(plan["years"] as? [Int] == [2021, 2022, 2023])
        #expect(plan["requiredAnnual"] as? Double == 6)
        #expect(abs((plan["achievedAnnual"] as? Double ?? 0) - 5.8254) < 0.0001)
        #expect(abs((plan["ratio"] as? Double ?? 0) - 0.9709) < 0.0001)
        let sections = try #require(document["sections"] as? [[String: Any]])
        #expect(sections.map { $0["period"] as? String } == ["2021/2025"])
        #expect(sections.map { $0["plan"] as? Bool } == [true])
        let export = try yardstick(["export", folder.file("plan.yaml"), "--db", folder.file("db.sqlite")])
        let rows = try CSVTable(export.stdout).rows
        #expect(rows.count == 1)
        #expect(rows.first?["plan"] == "true")
        #expect(rows.first?["year"] == "2025")
        #expect(rows.first?["plan_kind"] == "average_growth")
        #expect(rows.first?["required_annual"] == "6")
        #expect(rows.first?["status"] == "on_track")
    }

    @Test func badExportFormatIsAUsageError() throws {
        let folder = try countiesRun()
        defer { folder.cleanup() }
        let result = try yardstick(
            ["export", folder.file("panels/nanhu.yaml"), "--format", "parquet", "--db", folder.file("db.sqlite")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("use csv or jsonl"))
    }
}

/// A CSV file read back: RFC 4180 quoting, a header row.
struct CSVTable {
    var header: [String]
    var rows: [[String: String]]

    init(_ text: String) throws {
        let records = try CSVRecords.parse(text.first == "\u{FEFF}" ? String(text.dropFirst()) : text)
        header = try #require(records.first)
        let names = header
        rows = records.dropFirst().map { values in
            var row: [String: String] = [:]
            for (k, v) in zip(names, values) where !v.isEmpty { row[k] = v }
            return row
        }
    }
}
