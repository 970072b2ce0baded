import Foundation
import GoalCheck
import IndicatorKit
import Testing

/// Goals for a plan's span (period `2021/2025`), checked on their path after Open SDG's progress
/// measure: CAGR_i = (y_i ÷ y_0)^(1/(t_i − t_0)) − 1 against CAGR_T = (y_T ÷ y_0)^(1/(t_T − t_0)) − 1,
/// on track when CAGR_i ÷ CAGR_T ≥ 0.95. Every figure below is worked by hand in the comments.
struct PlanProgressTests {
    let checker = GoalChecker(catalog: Entries.directions)

    func gdpTarget(_ comparator: TargetComparator = .atLeast) -> GoalEntry {
        Entries.goal(
            "生产总值", indicator: "up", .level, comparator, 3000, "亿元", period: "2021/2025",
            text: "到2025年生产总值达到3000亿元")
    }

    func level(_ value: Double, _ year: Int) -> ObservationEntry {
        Entries.observation("生产总值", indicator: "up", .level, value, "亿元", period: String(year), line: year - 2000)
    }

    func check(_ goal: GoalEntry, _ observations: [ObservationEntry]) throws -> CheckResult {
        try #require(checker.check([goal], against: observations).first)
    }

    func close(_ a: Double?, _ b: Double, within: Double = 0.0001) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= within
    }

    @Test func formulaPieces() throws {
        // (3000 ÷ 2000)^(1/5) − 1 = 1.5^0.2 − 1 = 0.0844718 → 8.44718 %.
        #expect(close(PlanProgress.compoundGrowth(from: 2000, to: 3000, years: 5), 8.447177))
        // √(1.08 × 1.05) − 1 = √1.134 − 1 = 0.0648944 → 6.48944 %.
        #expect(close(PlanProgress.averageGrowth([8, 5]), 6.489436))
        #expect(PlanProgress.compoundGrowth(from: 0, to: 3000, years: 5) == nil)
        #expect(PlanProgress.ratio(achieved: 3, required: 0) == nil)
        #expect(Period(parsing: "2021/2025")?.yearSpan == 2021...2025)
        #expect(Period(parsing: "2021/2025")?.year == nil)
        #expect(Period(parsing: "2022-01/2022-09")?.yearSpan == nil)
        #expect(Period(parsing: "2022")?.yearSpan == nil)
    }

    @Test func aLevelOnItsPathIsOnTrack() throws {
        // Base 2020: 2000; latest 2022: 2350.
        // required = 1.5^(1/5) − 1 = 8.4472 %; achieved = (2350 ÷ 2000)^(1/2) − 1 = √1.175 − 1 = 8.3974 %;
        // R = 8.3974 ÷ 8.4472 = 0.99411 ≥ 0.95 → on_track. The required path in 2022:
        // 2000 × 1.5^(2/5) = 2352.158, so the margin is 2350 − 2352.158 = −2.158.
        let r = try check(gdpTarget(), [level(2000, 2020), level(2150, 2021), level(2350, 2022)])
        #expect(r.status == .onTrack, "\(r.explanation)")
        let plan = try #require(r.plan)
        #expect(plan.kind == .level)
        #expect(plan.baseYear == 2020)
        #expect(plan.baseValue == 2000)
        #expect(plan.latestYear == 2022)
        #expect(plan.elapsedYears == 2)
        #expect(plan.totalYears == 5)
        #expect(close(plan.required, 8.447177))
        #expect(close(plan.achieved, 8.397417))
        #expect(close(plan.ratio, 0.994109))
        #expect(r.actual == 2350)
        #expect(close(r.expectedToDate, 2352.158045))
        #expect(close(r.margin, -2.158045))
        #expect(r.observation?.provenance.location.line == 22)
        #expect(r.explanationZh?.contains("年均增长8.4%") == true)
    }

    @Test func aLevelOffItsPathIsBehind() throws {
        // achieved = √(2100 ÷ 2000) − 1 = √1.05 − 1 = 2.4695 %; R = 2.4695 ÷ 8.4472 = 0.29235 → behind.
        let r = try check(gdpTarget(), [level(2000, 2020), level(2050, 2021), level(2100, 2022)])
        #expect(r.status == .behind)
        #expect(close(r.plan?.achieved, 2.469508))
        #expect(close(r.plan?.ratio, 0.292347))
    }

    @Test func theEndYearDecidesMetOrMissed() throws {
        let met = try check(gdpTarget(), [level(2000, 2020), level(2600, 2024), level(3050, 2025)])
        #expect(met.status == .met)
        #expect(met.actual == 3050)
        #expect(met.margin == 50)
        let missed = try check(gdpTarget(), [level(2000, 2020), level(2900, 2025)])
        #expect(missed.status == .missed)
        #expect(missed.margin == -100)
        // A figure after the end year is not the end year's.
        let late = try check(gdpTarget(), [level(2000, 2020), level(2200, 2021), level(3300, 2026)])
        #expect(late.plan?.latestYear == 2021)
    }

    @Test func noBaseYearIsNoData() throws {
        let r = try check(gdpTarget(), [level(2150, 2021), level(2350, 2022)])
        #expect(r.status == .noData)
        #expect(r.explanation.contains("2020"))
        #expect(r.plan?.baseYear == 2020)
    }

    func averageGrowthGoal() -> GoalEntry {
        Entries.goal(
            "生产总值", indicator: "up", .growth, .atLeast, 7, "%", period: "2021/2025", text: "生产总值年均增长7%以上")
    }

    func growth(_ value: Double, _ year: Int) -> ObservationEntry {
        Entries.observation("生产总值", indicator: "up", .growth, value, "%", period: String(year))
    }

    @Test func averageGrowthFromYearlyRates() throws {
        // 2021 +8 %, 2022 +5 %: achieved = √(1.08 × 1.05) − 1 = 6.4894 %; required 7 %;
        // R = 6.4894 ÷ 7 = 0.92706 < 0.95 → behind.
        let r = try check(averageGrowthGoal(), [growth(8, 2021), growth(5, 2022)])
        #expect(r.status == .behind)
        #expect(r.plan?.kind == .averageGrowth)
        #expect(close(r.plan?.achieved, 6.489436))
        #expect(r.plan?.required == 7)
        #expect(close(r.plan?.ratio, 0.927062))
        #expect(r.plan?.years == [2021, 2022])
        #expect(close(r.actual, 6.489436))
        #expect(close(r.margin, -0.510564))
        // 2021 +8.1 %, 2022 +6.3 %, 2023 +7 %: ∛(1.081 × 1.063 × 1.07) − 1 = 7.1308 %; R = 1.01868 → on_track.
        let on = try check(averageGrowthGoal(), [growth(8.1, 2021), growth(6.3, 2022), growth(7, 2023)])
        #expect(on.status == .onTrack)
        #expect(close(on.plan?.achieved, 7.130775))
    }

    @Test func averageGrowthFromLevelsWhenNoRates() throws {
        // Levels 2020 2000, 2022 2350: (2350 ÷ 2000)^(1/2) − 1 = 8.3974 % ≥ 7 % → R = 1.19963 → on_track.
        let r = try check(averageGrowthGoal(), [level(2000, 2020), level(2350, 2022)])
        #expect(r.status == .onTrack)
        #expect(r.plan?.baseValue == 2000)
        #expect(close(r.plan?.ratio, 1.199631))
    }

    @Test func aFigureForTheWholeSpanDecides() throws {
        let whole = Entries.observation("生产总值", indicator: "up", .growth, 6.8, "%", period: "2021/2025")
        let r = try check(averageGrowthGoal(), [whole, growth(8, 2021)])
        #expect(r.status == .missed)
        #expect(r.actual == 6.8)
    }

    @Test func cumulativeSumAgainstAnEvenPace() throws {
        // 十四五期间累计新建5G基站1000个: required 1000 ÷ 5 = 200 a year; 2021–2023 built
        // 180 + 230 + 190 = 600, 200 a year: R = 1 → on_track; expected to date 1000 × 3/5 = 600.
        let goal = Entries.goal(
            "5G基站", indicator: "up", .level, .atLeast, 1000, "个", period: "2021/2025",
            text: "十四五期间累计新建5G基站1000个")
        func built(_ v: Double, _ y: Int) -> ObservationEntry {
            Entries.observation("5G基站", indicator: "up", .level, v, "个", period: String(y))
        }
        let r = try check(goal, [built(180, 2021), built(230, 2022), built(190, 2023)])
        #expect(r.status == .onTrack)
        #expect(r.plan?.kind == .cumulative)
        #expect(r.plan?.required == 200)
        #expect(r.plan?.achieved == 200)
        #expect(r.plan?.ratio == 1)
        #expect(r.actual == 600)
        #expect(r.expectedToDate == 600)
        #expect(r.margin == 0)
        // 2021–2022 only 150 + 160 = 310, 155 a year: R = 0.775 → behind.
        let slow = try check(goal, [built(150, 2021), built(160, 2022)])
        #expect(slow.status == .behind)
        #expect(slow.plan?.ratio == 0.775)
        // All five years, 1010 in all → met.
        let done = try check(
            goal, [built(200, 2021), built(200, 2022), built(200, 2023), built(200, 2024), built(210, 2025)])
        #expect(done.status == .met)
        #expect(done.actual == 1010)
    }

    @Test func annualGoalsAreCheckedAsBefore() throws {
        // A plan goal next to an annual one: the annual goal still meets its own year's figure.
        let annual = Entries.goal("生产总值", indicator: "up", .growth, .about, 5.5, "%", period: "2022")
        let results = checker.check([annual, averageGrowthGoal()], against: [growth(8, 2021), growth(3, 2022)])
        #expect(results[0].status == .missed)
        #expect(results[0].plan == nil)
        #expect(results[1].plan != nil)
    }
}
