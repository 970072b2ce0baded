import Foundation
import IndicatorKit
import Testing

/// Documents as they are published: PDF-style spacing and reprint noise, `|` and aligned tables,
/// task-completion tables and the language of bulletins, each in simplified and traditional script.
struct PublishedDocumentTests {
    /// One record flattened for comparison.
    struct Row: Equatable, CustomStringConvertible {
        var goal: Bool
        var subject: String
        var kind: FigureKind
        var value: Double?
        var unit: String
        var period: String
        var comparator: TargetComparator? = nil

        var description: String {
            "\(goal ? "goal" : "obs") \(subject) \(kind) \(value.map { "\($0)" } ?? "nil") \(unit) \(period)"
        }
    }

    static func rows(_ records: [SourceRecord]) -> [Row] {
        records.map { r in
            if let g = r.goal {
                return Row(
                    goal: true, subject: g.subject, kind: g.kind, value: g.quantity.value, unit: g.quantity.unit,
                    period: g.period.rawValue, comparator: g.comparator)
            }
            let o = r.observation!
            return Row(
                goal: false, subject: o.subject, kind: o.kind, value: o.quantity.value, unit: o.quantity.unit,
                period: o.period.rawValue)
        }
    }

    static func fixture(_ name: String) async throws -> [SourceRecord] {
        try await SpeechText.records(path: SpeechText.fixtures.appendingPathComponent(name).path)
    }

    static func location(_ r: SourceRecord) -> IndicatorKit.SourceLocation {
        r.goal?.location ?? r.observation!.location
    }
    static func attributes(_ r: SourceRecord) -> [String: String] { r.goal?.attributes ?? r.observation!.attributes }

    // MARK: - Reprint noise

    @Test(arguments: [
        (
            "reprint-spacing-hans.txt", ["地区生产总值", "一般公共预算收入", "粮食总产", "规模以上工业增加值", "城镇居民人均可支配收入", "社会消费品零售总额"],
            ["亿元", "亿斤"]
        ),
        (
            "reprint-spacing-hant.txt", ["地區生產總值", "一般公共預算收入", "糧食總產", "規模以上工業增加值", "城鎮居民人均可支配收入", "社會消費品零售總額"],
            ["億元", "億斤"]
        ),
    ])
    func spacingWidthsZeroWidthAndGlossesDoNotBreakFigures(_ name: String, _ subjects: [String], _ units: [String])
        async throws
    {
        let records = try await Self.fixture(name)
        let s = subjects
        let expected: [Row] = [
            Row(goal: false, subject: s[0], kind: .level, value: 245.8, unit: units[0], period: "2023"),
            Row(goal: false, subject: s[0], kind: .growth, value: 5.4, unit: "%", period: "2023"),
            Row(goal: false, subject: s[1], kind: .level, value: 9.12, unit: units[0], period: "2023"),
            Row(goal: false, subject: s[1], kind: .growth, value: 7.6, unit: "%", period: "2023"),
            Row(goal: false, subject: s[2], kind: .level, value: 18.4, unit: units[1], period: "2023"),
            Row(goal: false, subject: s[2], kind: .growth, value: 1.2, unit: "%", period: "2023"),
            // 高于全省1.3个百分点 compares with the province: no figure.
            Row(goal: false, subject: s[3], kind: .growth, value: 6.1, unit: "%", period: "2023"),
            Row(goal: false, subject: s[4], kind: .level, value: 38216, unit: "元", period: "2023"),
            Row(goal: false, subject: s[4], kind: .growth, value: 5, unit: "%", period: "2023"),
            Row(goal: false, subject: s[5], kind: .level, value: 112.3, unit: units[0], period: "2023"),
            Row(goal: false, subject: s[5], kind: .growth, value: 4.4, unit: "%", period: "2023"),
        ]
        #expect(Self.rows(records) == expected)
        // Columns point into the line as written: "245.8" is the 23rd character of line 2,
        // "9.12" follows two ideographic spaces, "112.3" follows two pinyin glosses.
        #expect(Self.location(records[0]) == IndicatorKit.SourceLocation(line: 2, column: 23))
        #expect(Self.location(records[2]) == IndicatorKit.SourceLocation(line: 3, column: 13))
        #expect(Self.location(records[9]) == IndicatorKit.SourceLocation(line: 7, column: 22))
        // 初步核算 marks an estimate.
        #expect(Self.attributes(records[0])["estimate"] == "true")
        #expect(Self.attributes(records[2])["estimate"] == nil)
    }

    @Test(arguments: [
        ("生產(chǎn)總值(zǒng zhí)增長5.2%。", "生產總值"),
        ("生产（sheng1）总值（zong3）增长5.2%。", "生产总值"),
        ("地区生产总值(GDP)增长5.2%。", "地区生产总值"),
    ])
    func pinyinGlossesAndAbbreviationsLeaveTheSubject(_ sentence: String, _ subject: String) async throws {
        try await SpeechText.expectOneFigure(sentence, subject: subject, value: 5.2)
    }

    // MARK: - Tables

    @Test(arguments: [
        ("bulletin-tables-hans.txt", ["粮食总产量", "夏粮", "秋粮", "油料", "水泥产量", "钢材产量", "发电量"], "万吨", "亿千瓦时"),
        ("bulletin-tables-hant.txt", ["糧食總產量", "夏糧", "秋糧", "油料", "水泥產量", "鋼材產量", "發電量"], "萬噸", "億千瓦時"),
    ])
    func tableCellsAreObservationsOfTheirColumn(_ name: String, _ s: [String], _ tons: String, _ kwh: String)
        async throws
    {
        let records = try await Self.fixture(name)
        var expected: [Row] = []
        let cells: [(Double, Double)] = [
            (42.6, 1.9), (20.3, 2.4), (22.3, 1.4), (3.05, -2.7), (186.2, -6.5), (41.7, 3.8), (15.9, 8.2),
        ]
        for (n, (level, growth)) in cells.enumerated() {
            expected.append(
                Row(goal: false, subject: s[n], kind: .level, value: level, unit: n == 6 ? kwh : tons, period: "2023"))
            expected.append(Row(goal: false, subject: s[n], kind: .growth, value: growth, unit: "%", period: "2023"))
        }
        #expect(Self.rows(records) == expected)
        // The `|` table: row 2 is #夏粮 (a sub-item of 粮食总产量); 绝对数 is its third cell.
        #expect(Self.location(records[2]) == IndicatorKit.SourceLocation(line: 7, column: 12, row: 2, cell: 3))
        #expect(Self.location(records[3]) == IndicatorKit.SourceLocation(line: 7, column: 19, row: 2, cell: 4))
        #expect(Self.attributes(records[2])["parent"] == s[0])
        #expect(Self.attributes(records[0])["parent"] == nil)
        // The aligned table (unit from 单位：万吨 above it): 水泥's growth is the third column.
        #expect(Self.location(records[9]) == IndicatorKit.SourceLocation(line: 14, column: 31, row: 1, cell: 3))
    }

    @Test func aTableWithoutHeaderWordsOrNumbersIsText() async throws {
        let text = "一、2022年工作回顾\n全县生产总值增长6%  新建学校5所。\n"
        let obs = try await SpeechText.records(text).compactMap(\.observation)
        #expect(obs.map(\.quantity.value) == [6, 5])
        #expect(obs.allSatisfy { $0.location.row == nil })
    }

    @Test(arguments: [
        ("task-table-hans.txt", ["固定资产投资", "城镇新增就业", "规模以上工业增加值", "地区生产总值", "一般公共预算收入"], "亿元"),
        ("task-table-hant.txt", ["固定資產投資", "城鎮新增就業", "規模以上工業增加值", "地區生產總值", "一般公共預算收入"], "億元"),
    ])
    func aTaskTableGivesTheGoalAndTheOutcome(_ name: String, _ s: [String], _ yuan: String) async throws {
        let records = try await Self.fixture(name)
        let expected: [Row] = [
            Row(goal: true, subject: s[0], kind: .growth, value: 10, unit: "%", period: "2023", comparator: .atLeast),
            Row(goal: false, subject: s[0], kind: .growth, value: 6.2, unit: "%", period: "2023"),
            Row(goal: true, subject: s[1], kind: .level, value: 6000, unit: "人", period: "2023", comparator: .equal),
            // "完成目标的105.8%" is a completion rate, no figure.
            Row(goal: false, subject: s[1], kind: .level, value: 6350, unit: "人", period: "2023"),
            Row(goal: true, subject: s[2], kind: .growth, value: 7, unit: "%", period: "2023", comparator: .equal),
            // "增长7.4%" names no subject: it takes the target's.
            Row(goal: false, subject: s[2], kind: .growth, value: 7.4, unit: "%", period: "2023"),
            Row(goal: true, subject: s[3], kind: .growth, value: 6.5, unit: "%", period: "2023", comparator: .about),
            Row(goal: false, subject: s[3], kind: .growth, value: 5.4, unit: "%", period: "2023"),
            Row(goal: true, subject: s[4], kind: .level, value: 9, unit: yuan, period: "2023", comparator: .equal),
            Row(goal: false, subject: s[4], kind: .level, value: 9.12, unit: yuan, period: "2023"),
        ]
        #expect(Self.rows(records) == expected)
        #expect(Self.location(records[0]) == IndicatorKit.SourceLocation(line: 6, column: 13, row: 1, cell: 2))
        #expect(Self.location(records[1]) == IndicatorKit.SourceLocation(line: 6, column: 31, row: 1, cell: 3))
        #expect(Self.location(records[9]) == IndicatorKit.SourceLocation(line: 12, column: 20, row: 2, cell: 3))
    }

    @Test func anAlignedTaskTableInAPlanReadsBothColumns() async throws {
        let text = """
            二、2024年重点工作
            序号  工作任务                      完成情况
            1     社会消费品零售总额增长10%      全年社会消费品零售总额下降2.1%

            """
        let rows = Self.rows(try await SpeechText.records(text))
        #expect(
            rows == [
                Row(
                    goal: true, subject: "社会消费品零售总额", kind: .growth, value: 10, unit: "%", period: "2024",
                    comparator: .equal),
                Row(goal: false, subject: "社会消费品零售总额", kind: .growth, value: -2.1, unit: "%", period: "2024"),
            ])
    }

    // MARK: - Bulletin language

    @Test(arguments: [
        (
            "bulletin-language-hans.txt",
            ["地区生产总值", "第一产业增加值", "规模以上工业增加值", "拉动全县经济", "居民人均可支配收入", "规上服务业企业", "保障性租赁住房"],
            "青禾县", "亿元"
        ),
        (
            "bulletin-language-hant.txt",
            ["地區生產總值", "第一產業增加值", "規模以上工業增加值", "拉動全縣經濟", "居民人均可支配收入", "規上服務業企業", "保障性租賃住房"],
            "青禾縣", "億元"
        ),
    ])
    func flatContributionAverageAndEstimate(_ name: String, _ s: [String], _ county: String, _ yuan: String)
        async throws
    {
        let records = try await Self.fixture(name)
        let expected: [Row] = [
            Row(goal: false, subject: s[0], kind: .growth, value: 5, unit: "%", period: "2023"),
            Row(goal: false, subject: s[1], kind: .level, value: 31.2, unit: yuan, period: "2023"),
            // 与上年持平 is growth 0; 与全省持平 and 居全市第一 give nothing.
            Row(goal: false, subject: s[1], kind: .growth, value: 0, unit: "%", period: "2023"),
            Row(goal: false, subject: s[2], kind: .growth, value: 6.1, unit: "%", period: "2023"),
            // 拉动…1.4个百分点 is a contribution in points, not the industry's growth.
            Row(goal: false, subject: s[3], kind: .change, value: 1.4, unit: "百分点", period: "2023"),
            // 年均增长 over 2019—2023 is an average for the span.
            Row(goal: false, subject: s[4], kind: .growth, value: 6.8, unit: "%", period: "2019/2023"),
            Row(goal: false, subject: s[5], kind: .level, value: 14, unit: "家", period: "2023"),
            Row(goal: false, subject: s[6], kind: .level, value: 820, unit: "套", period: "2023"),
        ]
        #expect(Self.rows(records) == expected)
        #expect(records[0].observation?.region == county)
        #expect(Self.attributes(records[0])["estimate"] == "true")
        #expect(Self.attributes(records[4])["contribution"] == "true")
        #expect(Self.attributes(records[5])["average"] == "annual")
    }

    @Test func averageGrowthWithoutASpanIsNoYearsGrowth() async throws {
        let obs = try await SpeechText.reviewObservations("全县生产总值年均增长6.5%，财政收入增长4%。")
        #expect(obs.map(\.subject) == ["财政收入"])
    }

    @Test func aPlanPeriodGivesTheSpan() async throws {
        let goals = try await SpeechText.planGoals("“十四五”期间，全县生产总值年均增长7%以上。")
        #expect(goals.map(\.period.rawValue) == ["2021/2025"])
        #expect(goals.map(\.comparator) == [.atLeast])
        #expect(goals.map(\.subject) == ["生产总值"])
    }

    @Test func aPlanListWithoutCueWordsGivesGoals() async throws {
        let text = "二、2023年重点工作\n主要预期目标：\n地区生产总值增长7%以上；\n一般公共预算收入增长6%。\n"
        let goals = try await SpeechText.records(text).compactMap(\.goal)
        #expect(goals.map(\.subject) == ["地区生产总值", "一般公共预算收入"])
        #expect(goals.map(\.comparator) == [.atLeast, .equal])
    }
}

/// Table headers as HTML pages give them: two header rows, ±% columns, a unit in the header.
struct TableHeaderTests {
    @Test func aTwoRowHeaderGivesYearKindAndUnit() async throws {
        let text = """
            青禾县2023年国民经济和社会发展统计公报
            表1 地区生产总值

            指标 | 2023年 | 2023年
             | 绝对数(亿元) | 比上年±%
            地区生产总值 | 245.8 | 5.4
            其中：第一产业 | 31.2 | 0.0

            """
        let obs = try await SpeechText.records(text).compactMap(\.observation)
        #expect(obs.map(\.subject) == ["地区生产总值", "地区生产总值", "第一产业增加值", "第一产业增加值"])
        #expect(obs.map(\.kind) == [.level, .growth, .level, .growth])
        #expect(obs.map(\.quantity.unit) == ["亿元", "%", "亿元", "%"])
        #expect(obs.map(\.quantity.value) == [245.8, 5.4, 31.2, 0])
        #expect(obs.map(\.period.rawValue) == ["2023", "2023", "2023", "2023"])
        #expect(obs.map(\.location.row) == [1, 1, 2, 2])
        #expect(obs.map(\.location.cell) == [2, 3, 2, 3])
        #expect(obs[2].attributes["parent"] == "地区生产总值")
    }

    @Test func aCaptionAndAUnitLineAreNoFigures() async throws {
        let text = "青禾县2023年国民经济和社会发展统计公报\n表3 2023年主要工业产品产量\n单位：万吨\n\n产品名称 | 产量 | 增长(%)\n原煤 | 12.5 | -3\n"
        let obs = try await SpeechText.records(text).compactMap(\.observation)
        #expect(obs.map(\.subject) == ["原煤产量", "原煤产量"])
        #expect(obs.map(\.quantity.unit) == ["万吨", "%"])
        #expect(obs.map(\.quantity.value) == [12.5, -3])
    }

    @Test func aTableOfRegionsGivesTheRegion() async throws {
        let text = "某市2023年国民经济和社会发展统计公报\n\n地區 | 地區生產總值(億元) | 增長(%)\n甲縣 | 245.8 | 5.4\n乙區 | 180.2 | 4.9\n"
        let obs = try await SpeechText.records(text).compactMap(\.observation)
        #expect(obs.map(\.subject) == Array(repeating: "地區生產總值", count: 4))
        #expect(obs.map(\.region) == ["甲縣", "甲縣", "乙區", "乙區"])
        #expect(obs.map(\.kind) == [.level, .growth, .level, .growth])
        #expect(obs.map(\.quantity.unit) == ["億元", "%", "億元", "%"])
    }

    @Test func aTextCellIsReadAboutItsRow() async throws {
        let text = "某市2023年国民经济和社会发展统计公报\n\n指标 | 本年 | 比上年\n城镇化率(%) | 56.3 | 提高1.2个百分点\n"
        let obs = try await SpeechText.records(text).compactMap(\.observation)
        #expect(obs.map(\.subject) == ["城镇化率", "城镇化率"])
        #expect(obs.map(\.kind) == [.share, .change])
        #expect(obs.map(\.quantity.value) == [56.3, 1.2])
        #expect(obs.map(\.location.cell) == [2, 3])
    }

    @Test func aPlanTableOfTargetsGivesGoals() async throws {
        let text = "二、2024年重点工作\n\n指標 | 單位 | 2024年目標\n地區生產總值增長 | % | 6左右\n城鎮新增就業 | 萬人 | 1.2以上\n"
        let goals = try await SpeechText.records(text).compactMap(\.goal)
        #expect(goals.map(\.subject) == ["地區生產總值", "城鎮新增就業"])
        #expect(goals.map(\.kind) == [.growth, .level])
        #expect(goals.map(\.comparator) == [.about, .atLeast])
        #expect(goals.map(\.quantity.unit) == ["%", "萬人"])
        #expect(goals.map(\.period.rawValue) == ["2024", "2024"])
    }
}

/// Comparisons with another region or base give no figure of their own.
struct ComparisonTests {
    @Test(arguments: [
        "规模以上工业增加值增长6.1%，高于全省1.2个百分点。",
        "规模以上工业增加值增长6.1%，超全市平均0.8个百分点。",
        "规模以上工业增加值增长6.1%，增速与全省持平。",
        "规模以上工业增加值增长6.1%，比全市高1.7个百分点。",
        "规模以上工业增加值增长6.1%，增速居全市第一。",
        "規模以上工業增加值增長6.1%，高於全省1.2個百分點。",
        "规模以上工业增加值增长6.1%，比2019年同期增长13.5%。",
    ])
    func aComparisonIsNoFigure(_ sentence: String) async throws {
        let obs = try await SpeechText.reviewObservations(sentence)
        #expect(obs.map(\.quantity.value) == [6.1], "\(obs.map(\.subject))")
        #expect(obs.map(\.kind) == [.growth])
    }

    @Test func aSpanOfMonthsLeavesTheSubject() async throws {
        let obs = try await SpeechText.reviewObservations("一季度生猪出栏1.76万头，同比增长1.4%。")
        #expect(obs.map(\.subject) == ["生猪出栏", "生猪出栏"])
        #expect(obs.map(\.period.rawValue) == ["2022-01/2022-03", "2022-01/2022-03"])
    }

    @Test func realGrowthKeepsTheSubjectClean() async throws {
        let obs = try await SpeechText.reviewObservations("规模以上工业增加值同比实际增长8.3%。")
        #expect(obs.map(\.subject) == ["规模以上工业增加值"])
    }
}

/// A narrow table as pdftotext -layout lays it out: single spaces between cells, the page's
/// indentation, a sub-item indented deeper, a label broken by a space.
struct PDFLayoutTableTests {
    @Test(arguments: [
        ("pdf-layout-hans.txt", ["地区生产总值", "水泥产量", "发电量", "火电", "规模以上工业增加值"], ["亿元", "万吨", "亿千瓦时"]),
        ("pdf-layout-hant.txt", ["地區生產總值", "水泥產量", "發電量", "火電", "規模以上工業增加值"], ["億元", "萬噸", "億千瓦時"]),
    ])
    func singleSpacedCellsAreATable(_ name: String, _ s: [String], _ u: [String]) async throws {
        let records = try await SpeechText.records(path: SpeechText.fixtures.appendingPathComponent(name).path)
        let obs = records.compactMap(\.observation)
        #expect(obs.map(\.subject) == [s[0], s[0], s[1], s[1], s[2], s[2], s[3], s[3], s[4], s[4]])
        #expect(obs.map(\.quantity.value) == [245.8, 5.4, 186.2, -6.5, 15.9, 8.2, 10.1, 3.2, 80.3, 7.4])
        #expect(obs.map(\.quantity.unit) == [u[0], "%", u[1], "%", u[2], "%", u[2], "%", u[0], "%"])
        #expect(
            obs.map(\.kind) == [.level, .growth, .level, .growth, .level, .growth, .level, .growth, .level, .growth])
        #expect(obs.map(\.location.row) == [nil, nil, 1, 1, 2, 2, 3, 3, 4, 4])
        #expect(obs.map(\.location.cell) == [nil, nil, 3, 4, 3, 4, 3, 4, 3, 4])
        #expect(obs[2].location.column == 13)
        #expect(obs[6].attributes["parent"] == s[2])
        #expect(obs[2].attributes["parent"] == nil)
    }
}

/// Averages and contributions read only where the words say so.
struct AverageAndContributionTests {
    @Test func anAverageRiseOfPricesIsTheYearsGrowth() async throws {
        let obs = try await SpeechText.reviewObservations("居民消费价格平均上涨2%。")
        #expect(obs.map(\.quantity.value) == [2])
        #expect(obs.map(\.period.rawValue) == ["2022"])
    }

    @Test func twoYearAverageWithoutASpanIsNoFigure() async throws {
        let obs = try await SpeechText.reviewObservations("规模以上工业增加值增长8.3%，两年平均增长6.5%。")
        #expect(obs.map(\.quantity.value) == [8.3])
    }

    @Test func aDrivenIncreaseInPercentIsNoContribution() async throws {
        let obs = try await SpeechText.reviewObservations("乡村旅游带动农民收入增长12%。")
        #expect(obs.map(\.kind) == [.growth])
        #expect(obs.map(\.quantity.unit) == ["%"])
    }

    @Test func aPullInPercentIsAContributionInPoints() async throws {
        let obs = try await SpeechText.reviewObservations("工业增加值增长5%，拉动经济增长1.2%。")
        #expect(obs.map(\.kind) == [.growth, .change])
        #expect(obs.map(\.quantity.unit) == ["%", "百分点"])
        #expect(obs.last?.attributes["contribution"] == "true")
    }
}

/// A plan's table of last year's results beside this year's targets, and letter-spaced lines.
struct PlanTableAndLetterSpacingTests {
    @Test func yearColumnsOfResultsAndTargets() async throws {
        let text = """
            # 青禾縣2023年政府工作報告
            二、2023年工作安排

            指標名稱 | 單位 | 2022年完成 | 2023年目標
            地區生產總值增速 | % | 4.1 | 6.5左右
            城鎮新增就業 | 人 | 5210 | 6000以上

            """
        let records = try await SpeechText.records(text)
        let rows = PublishedDocumentTests.rows(records)
        typealias Row = PublishedDocumentTests.Row
        #expect(
            rows == [
                Row(goal: false, subject: "地區生產總值", kind: .growth, value: 4.1, unit: "%", period: "2022"),
                Row(
                    goal: true, subject: "地區生產總值", kind: .growth, value: 6.5, unit: "%", period: "2023",
                    comparator: .about),
                Row(goal: false, subject: "城鎮新增就業", kind: .level, value: 5210, unit: "人", period: "2022"),
                Row(
                    goal: true, subject: "城鎮新增就業", kind: .level, value: 6000, unit: "人", period: "2023",
                    comparator: .atLeast),
            ])
    }

    @Test(arguments: [
        "  全 年 地 区 生 产 总 值 2 0 2 2 年 增 长 4 . 1 %",
        "  全 年 地 區 生 產 總 值 2 0 2 2 年 增 長 4 . 1 ％",
    ])
    func aLetterSpacedLineReadsAsWritten(_ line: String) async throws {
        let obs = try await SpeechText.records("青禾县2022年国民经济和社会发展统计公报\n" + line + "\n").compactMap(\.observation)
        #expect(obs.count == 1)
        #expect(obs.first?.subject.hasSuffix("值") == true)
        #expect(obs.first?.kind == .growth)
        #expect(obs.first?.quantity.value == 4.1)
        #expect(obs.first?.period.rawValue == "2022")
        #expect(obs.first?.location.column == 33)  // the "4" as written
    }
}

/// Monthly releases: "6月份" is that month.
struct MonthTests {
    @Test func aMonthIsItsPeriod() async throws {
        let text = "青禾县2023年6月份规模以上工业生产情况统计公报\n6月份规模以上工业增加值同比增长8.3%。1—6月份，规模以上工业增加值增长6.1%。\n"
        let obs = try await SpeechText.records(text).compactMap(\.observation)
        #expect(obs.map(\.subject) == ["规模以上工业增加值", "规模以上工业增加值"])
        #expect(obs.map(\.period.rawValue) == ["2023-06", "2023-01/2023-06"])
    }
}

/// A document whose title says it states targets: its figures are goals without cue words.
struct PlanDocumentTests {
    @Test(arguments: [
        "青禾县2024年国民经济和社会发展计划\n地区生产总值增长6%左右，城镇新增就业6000人。\n",
        "青禾縣2024年國民經濟和社會發展計劃\n地區生產總值增長6%左右，城鎮新增就業6000人。\n",
    ])
    func aPlanDocumentStatesGoals(_ text: String) async throws {
        let records = try await SpeechText.records(text)
        #expect(records.allSatisfy { $0.goal != nil })
        let goals = records.compactMap(\.goal)
        #expect(goals.map(\.quantity.value) == [6, 6000])
        #expect(goals.map(\.period.rawValue) == ["2024", "2024"])
        #expect(goals.map(\.comparator) == [.about, .equal])
    }

    @Test func aReportOnThePlansExecutionIsNoPlanDocument() async throws {
        let text = "关于青禾县2023年国民经济和社会发展计划执行情况的报告\n2023年，全县地区生产总值增长5.4%。\n"
        let records = try await SpeechText.records(text)
        #expect(records.compactMap(\.observation).map(\.quantity.value) == [5.4])
        #expect(records.compactMap(\.goal).isEmpty)
    }
}

/// 持平 and restated rates.
struct FlatAndRestatedTests {
    @Test func aRestatedRateIsOneFigure() async throws {
        try await SpeechText.expectOneFigure("全县生产总值增长4.1%,增速为4.1%,与全省持平,居全市第一。", subject: "生产总值", value: 4.1)
    }

    @Test(arguments: [
        ("全县粮食产量与上年基本持平。", "粮食产量"),
        ("规上工业增加值增速与上年持平。", "规上工业增加值"),
        ("糧食產量與上年基本持平。", "糧食產量"),
    ])
    func flatLeavesTheSubject(_ sentence: String, _ subject: String) async throws {
        try await SpeechText.expectOneFigure(sentence, subject: subject, value: 0, kind: .growth)
    }
}

extension FlatAndRestatedTests {
    @Test func twoMaskedCountsInOneSentenceStayTwo() async throws {
        let obs = try await SpeechText.reviewObservations("新申报高新技术企业X家、累计达到XX家。")
        #expect(obs.count == 2)
        #expect(obs.allSatisfy { $0.redacted })
    }
}
