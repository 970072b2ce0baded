import Foundation
import TestSupport
import Testing

/// The bundled national panel, pipelines/china-panel.yaml: each year's Government Work Report
/// targets (seeds/china-YYYY-government-work-report-targets.txt) against that year's NBS outcomes,
/// run through the yardstick executable, and every asserted figure read back from its seed.
@Suite struct ChinaPanelTests {
    struct Expected: Sendable, CustomStringConvertible {
        var year: Int
        var indicator: String
        var status: String
        var target: Double?
        var actual: Double?
        var description: String { "\(year) \(indicator)" }
    }

    static let expected: [Expected] = [
        Expected(year: 2018, indicator: "gdp", status: "met", target: 6.5, actual: 6.6),
        Expected(year: 2018, indicator: "urban_new_jobs", status: "met", target: 1100, actual: 1361),
        // 6到6.5%左右: a range, met by 6.1.
        Expected(year: 2019, indicator: "gdp", status: "met", target: 6, actual: 6.1),
        Expected(year: 2019, indicator: "urban_new_jobs", status: "met", target: 1100, actual: 1352),
        // 2020 set no growth target; its jobs and price targets were met.
        Expected(year: 2020, indicator: "urban_new_jobs", status: "met", target: 900, actual: 1186),
        Expected(year: 2020, indicator: "cpi", status: "met", target: 3.5, actual: 2.5),
        Expected(year: 2021, indicator: "gdp", status: "met", target: 6, actual: 8.1),
        Expected(year: 2021, indicator: "urban_new_jobs", status: "met", target: 1100, actual: 1269),
        Expected(year: 2022, indicator: "gdp", status: "missed", target: 5.5, actual: 3.0),
        Expected(year: 2022, indicator: "urban_new_jobs", status: "met", target: 1100, actual: 1206),
        Expected(year: 2023, indicator: "gdp", status: "met", target: 5, actual: 5.2),
        Expected(year: 2023, indicator: "urban_new_jobs", status: "met", target: 1200, actual: 1244),
        Expected(year: 2024, indicator: "gdp", status: "met", target: 5, actual: 5.0),
        Expected(year: 2024, indicator: "urban_new_jobs", status: "met", target: 1200, actual: 1256),
        Expected(year: 2025, indicator: "gdp", status: "met", target: 5, actual: 5.0),
        Expected(year: 2025, indicator: "urban_new_jobs", status: "met", target: 1200, actual: 1267),
        // 2026: targets and no outcome yet.
        Expected(year: 2026, indicator: "urban_new_jobs", status: "no_data", target: 1200, actual: nil),
    ]

    static let seeds = Package.root + "/seeds"

    /// The outcome seeds of a year, in the order the pipeline lists them.
    static func outcomeSeeds(_ year: Int) -> [String] {
        ["statistical-communique-excerpt.txt", "statistical-bulletin-excerpt.txt"].map { "china-\(year)-\($0)" }
            .filter { FileManager.default.fileExists(atPath: "\(seeds)/\($0)") }
    }

    /// The scorecard results of `pipelines/china-panel.yaml` (period 2018..2026), by year.
    func panelResults(in folder: TempFolder) throws -> [Int: [[String: Any]]] {
        let run = try runScorecard("pipelines/china-panel.yaml", in: folder, from: Package.root)
        #expect(run.document["years"] as? [Int] == Array(2018...2026))
        let results = run.results
        return Dictionary(grouping: results) { Int($0["period"] as? String ?? "") ?? 0 }
    }

    /// A seed as the adapter reads it: without the pinyin glosses of its reprint (國(guó) → 國).
    static func seedText(_ name: String) throws -> String {
        let text = try String(contentsOfFile: "\(seeds)/\(name)", encoding: .utf8)
        return text.replacingOccurrences(
            of: #"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)"#, with: "", options: .regularExpression)
    }

    /// A figure as it is written in a seed: 6, 6.5, 1100.
    static func written(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    @Test func everyYearGivesItsStatusesAndEveryFigureIsInItsSeed() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let byYear = try panelResults(in: folder)
        for e in Self.expected {
            let result = try #require(
                byYear[e.year]?.first { $0["indicator"] as? String == e.indicator }, "no result for \(e)")
            #expect(result["status"] as? String == e.status, "\(e)")
            #expect(result["period"] as? String == String(e.year), "\(e)")
            #expect(result["target"] as? Double == e.target, "\(e)")
            #expect(result["actual"] as? Double == e.actual, "\(e)")
            // The target as stated: its text is in the year's work report and names the figure.
            let goal = try #require(result["goal"] as? [String: Any])
            let goalText = try #require(goal["text"] as? String)
            let report = try Self.seedText("china-\(e.year)-government-work-report-targets.txt")
            #expect(report.contains(goalText), "\(e): '\(goalText)' is not in the report seed")
            if let target = e.target { #expect(goalText.contains(Self.written(target)), "\(e): \(goalText)") }
            // The actual as reported: its text is in one of the year's outcome seeds.
            guard let actual = e.actual else { continue }
            let observation = try #require(result["observation"] as? [String: Any], "\(e)")
            let text = try #require(observation["text"] as? String)
            let outcomes = try Self.outcomeSeeds(e.year).map(Self.seedText)
            #expect(outcomes.contains { $0.contains(text) }, "\(e): '\(text)' is in no outcome seed")
            #expect(text.contains(Self.written(actual)), "\(e): \(text)")
        }
    }

    @Test func firstThreeQuartersGiveOnTrackNotMet() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let results = try runScorecard("pipelines/china-2025-q3.yaml", in: folder, from: Package.root).results
        // Partial-year actuals (1-9月) never close a goal: on_track or behind, not met or missed.
        let checked = results.filter { $0["actual"] as? Double != nil }
        #expect(!checked.isEmpty)
        #expect(checked.allSatisfy { ["on_track", "behind"].contains($0["status"] as? String ?? "") }, "\(checked)")
        let gdp = try #require(results.first { $0["indicator"] as? String == "gdp" })
        #expect(gdp["status"] as? String == "on_track")
        #expect(gdp["actual"] as? Double == 5.2)
        let observation = try #require(gdp["observation"] as? [String: Any])
        #expect(observation["period"] as? String == "2025-01/2025-09")
    }
}
