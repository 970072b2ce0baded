import IndicatorKit
import Testing

@testable import SpeechTextAdapter

/// Numbers: Arabic, full-width, thousands separators, Chinese numerals, multipliers, ranges, ratios.
struct NumberTests {
    struct Case: Sendable, CustomStringConvertible {
        var sentence: String
        var value: Double
        var upper: Double?
        var unit: String
        var description: String { sentence }
    }

    @Test(arguments: [
        Case(sentence: "新建学校12所。", value: 12, unit: "所"),
        Case(sentence: "新建污水管网１２．５公里。", value: 12.5, unit: "公里"),
        Case(sentence: "完成固定资产投资1,234.5万元。", value: 1234.5, unit: "万元"),
        Case(sentence: "新增就业岗位一百二十个。", value: 120, unit: "个"),
        Case(sentence: "新建高标准农田十八万亩。", value: 18, unit: "万亩"),
        Case(sentence: "建成高标准农田两万亩。", value: 2, unit: "万亩"),
        Case(sentence: "地区生产总值增长百分之九点五。", value: 9.5, unit: "%"),
        Case(sentence: "新建幼儿园3-5所。", value: 3, upper: 5, unit: "所"),
        Case(sentence: "生产总值增长4.5%-5%。", value: 4.5, upper: 5, unit: "%"),
        Case(sentence: "新建口袋公园五到十个。", value: 5, upper: 10, unit: "个"),
        Case(sentence: "人口自然增长率控制在5‰以内。", value: 5, unit: "‰"),
        Case(sentence: "城镇化率提高1.2个百分点。", value: 1.2, unit: "百分点"),
        Case(sentence: "一般公共预算收入达到3.2亿元。", value: 3.2, unit: "亿元"),
        Case(sentence: "社會消費品零售總額達到85億元。", value: 85, unit: "億元"),
        Case(sentence: "糧食產量穩定在50萬噸以上。", value: 50, unit: "萬噸"),
    ])
    func readsTheFigure(_ c: Case) async throws {
        let goals = try await SpeechText.planGoals(c.sentence)
        #expect(goals.count == 1, "\(goals.map(\.subject))")
        let g = try #require(goals.first)
        #expect(g.quantity.value == c.value)
        #expect(g.quantity.upper == c.upper)
        #expect(g.quantity.unit == c.unit)
        if c.upper != nil { #expect(g.comparator == .range) }
    }

    @Test(arguments: [
        ("单位生产总值能耗下降4%。", -4.0, TargetComparator.equal),
        ("化肥使用量下降3%以上。", -3.0, .atMost),
        ("單位生產總值二氧化碳排放降低5%左右。", -5.0, .about),
    ])
    func declinesAreNegativeGrowth(_ sentence: String, _ value: Double, _ comparator: TargetComparator) async throws {
        let g = try #require(try await SpeechText.planGoals(sentence).first)
        #expect(g.kind == .growth)
        #expect(g.quantity.value == value)
        #expect(g.comparator == comparator)
    }

    @Test func flatIsZeroGrowth() async throws {
        let obs = try await SpeechText.reviewObservations("第二产业增加值88亿元，与上年持平。")
        let flat = try #require(obs.first { $0.kind == .growth })
        #expect(flat.subject == "第二产业增加值")
        #expect(flat.quantity.value == 0)
        #expect(flat.quantity.unit == "%")
    }

    @Test(arguments: [
        ("十八", 18.0), ("两", 2), ("一百二十", 120), ("三亿五千万", 350_000_000), ("九点五", 9.5), ("二〇二二", 2022),
        ("一万二千", 12000), ("十", 10), ("四十五", 45),
    ])
    func chineseNumerals(_ text: String, _ value: Double) throws {
        let run = text.unicodeScalars.map { Lexicon.normalize($0.value) }
        #expect(ChineseNumeral.value(of: run) == value)
    }
}
