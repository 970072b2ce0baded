import Foundation
import GoalCheck
import IndicatorKit
import Reports
import Testing

/// A panel scorecard (2021–2024 national goals, the 2024 figures for January–September only, and a
/// five-year-plan goal) in every format.
struct PanelRenderTests {
    static func make() throws -> Scorecard {
        let catalog = try SampleScorecard.catalog()
        typealias S = SampleScorecard
        var goals: [GoalEntry] = []
        var observations: [ObservationEntry] = []
        let gdp: [(String, TargetComparator, Double, Double)] = [
            ("2021", .atLeast, 6, 8.1), ("2022", .about, 5.5, 3.0), ("2023", .about, 5, 5.2),
        ]
        for (i, (year, comparator, target, actual)) in gdp.enumerated() {
            goals.append(
                S.goal(
                    "国内生产总值", .growth, comparator, target, "%", text: "国内生产总值增长\(target)%", line: 10 + i, period: year))
            observations.append(
                S.observation("国内生产总值", .growth, actual, "%", text: "比上年增长\(actual)%", line: 20 + i, period: year))
        }
        let jobs: [(String, Double)] = [("2021", 1269), ("2022", 1206), ("2023", 1244)]
        for (i, (year, actual)) in jobs.enumerated() {
            goals.append(
                S.goal("城镇新增就业", .level, .atLeast, 1100, "万人", text: "城镇新增就业1100万人以上", line: 30 + i, period: year))
            observations.append(
                S.observation("城镇新增就业", .level, actual, "万人", text: "城镇新增就业\(actual)万人", line: 40 + i, period: year))
        }
        // 2024: only the first three quarters so far.
        goals.append(S.goal("国内生产总值", .growth, .about, 5, "%", text: "国内生产总值增长5%左右", line: 50, period: "2024"))
        observations.append(
            S.observation("国内生产总值", .growth, 4.8, "%", text: "前三季度增长4.8%", line: 51, period: "2024-01/2024-09"))
        // 十四五: 年均增长 5.5% against 2021–2023 (8.1, 3.0, 5.2): ∛(1.081 × 1.03 × 1.052) − 1 = 5.4127 %,
        // R = 0.98413 → on_track.
        goals.append(
            S.goal("国内生产总值", .growth, .atLeast, 5.5, "%", text: "国内生产总值年均增长5.5%以上", line: 60, period: "2021/2025"))
        let normalizer = Normalizer(catalog: catalog)
        let g = goals.map { e -> GoalEntry in
            var e = e
            e.goal = normalizer.normalize(.goal(e.goal)).goal!
            return e
        }
        let o = observations.map { e -> ObservationEntry in
            var e = e
            e.observation = normalizer.normalize(.observation(e.observation)).observation!
            return e
        }
        var s = Scorecard(
            title: "全国主要目标 2021—2024", pipeline: "panel", region: "全国", period: "2021..2024",
            generatedAt: Date(timeIntervalSince1970: 1_700_000_000), runID: 3,
            results: GoalChecker(catalog: catalog).check(g, against: o))
        s.years = [2021, 2022, 2023, 2024]
        return s
    }

    @Test func statusesPerYearIncludingThePartialYear() throws {
        let s = try Self.make()
        #expect(
            s.results.map(\.status.rawValue) == ["met", "missed", "met", "met", "met", "met", "on_track", "on_track"])
        #expect(s.results[6].actual == 4.8)
        let plan = try #require(s.results[7].plan)
        #expect(abs((plan.achieved ?? 0) - 5.412688) < 0.0001)
        #expect(abs((plan.ratio ?? 0) - 0.984125) < 0.0001)
    }

    @Test func jsonHasYearsSectionsAndIndicators() throws {
        let s = try Self.make()
        let doc = try #require(
            try JSONSerialization.jsonObject(with: Data(JSONRenderer().render(s).utf8)) as? [String: Any])
        #expect(doc["years"] as? [Int] == [2021, 2022, 2023, 2024])
        let sections = try #require(doc["sections"] as? [[String: Any]])
        #expect(sections.map { $0["period"] as? String } == ["2021", "2022", "2023", "2024", "2021/2025"])
        #expect(sections.map { $0["plan"] as? Bool } == [false, false, false, false, true])
        #expect(sections[0]["results"] as? [Int] == [0, 3])
        let indicators = try #require(doc["indicators"] as? [[String: Any]])
        #expect(indicators.map { $0["indicator"] as? String } == ["gdp", "urban_new_jobs"])
        let gdpYears = try #require(indicators[0]["years"] as? [[String: Any]])
        #expect(gdpYears.map { $0["status"] as? String } == ["met", "missed", "met", "on_track"])
        #expect(gdpYears.map { $0["actual"] as? Double } == [8.1, 3, 5.2, 4.8])
        let results = try #require(doc["results"] as? [[String: Any]])
        #expect(results[0]["plan"] == nil)
        let plan = try #require(results[7]["plan"] as? [String: Any])
        #expect(plan["kind"] as? String == "average_growth")
        #expect(plan["baseYear"] as? Int == 2020)
        #expect(plan["requiredAnnual"] as? Double == 5.5)
        #expect(plan["years"] as? [Int] == [2021, 2022, 2023])
    }

    @Test func singlePeriodDocumentsHaveNoPanelKeys() throws {
        let s = try SampleScorecard.make()
        let doc = try #require(
            try JSONSerialization.jsonObject(with: Data(JSONRenderer().render(s).utf8)) as? [String: Any])
        #expect(doc["years"] == nil && doc["sections"] == nil && doc["indicators"] == nil)
        #expect(!HTMLRenderer().render(s).contains("<svg"))
        #expect(CSVRenderer().render(s).split(separator: "\n")[0].hasSuffix("说明"))
    }

    @Test func htmlDrawsATrendChartPerIndicator() throws {
        let s = try Self.make()
        let html = HTMLRenderer().render(s)
        #expect(html.components(separatedBy: "<svg class=\"chart\"").count - 1 == 2)
        #expect(html.contains("<section id=\"trends\">"))
        // One point per year with an actual, in its status colour, linked to its goal's row.
        #expect(html.components(separatedBy: "<circle class=\"pt p-").count - 1 == 7)
        #expect(html.contains("<a href=\"#goal-2\"><circle class=\"pt p-missed\""))
        #expect(html.contains("<a href=\"#goal-7\"><circle class=\"pt p-on_track\""))
        // A target bar per year with a goal.
        #expect(html.components(separatedBy: "<rect class=\"band\"").count - 1 == 7)
        // Under each chart its figures: year, target, actual, status.
        #expect(html.components(separatedBy: "<table class=\"trend-table\">").count - 1 == 2)
        #expect(
            html.contains(
                "<tr><th><a href=\"#goal-2\">2022</a></th><td class=\"num\">~ 5.5%</td><td class=\"num\">3%</td><td><span class=\"status s-missed\">未达成</span></td></tr>"
            ))
        // A heading row per year and one for the plan span.
        #expect(html.contains("<tr class=\"section\"><th colspan=\"9\">2024 年</th></tr>"))
        #expect(html.contains("2021—2025 年规划目标"))
        // Drawn inline: no script or image from elsewhere, the only URL the SVG namespace.
        #expect(!html.contains("<script src"))
        #expect(!html.contains("<img"))
        let urls = html.components(separatedBy: "http").count - 1
        let namespaces = html.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1
        #expect(urls == namespaces)
    }

    @Test func tableAndMarkdownHaveASectionPerYear() throws {
        let s = try Self.make()
        let table = TableRenderer().render(s)
        for heading in ["── 2021 年 ──", "── 2022 年 ──", "── 2023 年 ──", "── 2024 年 ──", "── 2021—2025 年规划目标 ──"] {
            #expect(table.contains(heading), "\(heading)")
        }
        #expect(table.contains("要求年均增长 5.5% · 实际年均增长 5.41%（98%）"), "\(table)")
        let md = MarkdownRenderer().render(s)
        #expect(md.contains("## 2022 年"))
        #expect(md.contains("| 目标 | 2021 | 2022 | 2023 | 2024 |"))
        #expect(md.contains("| 生产总值 | 达成 8.1 / ≥ 6% | 未达成 3 / ~ 5.5% | 达成 5.2 / ~ 5% | 进度正常 4.8 / ~ 5% |"), "\(md)")
        let csv = CSVRenderer().render(s)
        let header = csv.split(separator: "\n")[0]
        #expect(header.hasSuffix("地区,规划目标类型,要求年均,实际年均,进度比"))
        #expect(csv.split(separator: "\n")[8].contains(",average_growth,5.5,5.412688"))
    }
}
