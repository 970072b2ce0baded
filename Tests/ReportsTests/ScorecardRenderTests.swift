import Foundation
import GoalCheck
import IndicatorKit
import Reports
import TestSupport
import Testing

struct ScorecardRenderTests {
    @Test func sampleHasTheExpectedStatuses() throws {
        let s = try SampleScorecard.make()
        #expect(
            s.results.map(\.status.rawValue) == [
                "missed", "met", "missed", "met", "met", "behind", "redacted", "incomparable", "no_data", "no_data",
            ])
    }

    @Test func jsonFollowsTheVersionedSchema() throws {
        let s = try SampleScorecard.make()
        let text = JSONRenderer().render(s)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(doc["schema"] as? String == "yardstick.scorecard/1")
        #expect(doc["pipeline"] as? String == "sample-2022")
        #expect(doc["runID"] as? Int == 7)
        #expect(doc["generatedAt"] as? String == "2023-11-14T22:13:20Z")
        let summary = try #require(doc["summary"] as? [String: Int])
        #expect(summary["met"] == 3 && summary["missed"] == 2 && summary["no_data"] == 2 && summary["total"] == 10)
        let results = try #require(doc["results"] as? [[String: Any]])
        #expect(results.count == 10)
        let gdp = results[0]
        #expect(gdp["status"] as? String == "missed")
        #expect(gdp["indicator"] as? String == "gdp")
        #expect(gdp["target"] as? Double == 5.5)
        #expect(gdp["actual"] as? Double == 3)
        #expect(gdp["margin"] as? Double == -2.5)
        let goalProv = try #require((gdp["goal"] as? [String: Any])?["provenance"] as? [String: Any])
        #expect(goalProv["sourceID"] as? String == "report")
        #expect(goalProv["line"] as? Int == 3)
        #expect(goalProv["text"] as? String == "国内生产总值增长5.5%左右")
        let obsProv = try #require((gdp["observation"] as? [String: Any])?["provenance"] as? [String: Any])
        #expect(obsProv["sourceID"] as? String == "bulletin-xml")
        #expect((obsProv["path"] as? String)?.hasSuffix("generic:Obs[1]") == true)
        let grain = results[4]
        #expect(grain["actual"] as? Double == 1.37306)
        #expect((grain["actualAsWritten"] as? [String: Any])?["unit"] as? String == "万吨")
        let unemployment = results[2]
        #expect((unemployment["alternatives"] as? [[String: Any]])?.first?["basis"] as? String == "year-end")
        #expect(doc["noDataNotice"] is NSNull)
        // Human words follow the documents' language; codes do not.
        #expect(doc["language"] as? String == "zh")
        #expect(gdp["statusLabel"] as? String == "未达成")
        #expect(results[1]["statusLabel"] as? String == "达成" && results[1]["status"] as? String == "met")
        // Every result has every key, null or not.
        let keys = Set(results[0].keys)
        for r in results { #expect(Set(r.keys) == keys) }
    }

    @Test func csvHasOneQuotedRowPerGoal() throws {
        let s = try SampleScorecard.make()
        let text = CSVRenderer().render(s)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        // A Chinese scorecard gets Chinese headings, one per column.
        #expect(lines.first.map(String.init) == "\u{FEFF}" + ReportLabels(.zh).csvHeadings.joined(separator: ","))
        #expect(lines.first?.contains("状态代码,状态,指标代码") == true)
        let rows = try CSVRecords.parse(String(text.dropFirst()))
        #expect(rows.count == 11)
        #expect(rows.allSatisfy { $0.count == CSVRenderer.columns.count })
        let status = CSVRenderer.columns.firstIndex(of: "status")!
        let actual = CSVRenderer.columns.firstIndex(of: "actual")!
        let goalText = CSVRenderer.columns.firstIndex(of: "goal_text")!
        #expect(rows[2][status] == "met")
        #expect(rows[2][CSVRenderer.columns.firstIndex(of: "status_label")!] == "达成")
        #expect(rows[2][actual] == "1206")
        #expect(rows[10][goalText] == "全年完成绿化造林2400亩 & more")
    }

    @Test func markdownTableAndSources() throws {
        let s = try SampleScorecard.make()
        let md = MarkdownRenderer().render(s)
        let tableRows = md.split(separator: "\n").filter {
            $0.hasPrefix("| ") && !$0.hasPrefix("| 目标 |") && !$0.hasPrefix("| ---")
        }
        #expect(tableRows.count == 10)
        #expect(md.contains("| 目标 | 领域 | 目标值 | 实际值 | 差额 | 状态 | 来源 |"))
        #expect(md.contains("**未达成**") && !md.contains("**missed**"))
        #expect(md.contains("“城镇新增就业1100万人以上”"))
        #expect(md.contains("## 未匹配的指标"))
        #expect(!md.contains("> 尚无 2022 的实际数据"), "no notice: some goals have actuals")
    }

    @Test func terminalTableColoursOnlyWhenAsked() throws {
        let s = try SampleScorecard.make()
        let plain = TableRenderer(colour: false).render(s)
        let coloured = TableRenderer(colour: true).render(s)
        #expect(!plain.contains("\u{1B}["))
        #expect(coloured.contains("\u{1B}[31m未达成\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[32m达成\u{1B}[0m"))
        let lines = plain.split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.hasPrefix("目标 ") })
        #expect(header.contains("目标值") && header.contains("差额") && header.contains("状态") && header.contains("来源"))
        let jobs = try #require(lines.first { $0.hasPrefix("城镇新增就业") })
        #expect(
            jobs.contains("≥ 1100万人") && jobs.contains("1206万人") && jobs.contains("+106")
                && jobs.contains("bulletin 第 3 行第 1 列"))
        // Columns line up: the status column starts at one display offset on every goal line.
        let statusOffsets = lines.filter { ($0.contains(" 达成") || $0.contains(" 未达成")) && !$0.contains("·") }.map {
            line -> Int in
            let prefix = line.components(separatedBy: line.contains(" 未达成") ? " 未达成" : " 达成")[0]
            return ScorecardRenderTests.width(prefix)
        }
        #expect(Set(statusOffsets).count == 1, "\(statusOffsets)")
    }

    @Test func allNoDataSaysSoPlainly() throws {
        let s = try SampleScorecard.allNoData()
        #expect(s.results.allSatisfy { $0.status == .noData })
        let notice = try #require(s.noDataNotice)
        #expect(notice.contains("尚无 2022 的实际数据"))
        // CSV stays pure data: each row's explanation says it instead.
        for format in ReportFormat.allCases where format != .csv {
            #expect(format.renderer().render(s).contains("尚无 2022 的实际数据"), "\(format)")
        }
        #expect(CSVRenderer().render(s).contains(",尚无 2022 的实际数据\n"))
        #expect(
            CSVRenderer().render(try SampleScorecard.allNoData(language: .en)).contains(
                ",no actual figure for 2022 yet\n"))
        // The baseline still shows: 78.03 万吨 = 15.606 亿斤, +5.73 %.
        #expect(s.results[1].baseline?.value == 15.606)
        #expect(HTMLRenderer().render(s).contains("基期 2021：15.606亿斤；目标较基期 +5.73%"))
        // In English the same facts, in English words.
        let en = try SampleScorecard.allNoData(language: .en)
        #expect(en.noDataNotice?.contains("No actual figures are available yet for 2022") == true)
        #expect(HTMLRenderer().render(en).contains("baseline 2021: 15.606亿斤; the target implies +5.73%"))
    }

    @Test func htmlIsSelfContainedWithARowPerGoal() throws {
        let s = try SampleScorecard.make()
        let html = HTMLRenderer().render(s)
        #expect(html.components(separatedBy: "<tr class=\"goal\"").count - 1 == s.results.count)
        #expect(html.components(separatedBy: "data-status=\"met\"").count - 1 == 3)
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(!html.contains("<script src") && !html.contains("<link"))
        #expect(html.contains("<style>") && html.contains("location.hash"))
        // Each figure links to where it came from, with the exact text.
        #expect(html.contains("href=\"#src-2-actual\""))
        #expect(
            html.contains("id=\"src-2-actual\">实际：<code>bulletin</code> 第 3 行第 1 列 <q>全年城镇新增就业1206万人</q>"))
        #expect(html.contains("generic:Obs[1]"))
        // Text from sources is escaped.
        #expect(html.contains("&lt;script&gt;绿化造林") && !html.contains("<script>绿化造林"))
        #expect(html.contains("data-area=\"农业\"") && html.contains("<option value=\"农业\">"))
        if let out = ProcessInfo.processInfo.environment["YARDSTICK_HTML_SAMPLE"], !out.isEmpty {
            try html.write(toFile: out, atomically: true, encoding: .utf8)
        }
    }

    @Test func reportFormatsHaveExtensions() {
        #expect(ReportFormat.allCases.map(\.fileExtension) == ["txt", "json", "csv", "md", "html"])
        #expect(ReportFormat(rawValue: "markdown") == .markdown)
    }

    static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + (($1.value >= 0x2E80 && $1.value <= 0xFFEF && $1.value != 0x2265) ? 2 : 1) }
    }
}
