import Foundation
import IndicatorKit
import Testing

@testable import SpeechTextAdapter

/// The documents of the published target/outcome pairs (Fixtures/published): a county bulletin as a
/// CMS renders it, a work report printed to PDF, a traditional-script reprint with pinyin glosses and
/// a task-completion table. Each test pins a reading rule these documents exercise.
struct PublishedPairDocumentTests {
    static func fixture(_ name: String) -> String {
        SpeechText.fixtures.appendingPathComponent("published").appendingPathComponent(name).path
    }

    static func records(_ path: String, options: [String: OptionValue] = [:]) async throws -> [SourceRecord] {
        let adapter = try SpeechTextAdapter(options: AdapterOptions(options))
        let collector = RecordCollector()
        try await adapter.read(SourceInput(path: path), into: collector.sink)
        return collector.records
    }

    /// The page's layout table holds the article in one cell, whose <p> blocks come before any
    /// nested table shows the cell is layout: each block is still a line of its own, so a heading
    /// ("二、农业") does not run into the sentence below it, and the "单位：万吨" line reaches table 1.
    @Test func blocksOfALayoutCellAreLines() throws {
        let lines = try DocumentLines.html(Self.fixture("yunxi-2024-bulletin.html")).map(\.text)
        #expect(lines.contains("二、农业"))
        #expect(lines.contains("全年粮食播种面积96.4千公顷，比上年增长0.3%。新建高标准农田2.3万亩。"))
        #expect(lines.contains("单位：万吨"))
        #expect(!lines.contains { $0.contains("网站首页") || $0.contains("ICP") || $0.contains("分享到") })
    }

    @Test func cmsBulletinRecords() async throws {
        let records = try await Self.records(Self.fixture("yunxi-2024-bulletin.html"))
        let sown = try #require(records.first { $0.subject == "粮食播种面积" && $0.kind == .level })
        #expect(sown.quantity.value == 96.4)
        #expect(sown.quantity.unit == "千公顷")
        #expect(sown.period.rawValue == "2024")
        #expect(!records.contains { $0.subject.contains("农业") || $0.subject.contains("、") })
        // Table 1 has its unit above it, on a right-aligned line: the output cells are levels in 万吨.
        let grain = try #require(records.first { $0.subject == "粮食总产量" && $0.kind == .level })
        #expect(grain.quantity.value == 52.8)
        #expect(grain.quantity.unit == "万吨")
        #expect(grain.location.row == 1)
        #expect(grain.location.cell == 2)
        let summer = try #require(records.first { $0.subject == "夏粮" && $0.kind == .level })
        #expect(summer.quantity.value == 21.6)
        #expect(summer.observation?.attributes["parent"] == "粮食总产量")
        // The GDP paragraph, its spans joined, from its own source line.
        let gdp = try #require(records.first { $0.subject == "地区生产总值" && $0.kind == .growth })
        #expect(gdp.quantity.value == 5.7)
        #expect(gdp.location.line == 31)
        // "注：…统计口径为计划总投资500万元及以上项目" states a threshold: no record.
        #expect(!records.contains { $0.quantity.value == 500 })
        #expect(!records.contains { $0.subject.contains("口径") })
        let investment = try #require(records.first { $0.subject == "固定资产投资" })
        #expect(investment.kind == .growth)
        #expect(investment.quantity.value == -3.5)
    }

    /// A note line in either script yields nothing; a line merely starting with 注 is read.
    @Test func noteLinesYieldNoFigures() async throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("note-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(
            """
            全年粮食总产量52.8万吨。
            注：规模以上工业统计范围为年主营业务收入2000万元及以上的工业法人单位。
            註1：表中部分數據因四捨五入，總計與分項合計不等，增長5%。
            注重实效，全年新建农村公路126公里。

            """.utf8
        ).write(to: url)
        let records = try await Self.records(url.path)
        #expect(records.map(\.subject) == ["粮食总产量", "农村公路"])
    }

    /// A monthly indicator table as county sites publish it: its first row spans the table with
    /// "单位：亿元、%", and a rank column (全市排位) sits beside the figures. The levels are in 亿元
    /// (a unit in the label, "（元）", wins), the growth column in %, and the ranks are no figures.
    @Test func spanningUnitRowAndRankColumn() async throws {
        let records = try await Self.records(Self.fixture("songling-2024-12-indicators.html"))
        let observations = records.compactMap(\.observation)
        #expect(records.count == observations.count)
        let rows = observations.map {
            "\($0.subject) \($0.kind.rawValue) \($0.quantity.value ?? .nan) \($0.quantity.unit)"
        }
        #expect(
            rows == [
                "地区生产总值 level 156.3 亿元", "地区生产总值 growth 5.9 %", "第一产业增加值 level 22.1 亿元",
                "第一产业增加值 growth 3.4 %", "规模以上工业增加值 growth 8.3 %", "一般公共预算收入 level 7.2 亿元",
                "一般公共预算收入 growth 6.4 %", "税收收入 level 4.9 亿元", "税收收入 growth 5.1 %",
                "城镇居民人均可支配收入 level 38650.0 元", "城镇居民人均可支配收入 growth 4.8 %",
            ])
        #expect(observations.allSatisfy { $0.period.rawValue == "2024" })
        let tax = try #require(observations.first { $0.subject == "税收收入" && $0.kind == .level })
        #expect(tax.attributes["parent"] == "一般公共预算收入")
        #expect(tax.location.row == 5)
        #expect(tax.location.cell == 2)
    }

    /// "年末" and "全县" before 金融机构 are framing words: 金 starts 金融 here, it does not end them.
    @Test func yearEndBeforeFinancialInstitutions() async throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("deposits-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(
            """
            2024年末全縣金融機構人民幣各項存款餘額386.5億元，比年初增加28.7億元，增長8.0%。
            年末金融机构各项贷款余额251.2亿元。

            """.utf8
        ).write(to: url)
        let observations = try await Self.records(url.path).compactMap(\.observation)
        #expect(observations.map(\.subject) == ["金融機構人民幣各項存款餘額", "金融機構人民幣各項存款餘額", "金融机构各项贷款余额"])
        #expect(observations.map(\.kind) == [.level, .growth, .level])
        #expect(observations.map(\.quantity.value) == [386.5, 8.0, 251.2])
        #expect(observations.first?.attributes["point"] == "year-end")
        #expect(observations.first?.period.rawValue == "2024")
    }

    /// "规模以上工业企业实现营业收入182.3亿元": the subject is the enterprises' revenue, without 实现.
    @Test func verbBetweenEnterprisesAndTheirMeasure() async throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("revenue-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(
            """
            2024年规模以上工业企业实现营业收入182.3亿元，增长9.1%。
            2024年規模以上服務業企業完成營業收入36.4億元。
            2024年全县企业实现率85%。

            """.utf8
        ).write(to: url)
        let observations = try await Self.records(url.path).compactMap(\.observation)
        #expect(observations.map(\.subject) == ["规模以上工业企业营业收入", "规模以上工业企业营业收入", "規模以上服務業企業營業收入", "企业实现率"])
        #expect(observations.map(\.quantity.value) == [182.3, 9.1, 36.4, 85])
    }

    /// A sign before a figure in running text ("<9.6亿千瓦时", "≤5.5%") is its comparator, never
    /// the end of the subject.
    @Test func boundSignsBeforeAFigure() async throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("signs-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(
            """
            2024年全县发电量<9.6亿千瓦时，比上年增长12%。
            2025年主要预期目标是：城镇调查失业率≤5.5%，单位GDP能耗下降≥3%，供水量＞3000万立方米。

            """.utf8
        ).write(to: url)
        let records = try await Self.records(url.path)
        let power = records.compactMap(\.observation).filter { $0.subject == "发电量" }
        #expect(power.map(\.quantity.value) == [9.6, 12])
        #expect(power.first?.quantity.unit == "亿千瓦时")
        let goals = records.compactMap(\.goal)
        #expect(goals.map(\.subject) == ["城镇调查失业率", "单位GDP能耗", "供水量"])
        #expect(goals.map(\.comparator) == [.atMost, .atMost, .above])
        #expect(goals.map(\.quantity.value) == [5.5, -3, 3000])
        #expect(goals.allSatisfy { $0.period.rawValue == "2025" })
    }

    /// The report's target table, laid out by pdftotext with single spaces in its header ("指标
    /// 单位 2023年完成 2024年目标"): the 2024 column gives goals, the 2023 column observations.
    @Test func pdfTargetTableWithASpacedHeader() async throws {
        let pdf = try PDFInputTests.PrintedPDF("published/yunxi-2024-report.html")
        defer { pdf.remove() }
        let records = try await Self.records(pdf.path)
        let goal = try #require(records.compactMap(\.goal).first { $0.subject == "粮食总产量" })
        #expect(goal.kind == .level)
        #expect(goal.quantity.value == 52.5)
        #expect(goal.quantity.unit == "万吨")
        #expect(goal.period.rawValue == "2024")
        #expect(goal.location.page == 2)
        #expect(goal.location.row == 1)
        #expect(goal.location.cell == 4)
        let farmland = try #require(records.compactMap(\.goal).first { $0.subject == "新增高标准农田" })
        #expect(farmland.quantity.value == 2.5)
        #expect(farmland.quantity.unit == "万亩")
        let done = records.compactMap(\.observation).filter { $0.subject == "粮食总产量" }
        #expect(done.map(\.quantity.value) == [51.9, 51.9])
        #expect(done.allSatisfy { $0.period.rawValue == "2023" })
        // The plan list runs across the page break; its last items are goals too.
        let goals = records.compactMap(\.goal).map(\.subject)
        #expect(goals.contains("社会消费品零售总额"))
        #expect(goals.contains("城镇调查失业率"))
    }
}
