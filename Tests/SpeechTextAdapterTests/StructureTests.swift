import Foundation
import IndicatorKit
import SpeechTextAdapter
import Testing

/// Sections, years and the goal/observation decision.
struct StructureTests {
    static let speech = """
        同志们：
        一、2022年工作回顾
        全县生产总值增长6.8%，新建学校5所。
        二、2023年重点工作
        今年经济社会发展的主要预期目标：生产总值增长7%左右，新建学校8所。
        去年全县粮食产量50万吨，今年力争达到52万吨。
        到2025年，森林覆盖率达到35%。
        """

    @Test func headingsDecideTypeAndPeriod() async throws {
        let records = try await SpeechText.records(Self.speech)
        let obs = records.compactMap(\.observation)
        let goals = records.compactMap(\.goal)
        #expect(obs.map(\.quantity.value) == [6.8, 5, 50])
        #expect(obs.allSatisfy { $0.period.rawValue == "2022" })
        #expect(goals.map(\.quantity.value) == [7, 8, 52, 35])
        #expect(goals.map(\.period.rawValue) == ["2023", "2023", "2023", "2025"])
    }

    @Test func modeFiltersRecords() async throws {
        let goals = try await SpeechText.records(Self.speech, options: ["mode": .string("goals")])
        #expect(goals.count == 4 && goals.allSatisfy { $0.goal != nil })
        let obs = try await SpeechText.records(Self.speech, options: ["mode": .string("observations")])
        #expect(obs.count == 3 && obs.allSatisfy { $0.observation != nil })
    }

    @Test func yearOptionOverridesTheText() async throws {
        let text = "今年目标：生产总值增长6%左右。\n去年生产总值增长5%。\n"
        let records = try await SpeechText.records(text, options: ["year": .number(2024)])
        #expect(records.compactMap(\.goal).map(\.period.rawValue) == ["2024"])
        #expect(records.compactMap(\.observation).map(\.period.rawValue) == ["2023"])
    }

    @Test func aTitleLineGivesTheYear() async throws {
        let text = "# 某市2023年政府工作报告(2023年1月10日)\n今年的主要预期目标是：\n地区生产总值增长6%左右；\n"
        let goals = try await SpeechText.records(text).compactMap(\.goal)
        #expect(goals.count == 1)
        #expect(goals.first?.period.rawValue == "2023")
    }

    @Test func aBulletinOnlyReports() async throws {
        let text = "某县2022年国民经济和社会发展统计公报\n全年地区生产总值达到300亿元，比上年增长4.5%。\n"
        let records = try await SpeechText.records(text)
        #expect(records.count == 2)
        #expect(records.allSatisfy { $0.observation != nil && $0.period.rawValue == "2022" })
    }

    @Test func unknownOptionsAndBadValuesAreRejected() throws {
        #expect {
            try SpeechTextAdapterFactory.make(["mdoe": .string("goals")])
        } throws: { ($0 as? AdapterError)?.code == .unknownOption }
        #expect {
            try SpeechTextAdapterFactory.make(["mode": .string("targets")])
        } throws: { ($0 as? AdapterError)?.code == .invalidOption }
        #expect {
            try SpeechTextAdapterFactory.make(["year": .string("next")])
        } throws: { ($0 as? AdapterError)?.code == .invalidOption }
    }
}

extension StructureTests {
    @Test func bulletinComparisonsInheritTheSubject() async throws {
        let text = """
            某市2022年国民经济和社会发展统计公报
            一般公共预算收入156.3亿元，同口径增长5.2%。城镇化率为58.3%，比上年末提高0.9个百分点。年末常住人口312万人，比上年末减少1.2万人。
            """
        let obs = try await SpeechText.records(text).compactMap(\.observation)
        #expect(obs.map(\.subject) == ["一般公共预算收入", "一般公共预算收入", "城镇化率", "城镇化率", "常住人口"])
        #expect(obs.map(\.kind) == [.level, .growth, .share, .change, .level])
        #expect(obs[3].attributes["point"] == nil)
        #expect(obs[4].attributes["point"] == "year-end")
    }
}

extension StructureTests {
    @Test func spansOfMonthsArePeriods() async throws {
        let text = "某县2022年统计公报\n1-9月，规模以上工业增加值增长6.2%，全年增长6.8%。上半年，社会消费品零售总额50亿元。\n"
        let obs = try await SpeechText.records(text).compactMap(\.observation)
        #expect(obs.map(\.period.rawValue) == ["2022-01/2022-09", "2022", "2022-01/2022-06"])
    }

    @Test func withoutHeadingsTheNamedYearIsTheDocumentYear() async throws {
        let text = "2023年是全面贯彻党的二十大精神的开局之年。\n今年力争新建学校6所，到2025年新建学校20所。\n"
        let goals = try await SpeechText.records(text).compactMap(\.goal)
        #expect(goals.map(\.period.rawValue) == ["2023", "2025"])
    }
}

extension StructureTests {
    /// What already is is no target; a later year in a numbered heading opens the plan. The text,
    /// the goals' values and the observations' values.
    static let apartCases: [(String, [Double?], [Double?])] = [
        (
            "二、2023年重点工作\n目前全县已建成5G基站800个，今年新建5G基站300个。我县现有规上企业120家。\n", [300.0],
            [800.0, 120]
        ),
        ("一、2022年工作回顾\n全县生产总值增长4.5%。\n二、奋力推动2023年经济社会高质量发展\n全县生产总值增长7%左右，新建学校8所。", [7, 8], [4.5]),
    ]

    @Test(arguments: apartCases)
    func goalsAndObservationsApart(_ text: String, _ goals: [Double?], _ observations: [Double?]) async throws {
        let records = try await SpeechText.records(text)
        #expect(records.compactMap(\.goal).map(\.quantity.value) == goals)
        #expect(records.compactMap(\.observation).map(\.quantity.value) == observations)
    }
}

extension StructureTests {
    @Test func aColonAfterTargetsOpensAListUpToTheLineEnd() async throws {
        let text = """
            一、2022年工作回顾
            全面完成年初确定的目标任务：生产总值增长4.5%；新增就业1.2万人。
            二、坚定信心
            今年全省主要预期目标是：地区生产总值增长6.5%左右；城镇新增就业110万人以上；粮食产量稳定在1350亿斤以上。
            """
        let records = try await SpeechText.records(text)
        #expect(records.compactMap(\.observation).map(\.quantity.value) == [4.5, 1.2])
        #expect(records.compactMap(\.goal).map(\.quantity.value) == [6.5, 110, 1350])
        #expect(records.compactMap(\.goal).allSatisfy { $0.period.rawValue == "2023" })
    }
}

extension StructureTests {
    @Test func aReviewOfFiveYearsKeepsItsSubjects() async throws {
        let text = "一、过去一年和五年工作回顾\n过去五年，国内生产总值增加到121万亿元，五年年均增长5.2%，十年增加近70万亿元。\n"
        let obs = try await SpeechText.records(text, options: ["year": .number(2023)]).compactMap(\.observation)
        #expect(obs.map(\.subject) == ["国内生产总值", "国内生产总值"])
        #expect(obs.map(\.kind) == [.level, .growth])
    }
}

extension StructureTests {
    @Test func aTargetStatedTwiceIsOneGoal() async throws {
        let text = "二、2023年重点工作\n主要预期目标：城镇新增就业6500人。\n实现全县城镇新增就业6500人，新建学校3所。\n"
        let goals = try await SpeechText.records(text).compactMap(\.goal)
        #expect(goals.map(\.quantity.value) == [6500, 3])
        #expect(goals.first?.location.line == 2)
    }
}

extension StructureTests {
    @Test func aTitleLineAfterTextStartsAnotherDocument() async throws {
        let text = """
            # 某县2022年国民经济和社会发展统计公报
            全年生产总值增长4.5%。
            # 某县2023年政府工作报告
            二、2023年重点工作
            生产总值增长7%左右。
            """
        let records = try await SpeechText.records(text)
        #expect(records.compactMap(\.observation).map(\.period.rawValue) == ["2022"])
        #expect(records.compactMap(\.goal).map(\.period.rawValue) == ["2023"])
    }
}

extension StructureTests {
    @Test func aSentenceWithoutSubjectTakesTheParagraphs() async throws {
        let text = "某市2022年统计公报\n全年全市地区生产总值3256.8亿元。按可比价格计算，比上年增长4.5%。\n增长3%。\n"
        let obs = try await SpeechText.records(text).compactMap(\.observation)
        #expect(obs.map(\.subject) == ["地区生产总值", "地区生产总值"])
        #expect(obs.map(\.kind) == [.level, .growth])
    }
}

extension StructureTests {
    @Test func thePastYearIsAReviewWithoutAHeading() async throws {
        let text = "过去的一年，全县上下力争上游，生产总值增长6.5%。\n今年力争生产总值增长7%。\n"
        let records = try await SpeechText.records(text, options: ["year": .number(2023)])
        #expect(records.compactMap(\.observation).map(\.period.rawValue) == ["2022"])
        #expect(records.compactMap(\.goal).map(\.period.rawValue) == ["2023"])
    }
}

enum SpeechTextAdapterFactory {
    static func make(_ options: [String: OptionValue]) throws {
        _ = try SpeechTextAdapter(options: AdapterOptions(options))
    }
}
