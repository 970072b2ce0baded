import Foundation
import TestSupport
import Testing

/// The bundled example pipelines, run through the yardstick executable on the bundled seeds.
@Suite struct ExamplePipelineTests {
    struct Expected: Sendable, CustomStringConvertible {
        var indicator: String
        var status: String
        var target: Double
        var actual: Double
        var description: String { indicator }
    }

    static let national: [Expected] = [
        Expected(indicator: "gdp", status: "missed", target: 5.5, actual: 3.0),
        Expected(indicator: "urban_new_jobs", status: "met", target: 1100, actual: 1206),
        Expected(indicator: "cpi", status: "met", target: 3, actual: 2.0),
        // 68653 万吨 = 1.37306 万亿斤, against 1.3 万亿斤.
        Expected(indicator: "grain_output", status: "met", target: 1.3, actual: 1.37306),
        // 全年控制在5.5%以内 is checked against the annual average (5.6), not the year-end rate (5.5).
        Expected(indicator: "urban_unemployment_rate", status: "missed", target: 5.5, actual: 5.6),
    ]

    func runChina() throws -> [[String: Any]] {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let run = try runScorecard("pipelines/china-2022.yaml", in: folder, from: Package.root)
        #expect(run.document["schema"] as? String == "yardstick.scorecard/1")
        return run.results
    }

    @Test func chinaPipelineGivesTheFiveNationalStatuses() throws {
        let results = try runChina()
        #expect(results.count == 5)
        for expected in Self.national {
            let result = try #require(
                results.first { $0["indicator"] as? String == expected.indicator }, "no result for \(expected)")
            #expect(result["status"] as? String == expected.status, "\(expected)")
            let target = try #require(result["target"] as? Double)
            let actual = try #require(result["actual"] as? Double)
            let margin = try #require(result["margin"] as? Double)
            #expect(abs(target - expected.target) < 1e-9, "\(expected)")
            #expect(abs(actual - expected.actual) < 1e-9, "\(expected)")
            #expect(abs(margin - (expected.actual - expected.target)) < 1e-9, "\(expected)")
            // Both figures carry their provenance: source, file hash and place.
            let goal = try #require(result["goal"] as? [String: Any])
            let goalProvenance = try #require(goal["provenance"] as? [String: Any])
            #expect(goalProvenance["sourceID"] as? String == "report")
            #expect((goalProvenance["sha256"] as? String)?.count == 64)
            #expect(goalProvenance["line"] as? Int != nil)
            let observation = try #require(result["observation"] as? [String: Any])
            let actualProvenance = try #require(observation["provenance"] as? [String: Any])
            #expect(
                ["bulletin-xml", "bulletin-text", "worldbank"].contains(actualProvenance["sourceID"] as? String ?? ""))
            #expect((actualProvenance["sha256"] as? String)?.count == 64)
            #expect(actualProvenance["line"] as? Int != nil)
        }
        let unemployment = try #require(results.first { $0["indicator"] as? String == "urban_unemployment_rate" })
        #expect((unemployment["explanation"] as? String)?.contains("average") == true)
    }

    @Test func zhechengPipelineReportsNoDataPlainlyAndKeepsBaselines() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let run = try runScorecard("pipelines/zhecheng-2022.yaml", in: folder, from: Package.root)
        let (document, results) = (run.document, run.results)
        #expect(results.count >= 60)
        // No 2022 actuals are bundled for the county: no goal may claim a verdict.
        #expect(results.allSatisfy { $0["status"] as? String == "no_data" })
        #expect((document["noDataNotice"] as? String)?.isEmpty == false)
        // The grain goal carries its 2021 baseline and the change the target implies.
        let grain = try #require(results.first { $0["indicator"] as? String == "grain_output" })
        let baseline = try #require(grain["baseline"] as? [String: Any], "\(grain)")
        let implied = try #require(baseline["impliedChange"] as? Double)
        #expect(abs(implied - 5.7285) < 0.01, "16.5亿斤 against 15.606亿斤")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.file("reports"))
        #expect(Set(files) == ["zhecheng-2022.html", "zhecheng-2022.json", "zhecheng-2022.md", "zhecheng-2022.csv"])
    }
}

/// The statistics offices' formats through the executable: `extract` on each recorded response, and
/// the bundled pipeline that reads them all offline.
@Suite struct StatisticsOfficePipelineTests {
    @Test(
        "extract prints observations with subject, unit, period and region",
        arguments: [
            ("nbs-fsnd-A010101-110000-2023.json", "nbs", "北京市", ""),
            ("jsonstat-canada.json", "jsonstat", "Canada", ""),
            // The BIS file states no UNIT_MEASURE: the unit is given as an option.
            ("sdmx-csv-1.0-bis-der.csv", "sdmx-csv", "5J", "unit=USD millions"),
            ("px-ine-27067.px", "pxweb", "06 Cantabria", ""),
        ])
    func extract(file: String, preset: String, region: String, extra: String) throws {
        let options = extra.isEmpty ? [] : ["--option", extra]
        let result = try yardstick(
            ["extract", "--adapter", "open-data", "seeds/opendata/\(file)", "--option", "preset=\(preset)"] + options,
            in: Package.root)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines.prefix(20) {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(record["type"] as? String == "observation")
            #expect(!((record["subject"] as? String) ?? "").isEmpty)
            #expect(!((record["unit"] as? String) ?? "").isEmpty)
            #expect(!((record["period"] as? String) ?? "").isEmpty)
            #expect(record["region"] as? String == region)
        }
    }

    @Test("the statistics-offices pipeline reads every recorded response offline")
    func pipeline() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let result = try yardstick(
            [
                "run", "pipelines/statistics-offices.yaml", "--format", "json", "--db", folder.file("db.sqlite"),
                "--report-dir", folder.file("reports"),
            ], in: Package.root)
        #expect(result.status == 0, "\(result.stderr)")
        for (source, count) in [
            ("nbs-industry", 12), ("nbs-beijing", 1), ("jsonstat-canada", 120), ("sdmx-csv-bis", 40), ("pxweb-ssb", 72),
            ("px-ine", 812),
        ] {
            #expect(result.stderr.contains("\(source): stored \(count) records"), "\(source): \(result.stderr)")
        }
    }
}
