import IndicatorKit
import Testing

/// Masked figures become records without a number; names, dates, ranks and codes made of digits
/// become no records at all.
struct MaskAndNonQuantityTests {
    @Test(arguments: [
        ("粮食总产达XXX万吨。", "万吨", "粮食总产"),
        ("新增市场主体XXXXX户。", "户", "新增市场主体"),
        ("城市绿化率达到XX.X%。", "%", "城市绿化率"),
        ("全年民生支出ＸＸ亿元。", "亿元", "民生支出"),
    ])
    func maskedFiguresHaveNoValue(_ sentence: String, _ unit: String, _ subject: String) async throws {
        let obs = try await SpeechText.reviewObservations(sentence)
        #expect(obs.count == 1)
        let o = try #require(obs.first)
        #expect(o.redacted)
        #expect(o.quantity.value == nil)
        #expect(o.quantity.unit == unit)
        #expect(o.subject == subject)
    }

    @Test func maskedNamesAndRanksAreNoFigures() async throws {
        let obs = try await SpeechText.reviewObservations("XX钻石被评为XX省重点企业，居全市第X位，百万XX人民共同奋斗。")
        #expect(obs.isEmpty, "\(obs.map(\.subject))")
    }

    @Test(arguments: [
        "深入实施361015工程。",
        "推进“8121”工程建设。",
        "2021年9月24日企业成功上市。",
        "加快5G网络建设。",
        "谋划“十四五”重大项目。",
        "坚持“两个高于”目标。",
        "努力实现两个高于。",
        "主要指标居全省第1位。",
        "全年生产总值[2]稳步增长。",
        "重点做好以下六个方面工作。",
        "落实“四个不摘”要求。",
        "高质量完成二期工程。",
        "打通最后一公里。",
        "力争进入全省前10位。",
        "打造15分钟健身圈。",
        "每个行政村至少建成1个文化广场。",
    ])
    func notQuantities(_ sentence: String) async throws {
        let records = try await SpeechText.records("二、2023年重点工作\n" + sentence + "\n")
        #expect(records.isEmpty, "\(records.map { "\($0.subject) \($0.quantity)" })")
    }

    @Test func provenanceIsTheFigureAndItsClause() async throws {
        let records = try await SpeechText.records("二、2023年重点工作\n全年谋划重点项目80个，新建5G基站285个。\n")
        let g = try #require(records.last?.goal)
        #expect(g.text == "新建5G基站285个")
        #expect(g.location.line == 2)
        #expect(g.location.column == 19)
    }
}
