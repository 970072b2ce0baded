import Foundation
import IndicatorKit
import Testing

/// Targets of a five-year plan get the plan's span of years as their period, kept apart from the
/// goals of one year: a level by the end year, an average annual growth, a sum over the span.
struct PlanTargetTests {
    /// Goals of `text` read in the plan section of a 2021 document.
    func goals(_ text: String) async throws -> [Goal] {
        try await SpeechText.records("二、2021年重点工作\n" + text + "\n", options: ["mode": .string("goals")])
            .compactMap(\.goal)
    }

    @Test func levelByTheEndYearHasThePlansSpan() async throws {
        // A heading names the plan (十四五); its end year 2025 closes the span.
        let goals = try await SpeechText.records(
            "“十四五”时期经济社会发展主要目标\n到2025年，全县生产总值达到3000亿元。\n", options: ["year": .number(2021)]
        ).compactMap(\.goal)
        let gdp = try #require(goals.first, "\(goals)")
        #expect(goals.count == 1)
        #expect(gdp.subject == "生产总值")
        #expect(gdp.kind == .level)
        #expect(gdp.comparator == .equal)
        #expect(gdp.quantity.value == 3000)
        #expect(gdp.quantity.unit == "亿元")
        #expect(gdp.period.rawValue == "2021/2025")
        #expect(gdp.attributes["cumulative"] == nil)
    }

    @Test(arguments: [
        // A share to reach by the end year, in a 十四五 sentence.
        ("“十四五”时期，到2025年森林覆盖率达到24.1%。", "森林覆盖率", FigureKind.share, 24.1, "2021/2025"),
        // The span written out.
        ("2021-2025年，到2025年城镇化率达到65%。", "城镇化率", FigureKind.share, 65, "2021/2025"),
    ])
    func endYearTargetsOfAShareOrAWrittenSpan(
        sentence: String, subject: String, kind: FigureKind, value: Double, period: String
    ) async throws {
        let goals = try await goals(sentence)
        let goal = try #require(goals.first { $0.quantity.value == value }, "\(goals)")
        #expect(goal.subject == subject)
        #expect(goal.kind == kind)
        #expect(goal.period.rawValue == period)
        #expect(goal.attributes["cumulative"] == nil)
    }

    @Test(arguments: [("到2022年，新建5G基站300个。", "2022"), ("到2025年，新建5G基站3000个。", "2025")])
    func endYearOfNoNamedPlanIsThatYearsGoal(sentence: String, period: String) async throws {
        // 到2022年 ends no plan; 到2025年 in a text that names no plan stays the goal of 2025.
        let goals = try await goals(sentence)
        let goal = try #require(goals.first, "\(goals)")
        #expect(goal.period.rawValue == period)
        #expect(goal.attributes["cumulative"] == nil)
    }

    @Test func averageAnnualGrowthOverThePlan() async throws {
        let goals = try await goals("“十四五”期间，全县生产总值年均增长7%以上。")
        let goal = try #require(goals.first, "\(goals)")
        #expect(goals.count == 1)
        #expect(goal.subject == "生产总值")
        #expect(goal.kind == .growth)
        #expect(goal.comparator == .atLeast)
        #expect(goal.quantity.value == 7)
        #expect(goal.period.rawValue == "2021/2025")
        #expect(goal.attributes["average"] == "annual")
        #expect(goal.attributes["cumulative"] == nil)
    }

    @Test func cumulativeOverThePlan() async throws {
        let goals = try await goals("“十四五”期间累计新建5G基站8000个。")
        let goal = try #require(goals.first, "\(goals)")
        #expect(goals.count == 1)
        #expect(goal.subject.hasSuffix("5G基站"), "\(goal.subject)")
        #expect(goal.kind == .level)
        #expect(goal.quantity.value == 8000)
        #expect(goal.quantity.unit == "个")
        #expect(goal.period.rawValue == "2021/2025")
        #expect(goal.attributes["cumulative"] == "true")
    }

    @Test func cumulativeOverTheLastPlanIsAnObservation() async throws {
        // A review of 十三五 reports the sum over 2016–2020.
        let records = try await SpeechText.records(
            "一、“十三五”工作回顾\n“十三五”期间累计新增城镇就业6000万人以上。\n", options: ["year": .number(2021)])
        let obs = try #require(records.compactMap(\.observation).first, "\(records)")
        #expect(obs.period.rawValue == "2016/2020")
        #expect(obs.attributes["cumulative"] == "true")
        #expect(obs.quantity.value == 6000)
    }

    @Test func cumulativeWithoutASpanKeepsTheYear() async throws {
        // 累计 alone (so far, this year) names no plan.
        let goals = try await goals("全年累计新建5G基站300个。")
        let goal = try #require(goals.first, "\(goals)")
        #expect(goal.period.rawValue == "2021")
        #expect(goal.attributes["cumulative"] == nil)
    }
}

/// The phrasing of the national Government Work Reports and NBS communiqués, one rule a case.
struct NationalPhrasingTests {
    func goals(_ text: String, year: Int) async throws -> [Goal] {
        try await SpeechText.records(text + "\n", options: ["year": .number(Double(year)), "mode": .string("goals")])
            .compactMap(\.goal)
    }

    func observations(_ text: String, year: Int) async throws -> [Observation] {
        try await SpeechText.records(
            text + "\n", options: ["year": .number(Double(year)), "mode": .string("observations")]
        )
        .compactMap(\.observation)
    }

    @Test(arguments: [
        // A range of growth (2019).
        ("今年发展主要预期目标是:国内生产总值增长6%-6.5%;", "国内生产总值", TargetComparator.range, 6.0, 6.5 as Double?, "%"),
        // About (2018, 2023).
        ("今年发展主要预期目标是:国内生产总值增长6.5%左右;", "国内生产总值", .about, 6.5, nil, "%"),
        // At least (2021).
        ("今年发展主要预期目标是:国内生产总值增长6%以上;", "国内生产总值", .atLeast, 6, nil, "%"),
        ("今年发展主要预期目标是:城镇新增就业1100万人以上;", "城镇新增就业", .atLeast, 1100, nil, "万人"),
        ("今年发展主要预期目标是:居民消费价格涨幅3%左右;", "居民消费价格", .about, 3, nil, "%"),
        // 经济增长 for the GDP (2026) with a range.
        ("今年发展主要预期目标是:经济增长4.5%-5%,在实际工作中努力争取更好结果;", "经济", .range, 4.5, 5, "%"),
    ])
    func workReportTargets(
        sentence: String, subject: String, comparator: TargetComparator, value: Double, upper: Double?, unit: String
    ) async throws {
        let goals = try await goals(sentence, year: 2019)
        let goal = try #require(goals.first, "\(goals)")
        #expect(goals.count == 1, "\(goals)")
        #expect(goal.subject == subject)
        #expect(goal.comparator == comparator)
        #expect(goal.quantity.value == value)
        #expect(goal.quantity.upper == upper)
        #expect(goal.quantity.unit == unit)
        #expect(goal.period.rawValue == "2019")
    }

    @Test(arguments: [
        ("初步核算,全年国内生产总值1143670亿元,比上年增长8.1%。", "国内生产总值", FigureKind.growth, 8.1, "%"),
        ("全年城镇新增就业1269万人,比上年多增83万人。", "城镇新增就业", .level, 1269, "万人"),
        ("全年居民消费价格比上年上涨2.0%。", "居民消费价格", .growth, 2.0, "%"),
        // Traditional script as reprinted (2023): 比上年增長.
        ("公報顯示,2023年,我國經濟增長企穩回升,GDP超過126萬億元,比上年增長5.2%。", "GDP", .growth, 5.2, "%"),
    ])
    func communiqueOutcomes(sentence: String, subject: String, kind: FigureKind, value: Double, unit: String)
        async throws
    {
        let obs = try await observations(sentence, year: 2023)
        let o = try #require(obs.first { $0.kind == kind && $0.quantity.value == value }, "\(obs)")
        #expect(o.subject == subject)
        #expect(o.quantity.unit == unit)
        // "比上年多增83万人" is an increment, no figure.
        #expect(!obs.contains { $0.quantity.value == 83 })
    }
}
