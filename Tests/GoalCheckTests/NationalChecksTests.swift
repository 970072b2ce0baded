import Foundation
import GoalCheck
import IndicatorKit
import Testing

/// The five national checks of 2022: the Government Work Report's targets against the statistical
/// bulletin, built by hand from the seeds' text.
struct NationalChecksTests {
    func results() throws -> [String: CheckResult] {
        let catalog = try Entries.shippedCatalog()
        let goals = Entries.normalized(
            [
                Entries.goal("国内生产总值", .growth, .about, 5.5, "%", text: "国内生产总值增长5.5%左右", line: 3),
                Entries.goal("城镇新增就业", .level, .atLeast, 1100, "万人", text: "城镇新增就业1100万人以上", line: 4),
                Entries.goal("城镇调查失业率", .share, .atMost, 5.5, "%", text: "城镇调查失业率全年控制在5.5%以内", line: 4),
                Entries.goal("居民消费价格涨幅", .growth, .about, 3, "%", text: "居民消费价格涨幅3%左右", line: 5),
                Entries.goal("粮食产量", .level, .atLeast, 1.3, "万亿斤", text: "粮食产量保持在1.3万亿斤以上", line: 8),
            ], catalog)
        let observations = Entries.normalized(
            [
                Entries.observation("国内生产总值", .growth, 3.0, "%", text: "全年国内生产总值[2]1210207亿元,比上年增长3.0%", line: 2),
                Entries.observation("国内生产总值", .level, 1_210_207, "亿元", text: "全年国内生产总值[2]1210207亿元", line: 2),
                Entries.observation("城镇新增就业", .level, 1206, "万人", text: "全年城镇新增就业1206万人", line: 3),
                Entries.observation("全国城镇调查失业率", .share, 5.6, "%", text: "全年全国城镇调查失业率平均值为5.6%", line: 3),
                Entries.observation("全国城镇调查失业率", .share, 5.5, "%", text: "年末全国城镇调查失业率为5.5%", line: 3),
                Entries.observation("居民消费价格", .growth, 2.0, "%", text: "全年居民消费价格比上年上涨2.0%", line: 4),
                Entries.observation("粮食产量", .level, 68653, "万吨", text: "全年粮食产量68653万吨", line: 5),
            ], catalog)
        let checked = GoalChecker(catalog: catalog).check(goals, against: observations)
        #expect(checked.count == 5)
        return Dictionary(uniqueKeysWithValues: checked.map { ($0.goal.goal.indicator ?? $0.goal.goal.subject, $0) })
    }

    @Test func gdpMissed() throws {
        let r = try #require(try results()["gdp"])
        #expect(r.status == .missed)
        #expect(r.target == 5.5)
        #expect(r.actual == 3.0)
        #expect(r.margin == -2.5)
        #expect(r.explanationZh == "实际 3%，目标 ~ 5.5%（“左右”：差 0.5个百分点 以内或更高即算，5% 起）：未达成，差 2.5个百分点")
        #expect(r.observation?.provenance.line == 2)
        #expect(r.goal.provenance.line == 3)
    }

    @Test func urbanJobsMet() throws {
        let r = try #require(try results()["urban_new_jobs"])
        #expect(r.status == .met)
        #expect(r.actual == 1206)
        #expect(r.margin == 106)
        #expect(r.attainment == 1.096364)
        #expect(r.observation?.provenance.text == "全年城镇新增就业1206万人")
    }

    @Test func cpiMetBecauseThreePercentIsACeiling() throws {
        let r = try #require(try results()["cpi"])
        #expect(r.indicator?.better == .lower)
        #expect(r.status == .met)
        #expect(r.actual == 2.0)
        #expect(r.margin == -1)
    }

    @Test func grainMetThroughTonnesToJin() throws {
        let r = try #require(try results()["grain_output"])
        #expect(r.status == .met)
        #expect(r.unit == "万亿斤")
        #expect(r.actual == 1.37306)
        #expect(r.margin == 0.07306)
        #expect(r.actualAsWritten == Quantity(value: 68653, unit: "万吨"))
        #expect(r.explanationZh == "实际 1.37306万亿斤，目标 ≥ 1.3万亿斤；原文为 68653万吨：达成")
    }

    /// The documented rule: an annual target (全年控制在) is checked against the annual average when
    /// one exists; the year-end rate is listed as not used.
    @Test func unemploymentCheckedAgainstTheAnnualAverage() throws {
        let r = try #require(try results()["urban_unemployment_rate"])
        #expect(r.status == .missed)
        #expect(r.actual == 5.6)
        #expect(r.margin == 0.1)
        #expect(r.observation?.observation.attributes["basis"] == "average")
        #expect(r.alternatives.map { $0.observation.quantity.value } == [5.5])
        #expect(r.explanation.contains("annual average"))
        #expect(r.explanation.contains("5.5%"))
        #expect(r.explanationZh?.contains("“全年”目标按全年平均值核查（未采用年末数 5.5%）") == true, "\(r.explanationZh ?? "")")
    }

    @Test func yearEndDecidesOnlyWhenNoAverageExists() throws {
        let catalog = try Entries.shippedCatalog()
        let goal = Entries.normalized([Entries.goal("城镇调查失业率", .share, .atMost, 5.5, "%")], catalog)
        let ye = Entries.normalized([Entries.observation("年末全国城镇调查失业率", .share, 5.5, "%")], catalog)
        let r = try #require(GoalChecker(catalog: catalog).check(goal, against: ye).first)
        #expect(r.status == .met)
        #expect(r.explanation.contains("year-end"))
        #expect(r.explanationZh?.hasSuffix("：达成；只有年末数") == true, "\(r.explanationZh ?? "")")
    }
}
