import IndicatorKit
import Testing

/// Kinds (growth, change, share, level) and the subject noun phrase.
struct KindAndSubjectTests {
    @Test(arguments: [
        ("地区生产总值增长6%左右。", FigureKind.growth, "地区生产总值"),
        ("居民消费价格涨幅控制在3%左右。", .growth, "居民消费价格"),
        ("税收收入提高8%。", .growth, "税收收入"),
        ("居民消费价格上涨2%。", .growth, "居民消费价格"),
        ("常住人口城镇化率提高1.5个百分点。", .change, "常住人口城镇化率"),
        ("城镇化率提高到65%。", .share, "城镇化率"),
        ("森林覆盖率达到35%。", .share, "森林覆盖率"),
        ("研发经费投入占生产总值比重达到2.5%。", .share, "研发经费投入占生产总值比重"),
        ("数字经济占比达到30%。", .share, "数字经济占比"),
        ("卫生厕所普及率达到90%。", .share, "卫生厕所普及率"),
        ("规模以上工业增加值增长7%。", .growth, "规模以上工业增加值"),
        ("新建5G基站600个。", .level, "5G基站"),
        ("新建高标准农田6万亩。", .level, "高标准农田"),
        ("全年城镇新增就业8000人。", .level, "城镇新增就业"),
        ("地區生產總值增長6.5%左右。", .growth, "地區生產總值"),
        ("新建學校12所。", .level, "學校"),
    ])
    func kindAndSubject(_ sentence: String, _ kind: FigureKind, _ subject: String) async throws {
        let goals = try await SpeechText.planGoals(sentence)
        #expect(goals.count == 1, "\(goals.map(\.subject))")
        #expect(goals.first?.kind == kind)
        #expect(goals.first?.subject == subject)
    }

    @Test func aSizeQualifierStaysInTheSubject() async throws {
        let goals = try await SpeechText.planGoals("全年引进5亿元以上项目12个以上，其中20亿元以上项目2个。")
        #expect(goals.map(\.subject) == ["5亿元以上项目", "20亿元以上项目"])
        #expect(goals.map(\.quantity.value) == [12, 2])
        #expect(goals.map(\.quantity.unit) == ["个", "个"])
        #expect(goals.first?.comparator == .atLeast)
    }

    @Test func aCountBeforeItsNounTakesTheNoun() async throws {
        let goals = try await SpeechText.planGoals("建成3个乡镇综合文化站、12所标准化学校，打造朱庄等4个美丽乡村示范村。")
        #expect(goals.map(\.subject) == ["乡镇综合文化站", "标准化学校", "美丽乡村示范村"])
        #expect(goals.map(\.quantity.value) == [3, 12, 4])
    }

    @Test func descriptionsOfProjectsAreNoTargets() async throws {
        let goals = try await SpeechText.planGoals(
            "推动总投资20亿元的新能源产业园建成投产，加快建设110千伏变电站，打造百亿级食品产业集群，新建日处理50吨垃圾处理厂1座。")
        #expect(goals.map(\.quantity.value) == [1])
        #expect(goals.first?.subject.contains("垃圾处理厂") == true)
    }

    @Test func framingClausesAreNoTargets() async throws {
        let goals = try await SpeechText.planGoals("围绕建设2个中心城区、6个中心镇，对省下放的120项审批权限，全面承接落实。")
        #expect(goals.isEmpty, "\(goals.map(\.subject))")
    }

    @Test func aVerbOnlyClauseInheritsTheSubject() async throws {
        let goals = try await SpeechText.planGoals("开工建设棚改安置房5000套，基本建成3000套；2022年生产总值增长4.5%，今年要确保增长7%。")
        #expect(goals.map(\.subject) == ["棚改安置房", "棚改安置房", "生产总值"])
        #expect(goals.map(\.quantity.value) == [5000, 3000, 7])
    }

    @Test func aCountAfterAScopeWordDescribesTheTerritory() async throws {
        let goals = try await SpeechText.planGoals("实现全市30个乡镇全覆盖，新建乡镇卫生院3所。")
        #expect(goals.map(\.quantity.value) == [3])
    }

    @Test func countsBeforeDeAndMilestones() async throws {
        let goals = try await SpeechText.planGoals(
            "打造2个以上的省级示范区，全年财政收入突破10亿元大关，实现90%以上的行政村通5G，推动总投资20亿元的项目开工。")
        #expect(goals.map(\.subject) == ["省级示范区", "财政收入"])
        #expect(goals.map(\.comparator) == [.atLeast, .above])
    }

    @Test func aRateBeforeDeGrowthIsAGrowthTarget() async throws {
        let goals = try await SpeechText.planGoals("全县生产总值保持6%左右的增长，一般公共预算收入实现8%以上的增长目标。")
        #expect(goals.map(\.subject) == ["生产总值", "一般公共预算收入"])
        #expect(goals.allSatisfy { $0.kind == .growth })
        #expect(goals.map(\.comparator) == [.about, .atLeast])
    }
}
