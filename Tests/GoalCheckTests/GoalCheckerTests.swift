import Foundation
import GoalCheck
import IndicatorKit
import Testing

struct GoalCheckerTests {
    /// The results of checking one goal against `observations` with the two-direction catalog.
    static func check(
        _ goal: GoalEntry, against observations: [ObservationEntry], tolerance: Tolerance = .default
    ) -> [CheckResult] {
        GoalChecker(catalog: Entries.directions, tolerance: tolerance).check([goal], against: observations)
    }

    static let unitOfKind: [FigureKind: String] = [.growth: "%", .share: "%", .change: "百分点", .level: "万吨"]

    /// comparator, better, actual, met? — with target 10 (range 10–12) and a band of 0.5 for every
    /// kind (0.5 pp; 5 % of 10 for a level).
    static let comparatorCases: [(TargetComparator, Indicator.Better, Double, Bool)] = [
        (.atLeast, .higher, 10, true), (.atLeast, .higher, 9.99, false), (.atLeast, .higher, 11, true),
        (.atLeast, .lower, 10, true), (.atLeast, .lower, 9.99, false),
        (.above, .higher, 10, false), (.above, .higher, 10.01, true), (.above, .lower, 10, false),
        (.above, .lower, 10.01, true),
        (.atMost, .higher, 10, true), (.atMost, .higher, 10.01, false), (.atMost, .lower, 10, true),
        (.atMost, .lower, 10.01, false),
        (.below, .higher, 10, false), (.below, .higher, 9.99, true), (.below, .lower, 10, false),
        (.below, .lower, 9.99, true),
        // A bare figure: a floor when more is better, a ceiling when less is.
        (.equal, .higher, 10, true), (.equal, .higher, 12, true), (.equal, .higher, 9.99, false),
        (.equal, .lower, 10, true), (.equal, .lower, 8, true), (.equal, .lower, 10.01, false),
        // About: within the band, or anywhere on the better side.
        (.about, .higher, 9.5, true), (.about, .higher, 9.49, false), (.about, .higher, 10.5, true),
        (.about, .higher, 30, true),
        (.about, .lower, 10.5, true), (.about, .lower, 10.51, false), (.about, .lower, 9.5, true),
        (.about, .lower, 1, true),
        // A range: from the low end up when more is better, from the high end down when less is.
        (.range, .higher, 10, true), (.range, .higher, 9.99, false), (.range, .higher, 13, true),
        (.range, .lower, 12, true), (.range, .lower, 12.01, false), (.range, .lower, 9, true),
    ]

    @Test(arguments: comparatorCases, FigureKind.allCases)
    func comparatorKindDirection(_ c: (TargetComparator, Indicator.Better, Double, Bool), kind: FigureKind) throws {
        let (comparator, better, actual, met) = c
        let code = better == .higher ? "up" : "down"
        let unit = Self.unitOfKind[kind]!
        let goal = Entries.goal(
            "x", indicator: code, kind, comparator, 10, unit, upper: comparator == .range ? 12 : nil)
        let obs = Entries.observation("x", indicator: code, kind, actual, unit)
        let r = try #require(Self.check(goal, against: [obs]).first)
        #expect(
            r.status == (met ? .met : .missed),
            "\(comparator.rawValue) \(better) \(kind) actual \(actual): \(r.explanation)")
        #expect(r.actual == actual)
        #expect(r.target == 10)
        #expect(r.margin == Units.double(Units.decimal(actual) - 10))
    }

    static let toleranceCases: [(FigureKind, Double, String, Double?, Tolerance, Bool)] = [
        // kind, actual, unit, per-goal tolerance, pipeline tolerance, met? — target 9.5 (level: 400).
        (.growth, 9.0, "%", nil, .default, true), (.growth, 8.99, "%", nil, .default, false),
        (.share, 9.0, "%", nil, .default, true), (.share, 8.999, "%", nil, .default, false),
        (.change, 9.0, "百分点", nil, .default, true), (.change, 8.99, "百分点", nil, .default, false),
        (.growth, 9.2, "%", nil, Tolerance(growth: 0.3), true),
        (.growth, 9.19, "%", nil, Tolerance(growth: 0.3), false),
        (.growth, 8.5, "%", 1.0, .default, true), (.growth, 8.49, "%", 1.0, .default, false),
        (.growth, 9.5, "%", 0, .default, true), (.growth, 9.49, "%", 0, .default, false),
        (.level, 380, "万羽", nil, .default, true), (.level, 379.99, "万羽", nil, .default, false),
        (.level, 360, "万羽", nil, Tolerance(level: 0.1), true), (.level, 359.9, "万羽", nil, Tolerance(level: 0.1), false),
    ]

    @Test(arguments: toleranceCases)
    func toleranceEdges(_ c: (FigureKind, Double, String, Double?, Tolerance, Bool)) throws {
        let (kind, actual, unit, perGoal, tolerance, met) = c
        let target: Double = kind == .level ? 400 : 9.5
        let goal = Entries.goal("x", indicator: "up", kind, .about, target, unit, tolerance: perGoal)
        let obs = Entries.observation("x", indicator: "up", kind, actual, unit)
        let r = try #require(
            Self.check(goal, against: [obs], tolerance: tolerance).first)
        #expect(r.status == (met ? .met : .missed), "\(kind) \(actual): \(r.explanation)")
    }

    @Test func toleranceFromGoalAttributeAndOverrides() throws {
        var goal = Entries.goal("x", indicator: "up", .growth, .about, 9.5, "%")
        goal.goal.attributes["tolerance"] = "1"
        let r = Self.check(
            goal, against: [Entries.observation("x", indicator: "up", .growth, 8.6, "%")])
        #expect(r.first?.status == .met)
        let t = try Tolerance.default.overriding(with: ["growth": 1, "level": 0.1])
        #expect(t == Tolerance(growth: 1, share: 0.5, change: 0.5, level: 0.1))
        #expect(throws: GoalCheckError.self) { try Tolerance.default.overriding(with: ["grwth": 1]) }
        do {
            _ = try Tolerance.default.overriding(with: ["share": -1])
            Issue.record("a negative tolerance was accepted")
        } catch let e as GoalCheckError {
            #expect(e.code == .invalidTolerance)
        }
    }

    // MARK: - Partial periods

    /// kind, comparator, target, unit, period, actual, status, expected to date.
    static let partialCases: [(FigureKind, TargetComparator, Double, String, String, Double, CheckStatus, Double?)] = [
        // A level goal of 1100 万人 by the year: after 9 months 825 is due.
        (.level, .atLeast, 1100, "万人", "2022-01/2022-09", 825, .onTrack, 825),
        (.level, .atLeast, 1100, "万人", "2022-01/2022-09", 824.9, .behind, 825),
        (.level, .atLeast, 1100, "万人", "2022-01/2022-06", 560, .onTrack, 550),
        (.level, .equal, 307, "亿元", "2022-01/2022-03", 76.75, .onTrack, 76.75),
        (.level, .about, 400, "万羽", "2022-01/2022-06", 190, .onTrack, 200),
        (.level, .about, 400, "万羽", "2022-01/2022-06", 189.9, .behind, 200),
        // Growth and share goals compare directly.
        (.growth, .about, 5.5, "%", "2022-01/2022-09", 3.0, .behind, nil),
        (.growth, .about, 5.5, "%", "2022-01/2022-09", 5.0, .onTrack, nil),
        (.share, .atLeast, 95, "%", "2022-01/2022-06", 96, .onTrack, nil),
    ]

    @Test(arguments: partialCases)
    func partialPeriods(_ c: (FigureKind, TargetComparator, Double, String, String, Double, CheckStatus, Double?))
        throws
    {
        let (kind, comparator, target, unit, period, actual, status, expectedToDate) = c
        let goal = Entries.goal("x", indicator: "up", kind, comparator, target, unit)
        let obs = Entries.observation("x", indicator: "up", kind, actual, unit, period: period)
        let r = try #require(Self.check(goal, against: [obs]).first)
        #expect(
            r.status == status,
            "\(kind) \(comparator.rawValue) \(target)\(unit) vs \(actual) in \(period): \(r.explanation)")
        #expect(r.expectedToDate == expectedToDate)
        if let expected = expectedToDate {
            #expect(r.margin == Units.double(Units.decimal(actual) - Units.decimal(expected)))
        }
    }

    /// The whole year beats a partial period, and the latest partial period decides: the figure of
    /// 6 stands in the first period, the figure of 4 in the second, and the 4 is the one checked.
    @Test(arguments: [
        ("2022-01/2022-09", "2022", CheckStatus.missed), ("2022-01/2022-06", "2022-01/2022-09", .behind),
    ])
    func theDecidingPeriod(_ c: (String, String, CheckStatus)) throws {
        let goal = Entries.goal("x", indicator: "up", .growth, .atLeast, 5, "%")
        let r = Self.check(
            goal,
            against: [
                Entries.observation("x", indicator: "up", .growth, 6, "%", period: c.0),
                Entries.observation("x", indicator: "up", .growth, 4, "%", period: c.1),
            ])
        #expect(r.first?.status == c.2)
        #expect(r.first?.actual == 4)
    }

    // MARK: - Redacted, incomparable, no data

    @Test func maskedActualIsRedacted() throws {
        let goal = Entries.goal("粮食总产", indicator: "up", .level, .atLeast, 16.5, "亿斤")
        let r = try #require(
            Self.check(
                goal,
                against: [
                    Entries.observation("粮食总产", indicator: "up", .level, nil, "万吨", redacted: true, text: "粮食总产达XXX万吨")
                ]
            ).first)
        #expect(r.status == .redacted)
        #expect(r.actual == nil)
        #expect(r.margin == nil)
        #expect(r.observation?.observation.text == "粮食总产达XXX万吨")
    }

    @Test func aStatedFigureBeatsAMaskedOne() throws {
        let goal = Entries.goal("x", indicator: "up", .level, .atLeast, 10, "个")
        let r = Self.check(
            goal,
            against: [
                Entries.observation("x", indicator: "up", .level, nil, "个", redacted: true),
                Entries.observation("x", indicator: "up", .level, 12, "个"),
            ])
        #expect(r.first?.status == .met)
    }

    @Test func maskedTargetIsRedacted() throws {
        let goal = Entries.goal("x", indicator: "up", .level, .atLeast, nil, "亿元", redacted: true)
        let r = Self.check(
            goal, against: [Entries.observation("x", indicator: "up", .level, 5, "亿元")])
        #expect(r.first?.status == .redacted)
    }

    @Test(arguments: [("个", "家"), ("万吨", "亿元"), ("%", "百分点"), ("户", "万人"), ("万头", "furlongs")])
    func unitsThatDoNotConvertAreIncomparable(_ units: (String, String)) throws {
        let goal = Entries.goal("x", indicator: "up", .level, .atLeast, 10, units.0)
        let r = try #require(
            Self.check(
                goal,
                against: [
                    Entries.observation("x", indicator: "up", .level, 12, units.1)
                ]
            ).first)
        #expect(r.status == .incomparable)
        #expect(r.actual == nil)
        #expect(r.actualAsWritten?.unit == units.1)
    }

    @Test func kindsThatDoNotMatchAreIncomparable() throws {
        let goal = Entries.goal("x", indicator: "up", .growth, .about, 9.5, "%")
        let r = try #require(
            Self.check(
                goal,
                against: [
                    Entries.observation("x", indicator: "up", .level, 300, "亿元")
                ]
            ).first)
        #expect(r.status == .incomparable)
        #expect(r.explanation.contains("level"))
        #expect(r.explanationZh?.hasPrefix("目标是增速目标，但来源只给出 x 2022 的总量数据") == true, "\(r.explanationZh ?? "")")
    }

    @Test func noDataForOtherYearsRegionsOrIndicators() throws {
        let goal = Entries.goal("x", indicator: "up", .growth, .about, 9.5, "%", region: "柘城县")
        let r = Self.check(
            goal,
            against: [
                Entries.observation("x", indicator: "up", .growth, 3.2, "%", period: "2021", region: "柘城县"),
                Entries.observation("x", indicator: "up", .growth, 9.6, "%", region: "商丘市"),
                Entries.observation("x", indicator: "down", .growth, 9.6, "%", region: "柘城县"),
            ])
        #expect(r.first?.status == .noData)
        #expect(r.first?.actual == nil)
        // A figure without a region matches any region.
        let r2 = Self.check(
            goal, against: [Entries.observation("x", indicator: "up", .growth, 9.6, "%")])
        #expect(r2.first?.status == .met)
    }

    @Test func unmatchedGoalsMeetObservationsBySubject() throws {
        let goal = Entries.goal("辣椒种植面积", .level, .atLeast, 40, "万亩", region: "柘城县")
        let r = GoalChecker(catalog: .empty).check(
            [goal],
            against: [
                Entries.observation("全县辣椒种植面积", .level, 42, "万亩", region: "柘城县")
            ])
        #expect(r.first?.status == .met)
    }

    // MARK: - Derived figures and baselines

    @Test func changeGoalMetThroughDerivedRates() throws {
        let catalog = try Entries.shippedCatalog()
        let goal = Entries.normalized([Entries.goal("常住人口城镇化率", .change, .about, 2.5, "百分点", region: "柘城县")], catalog)
        let obs = Entries.normalized(
            [
                Entries.observation(
                    "常住人口城镇化率", .share, 45.3, "%", period: "2021", region: "柘城县", source: "bulletin-2021", line: 7),
                Entries.observation(
                    "常住人口城镇化率", .share, 47.4, "%", period: "2022", region: "柘城县", source: "bulletin-2022", line: 8),
            ], catalog)
        let r = try #require(GoalChecker(catalog: catalog).check(goal, against: obs).first)
        #expect(r.status == .met)
        #expect(r.actual == 2.1)
        #expect(r.observation?.isDerived == true)
        #expect(r.observation?.derivedFrom.map(\.sourceID) == ["bulletin-2021", "bulletin-2022"])
        #expect(r.baseline?.value == 45.3)
        #expect(r.baseline?.impliedLevel == 47.8)
    }

    @Test func grainBaselineAndImpliedChange() throws {
        let catalog = try Entries.shippedCatalog()
        let goal = Entries.normalized([Entries.goal("粮食总产", .level, .atLeast, 16.5, "亿斤", region: "柘城县")], catalog)
        let obs = Entries.normalized(
            [
                Entries.observation(
                    "粮食总产量", .level, 78.03, "万吨", period: "2021", region: "柘城县", text: "全年粮食总产量为78.03万吨"),
                Entries.observation("粮食总产", .level, nil, "万吨", period: "2020", region: "柘城县", redacted: true),
            ], catalog)
        let r = try #require(GoalChecker(catalog: catalog).check(goal, against: obs).first)
        #expect(r.status == .noData)
        let b = try #require(r.baseline)
        #expect(b.value == 15.606)
        #expect(b.unit == "亿斤")
        #expect(b.impliedChange == 5.73)
        #expect(b.impliedChangeUnit == "%")
        #expect(b.entry.observation.period.rawValue == "2021")
    }

    @Test func growthBaselineIsThePriorRate() throws {
        let goal = Entries.goal("x", indicator: "up", .growth, .about, 9.5, "%")
        let r = Self.check(
            goal,
            against: [
                Entries.observation("x", indicator: "up", .growth, 3.2, "%", period: "2021"),
                Entries.observation("x", indicator: "up", .growth, 2.0, "%", period: "2020"),
            ])
        #expect(r.first?.baseline?.value == 3.2)
        #expect(r.first?.baseline?.impliedChange == 6.3)
        #expect(r.first?.baseline?.impliedChangeUnit == "百分点")
    }

    @Test func statusesAreStableStrings() {
        #expect(
            CheckStatus.all.map(\.rawValue) == [
                "met", "on_track", "behind", "missed", "redacted", "incomparable", "no_data",
            ])
        #expect(CheckStatus.met.isPassing && CheckStatus.onTrack.isPassing && !CheckStatus.behind.isPassing)
    }
}
