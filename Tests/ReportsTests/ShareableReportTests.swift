import Foundation
import GoalCheck
import IndicatorKit
import Reports
import TestSupport
import Testing

/// Reports meant to be passed around: in the documents' language, with baselines where no actual
/// exists yet, same-subject goals told apart, a phone- and print-friendly page and a CSV that
/// spreadsheets open safely.
struct ShareableReportTests {
    // MARK: Language

    @Test func languageFollowsTheDocuments() {
        #expect(ReportLanguage.detect(title: "柘城县 2022 年主要目标核查", subjects: []) == .zh)
        #expect(ReportLanguage.detect(title: "history", subjects: ["生产总值", "城镇新增就业", "GDP"]) == .zh)
        #expect(ReportLanguage.detect(title: "Targets 2022", subjects: ["GDP", "CPI", "生产总值"]) == .en)
        #expect(ReportLanguage.detect(title: nil, subjects: []) == .en)
    }

    @Test(arguments: [
        (CheckStatus.met, "达成", "met"), (.missed, "未达成", "missed"), (.onTrack, "进度正常", "on track"),
        (.behind, "进度落后", "behind"), (.noData, "暂无数据", "no data"), (.redacted, "数据未公开", "redacted"),
        (.incomparable, "无法比较", "incomparable"),
    ])
    func statusWords(status: CheckStatus, zh: String, en: String) {
        #expect(ReportLabels(.zh).status(status) == zh)
        #expect(ReportLabels(.en).status(status) == en)
    }

    @Test func aChineseScorecardIsChineseInEveryFormat() throws {
        let s = try SampleScorecard.make()
        #expect(s.language == .zh)
        let table = TableRenderer().render(s)
        #expect(table.contains("流水线 sample-2022 · 期间 2022 · 第 7 次运行"))
        #expect(table.contains("3 达成 · 1 进度落后 · 2 未达成 · 1 数据未公开 · 1 无法比较 · 2 暂无数据"), "\(table)")
        #expect(table.contains("未匹配的指标（加入指标目录即可核查）：某项特色指标"))
        #expect(!table.contains(" missed") && !table.contains("Goal"))
        let html = HTMLRenderer().render(s)
        #expect(html.contains("<html lang=\"zh-Hans\">"))
        #expect(html.contains("<th>目标</th><th>领域</th><th class=\"barcol\">目标与实际</th><th>目标值</th>"))
        #expect(html.contains("<span class=\"status s-behind\">进度落后</span>"))
        #expect(html.contains("<option value=\"no_data\">暂无数据</option>"), "filter values stay codes")
        #expect(html.contains("<h2>数据出处</h2>") && !html.contains("Where each figure came from"))
        #expect(html.contains("<div class=\"expl\">实际 1206万人，目标 ≥ 1100万人：达成</div>"))
        let md = MarkdownRenderer().render(s)
        #expect(md.contains("**数据未公开**") && md.contains("## 数据出处"))
        // Places in sources read as Chinese too; element paths stay as written.
        #expect(md.contains("   - 实际：bulletin 第 3 行第 1 列 — “全年城镇新增就业1206万人”"))
        #expect(
            table.contains("bulletin-xml 第 12 行，/message:GenericData/message:DataSet/generic:Series[1]/generic:Obs[1]"))
    }

    @Test func englishWhenThePipelineAsksForIt() throws {
        let s = try SampleScorecard.make(language: .en)
        let table = TableRenderer(colour: true).render(s)
        #expect(table.contains("pipeline sample-2022 · period 2022 · run 7"))
        #expect(table.contains("\u{1B}[31mmissed\u{1B}[0m") && table.contains("Goal"))
        #expect(table.contains("3 met · 1 behind · 2 missed · 1 redacted · 1 incomparable · 2 no data"))
        let html = HTMLRenderer().render(s)
        #expect(html.contains("<html lang=\"en\">") && html.contains("<th>Goal</th>"))
        #expect(html.contains("<span class=\"status s-no_data\">no data</span>"))
        #expect(html.contains("<div class=\"expl\">1206万人 against ≥ 1100万人: met</div>"))
        #expect(html.contains("<code>bulletin</code> line 3, column 1 <q>全年城镇新增就业1206万人</q>"))
        #expect(table.contains("bulletin line 3, column 1"))
        let csv = CSVRenderer().render(s)
        #expect(csv.hasPrefix("\u{FEFF}" + CSVRenderer.columns.joined(separator: ",") + "\n"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(JSONRenderer().render(s).utf8)) as? [String: Any])
        #expect(json["language"] as? String == "en")
        let results = try #require(json["results"] as? [[String: Any]])
        #expect(results.map { $0["statusLabel"] as? String }.first == "missed")
        #expect(MarkdownRenderer().render(s).contains("| Goal | Area | Target |"))
    }

    // MARK: Baseline and implied change

    @Test func goalsWithoutActualsShowTheBaselineAndTheImpliedChange() throws {
        let s = try SampleScorecard.allNoData()
        let table = TableRenderer().render(s)
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("目标 ") && $0.hasSuffix("基期 → 目标") }, "\(table)")
        let gdp = try #require(lines.first { $0.hasPrefix("生产总值") })
        #expect(gdp.contains("~ 9.5%") && gdp.contains("暂无数据") && gdp.hasSuffix("2021年 3.2% → 9.5%（+6.3个百分点）"))
        let grain = try #require(lines.first { $0.hasPrefix("粮食总产") })
        #expect(grain.hasSuffix("2021年 15.606亿斤 → 16.5亿斤（+5.73%）"), "\(grain)")
        let html = HTMLRenderer().render(s)
        #expect(
            html.contains(
                "<td class=\"base\" data-label=\"基期 → 目标\"><a href=\"#src-1-baseline\">2021年 3.2% → 9.5%（+6.3个百分点）</a></td>"
            ))
        #expect(html.contains("id=\"src-1-baseline\">基期 2021：3.2%；目标较基期 +6.3个百分点"))
        // The baseline is drawn beside the target where no actual exists.
        #expect(html.contains("<div class=\"bar baseline\""))
        #expect(MarkdownRenderer().render(s).contains("| 2021年 3.2% → 9.5%（+6.3个百分点） |"))
        let en = TableRenderer().render(try SampleScorecard.allNoData(language: .en))
        #expect(en.contains("2021 3.2% → 9.5% (+6.3 pp)") && en.contains("Baseline → target"))
    }

    @Test func noBaselineColumnWhenNoGoalHasABaseline() throws {
        let s = try SampleScorecard.make()
        #expect(s.results.allSatisfy { $0.baseline == nil })
        #expect(!TableRenderer().render(s).contains("基期"))
        #expect(!HTMLRenderer().render(s).contains("<td class=\"base"))
    }

    // MARK: Same subject, told apart

    @Test func goalsWithOneSubjectAreToldApartByTheirClause() throws {
        let goals = [
            SampleScorecard.goal("高标准农田", .level, .equal, 8, "万亩", text: "新建高标准农田8万亩", source: "speech", line: 22),
            SampleScorecard.goal(
                "高标准农田", .level, .equal, 97, "万亩", text: "全县高标准农田达到97万亩", source: "speech", line: 22, column: 30),
            SampleScorecard.goal(
                "高标准农田", .share, .atLeast, 95, "%", text: "达到95%以上", source: "speech", line: 22, column: 44),
            SampleScorecard.goal(
                "粮食总产", .level, .atLeast, 16.5, "亿斤", text: "粮食总产稳定在16.5亿斤以上", source: "speech", line: 22),
            // Two goals whose clauses are the same too: the target tells them apart.
            SampleScorecard.goal("新建学校", .level, .equal, 3, "所", text: "新建学校", source: "speech", line: 40),
            SampleScorecard.goal("新建学校", .level, .equal, 5, "所", text: "新建学校", source: "speech", line: 41),
        ]
        let s = Scorecard(
            title: "柘城县 2022 年主要目标核查", pipeline: "z", period: "2022",
            results: try SampleScorecard.results(goals: goals, observations: []))
        #expect(
            s.goalNames == [
                "高标准农田（新建高标准农田8万亩）", "高标准农田（全县高标准农田达到97万亩）", "高标准农田（达到95%以上）", "粮食总产",
                "新建学校 3所", "新建学校 5所",
            ])
        let table = TableRenderer().render(s)
        for name in s.goalNames {
            #expect(table.split(separator: "\n").contains { $0.hasPrefix(name + " ") }, "\(name)")
        }
        let html = HTMLRenderer().render(s)
        #expect(html.contains("<td class=\"name\"><strong>高标准农田（达到95%以上）</strong>"))
        #expect(MarkdownRenderer().render(s).contains("| 高标准农田（全县高标准农田达到97万亩） |"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(JSONRenderer().render(s).utf8)) as? [String: Any])
        let labels = (json["results"] as? [[String: Any]])?.map { $0["label"] as? String }
        #expect(labels == s.goalNames, "JSON keeps subject and status codes, and adds the label")
        // A long clause is cut on one line.
        let long = String(repeating: "深入开展耕地专项整治", count: 4) + "新建高标准农田8万亩"
        let cut = Scorecard(
            title: "t", pipeline: "z", period: "2022",
            results: try SampleScorecard.results(
                goals: [
                    SampleScorecard.goal("高标准农田", .level, .equal, 8, "万亩", text: long + "\n", line: 1),
                    SampleScorecard.goal("高标准农田", .level, .equal, 97, "万亩", text: "达到97万亩", line: 2),
                ], observations: []), language: .en)
        #expect(cut.goalNames[0] == "高标准农田 (" + String(long.prefix(23)) + "…)")
    }

    // MARK: CSV in spreadsheets

    @Test func csvStartsWithAByteOrderMark() throws {
        let text = CSVRenderer().render(try SampleScorecard.make())
        #expect(Array(text.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
    }

    @Test func csvCellsAreNeverReadAsFormulas() throws {
        let goals = [
            // A bare figure: comparator "=".
            SampleScorecard.goal("5G基站", .level, .equal, 285, "个", text: "新建5G基站285个", source: "speech", line: 44),
            SampleScorecard.goal("=HYPERLINK(\"x\")", .level, .atLeast, 1, "个", text: "+1 more", line: 2),
            SampleScorecard.goal("@SUM(A1)", .level, .atLeast, 1, "个", text: "-2+3", line: 3),
            SampleScorecard.goal("\tcmd", .level, .atLeast, 1, "个", text: "\r\nsplit", line: 4),
        ]
        let observations = [
            SampleScorecard.observation("5G基站", .level, 280, "个", text: "建成5G基站280个", line: 9)
        ]
        let s = Scorecard(
            title: "柘城县", pipeline: "z", period: "2022",
            results: try SampleScorecard.results(goals: goals, observations: observations))
        let rows = try CSVRecords.parse(String(CSVRenderer().render(s).dropFirst()))
        let column = { (name: String) in CSVRenderer.columns.firstIndex(of: name)! }
        #expect(rows[1][column("comparator")] == "'=")
        #expect(rows[2][column("subject")] == "'=HYPERLINK(\"x\")")
        #expect(rows[2][column("goal_text")] == "'+1 more")
        #expect(rows[3][column("subject")] == "'@SUM(A1)")
        #expect(rows[3][column("goal_text")] == "'-2+3")
        #expect(rows[4][column("subject")] == "'\tcmd")
        #expect(rows[4][column("goal_text")] == "'\r\nsplit")
        // No text cell starts a formula; numbers stay numbers, negative ones included.
        for row in rows.dropFirst() {
            for (name, cell) in zip(CSVRenderer.columns, row) where !CSVRenderer.numericColumns.contains(name) {
                #expect(!(cell.first.map { "=+-@\t\r".contains($0) } ?? false), "\(name): \(cell)")
            }
        }
        #expect(rows[1][column("margin")] == "-5")
        #expect(rows[1][column("actual")] == "280")
        #expect(Double(rows[1][column("margin")]) == -5)
    }

    // MARK: HTML on a phone and on paper

    @Test func htmlHasAPhoneLayoutAndAPrintLayout() throws {
        let s = try SampleScorecard.allNoData()
        let html = HTMLRenderer().render(s)
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(html.contains("@media (max-width: 720px)") && html.contains("@media print"))
        #expect(
            html.contains("<div class=\"scroll\">"), "a wide table scrolls sideways instead of cutting the status off")
        // Every row has its status cell and every figure cell its heading for the card layout.
        let rows = html.components(separatedBy: "<tr class=\"goal\"").dropFirst()
        #expect(rows.count == 2)
        for row in rows {
            #expect(row.contains("<td class=\"st\"><span class=\"status s-no_data\">暂无数据</span></td>"))
            for heading in ["领域", "目标值", "实际值", "差额", "基期 → 目标", "来源"] {
                #expect(row.contains("data-label=\"\(heading)\""), "\(heading)")
            }
        }
        let print = try #require(html.range(of: "@media print")).upperBound
        let printCSS = html[print...].prefix { $0 != "<" }
        #expect(printCSS.contains(".filters { display: none; }"))
        #expect(printCSS.contains("break-inside: avoid"))
        #expect(printCSS.contains("print-color-adjust: exact"))
    }
}
