import IndicatorKit
import Testing

@testable import Normalize

struct NormalizerTests {
    let normalizer = Normalizer(catalog: ShippedCatalog.catalog)

    func observation(_ subject: String, kind: Kind = .growth, value: Double = 3, unit: String = "%", text: String? = nil,
                     attributes: [String: String] = [:]) -> Record {
        .observation(Observation(subject: subject, kind: kind, quantity: Quantity(value: value, unit: unit),
                                 period: Period(year: 2022), text: text, attributes: attributes))
    }

    @Test func setsTheIndicatorOfGoalsAndObservations() {
        let goal = Record.goal(Goal(subject: "生产总值", kind: .growth, comparator: .about,
                                    quantity: Quantity(value: 9.5, unit: "%"), period: Period(year: 2022)))
        #expect(normalizer.normalize(goal).indicator == "gdp")
        #expect(normalizer.normalize(observation("全年国内生产总值")).indicator == "gdp")
    }

    @Test func leavesUnmatchedSubjectsAlone() {
        let r = normalizer.normalize(observation("某县特色指标"))
        #expect(r.indicator == nil)
        #expect(r.subject == "某县特色指标")
    }

    @Test func readsSDMXCodesFromSubjectOrAttributes() {
        let bySubject = normalizer.normalize(observation("UNEMP_SURVEYED_YE", kind: .level, value: 5.5))
        #expect(bySubject.indicator == "urban_unemployment_rate")
        #expect(bySubject.kind == .share)
        #expect(bySubject.attributes["basis"] == "year-end")
        let byAttribute = normalizer.normalize(observation("城镇新增就业人数(万人)", kind: .level, value: 1206, unit: "万人",
                                                           attributes: ["INDICATOR": "URBAN_NEW_JOBS"]))
        #expect(byAttribute.indicator == "urban_new_jobs")
    }

    @Test func readsTheBasisFromThePhrase() {
        let avg = normalizer.normalize(observation("全国城镇调查失业率", kind: .share, value: 5.6,
                                                   text: "全年全国城镇调查失业率平均值为5.6%"))
        #expect(avg.attributes["basis"] == "average")
        let ye = normalizer.normalize(observation("年末全国城镇调查失业率", kind: .share, value: 5.5,
                                                  text: "年末全国城镇调查失业率为5.5%"))
        #expect(ye.attributes["basis"] == "year-end")
        let ye2 = normalizer.normalize(observation("全国城镇调查失业率", kind: .share, value: 5.5,
                                                   text: "年末全国城镇调查失业率为5.5%"))
        #expect(ye2.attributes["basis"] == "year-end")
        let plain = normalizer.normalize(observation("城镇调查失业率", kind: .share, value: 5.5, text: "城镇调查失业率全年控制在5.5%以内"))
        #expect(plain.attributes["basis"] == nil)
    }

    @Test func traditionalTextMatches() {
        #expect(normalizer.normalize(observation("糧食總產量", kind: .level, value: 1, unit: "萬噸")).indicator == "grain_output")
    }
}
