import Foundation
import GoalCheck
import IndicatorKit
import Testing

/// The national checks from records exactly as the speech-text adapter writes them for
/// seeds/china-2022-government-work-report-targets.txt (goals) and
/// seeds/china-2022-statistical-bulletin-excerpt.txt (observations), normalized with the shipped
/// catalog: the path `yardstick run pipelines/china-2022.yaml` takes.
struct NationalRecordsTests {
    static let goals = """
        {"type":"goal","subject":"国内生产总值","indicator":null,"kind":"growth","comparator":"~","value":5.5,"unit":"%","period":"2022","region":null,"redacted":false,"text":"国内生产总值增长5.5%左右","location":{"line":3,"column":9}}
        {"type":"goal","subject":"城镇新增就业","indicator":null,"kind":"level","comparator":">=","value":1100,"unit":"万人","period":"2022","region":null,"redacted":false,"text":"城镇新增就业1100万人以上","location":{"line":4,"column":7}}
        {"type":"goal","subject":"城镇调查失业率","indicator":null,"kind":"share","comparator":"<=","value":5.5,"unit":"%","period":"2022","region":null,"redacted":false,"text":"城镇调查失业率全年控制在5.5%以内","location":{"line":4,"column":28}}
        {"type":"goal","subject":"居民消费价格","indicator":null,"kind":"growth","comparator":"~","value":3,"unit":"%","period":"2022","region":null,"redacted":false,"text":"居民消费价格涨幅3%左右","location":{"line":5,"column":9}}
        {"type":"goal","subject":"粮食产量","indicator":null,"kind":"level","comparator":">=","value":1.3,"unit":"万亿斤","period":"2022","region":null,"redacted":false,"text":"粮食产量保持在1.3万亿斤以上","location":{"line":8,"column":8}}
        """

    static let observations = """
        {"type":"observation","subject":"国内生产总值","indicator":null,"kind":"level","value":1210207,"unit":"亿元","period":"2022","region":null,"redacted":false,"text":"全年国内生产总值[2]1210207亿元","location":{"line":2,"column":17}}
        {"type":"observation","subject":"国内生产总值","indicator":null,"kind":"growth","value":3,"unit":"%","period":"2022","region":null,"redacted":false,"text":"比上年增长3.0%","location":{"line":2,"column":32}}
        {"type":"observation","subject":"第一产业增加值","indicator":null,"kind":"level","value":88345,"unit":"亿元","period":"2022","region":null,"redacted":false,"text":"第一产业增加值88345亿元","location":{"line":2,"column":47}}
        {"type":"observation","subject":"第一产业增加值","indicator":null,"kind":"growth","value":4.1,"unit":"%","period":"2022","region":null,"redacted":false,"text":"比上年增长4.1%","location":{"line":2,"column":60}}
        {"type":"observation","subject":"第二产业增加值","indicator":null,"kind":"level","value":483164,"unit":"亿元","period":"2022","region":null,"redacted":false,"text":"第二产业增加值483164亿元","location":{"line":2,"column":72}}
        {"type":"observation","subject":"第二产业增加值","indicator":null,"kind":"growth","value":3.8,"unit":"%","period":"2022","region":null,"redacted":false,"text":"增长3.8%","location":{"line":2,"column":83}}
        {"type":"observation","subject":"第三产业增加值","indicator":null,"kind":"level","value":638698,"unit":"亿元","period":"2022","region":null,"redacted":false,"text":"第三产业增加值638698亿元","location":{"line":2,"column":95}}
        {"type":"observation","subject":"第三产业增加值","indicator":null,"kind":"growth","value":2.3,"unit":"%","period":"2022","region":null,"redacted":false,"text":"增长2.3%","location":{"line":2,"column":106}}
        {"type":"observation","subject":"第一产业增加值占国内生产总值比重","indicator":null,"kind":"share","value":7.3,"unit":"%","period":"2022","region":null,"redacted":false,"text":"第一产业增加值占国内生产总值比重为7.3%","location":{"line":2,"column":128}}
        {"type":"observation","subject":"第二产业增加值比重","indicator":null,"kind":"share","value":39.9,"unit":"%","period":"2022","region":null,"redacted":false,"text":"第二产业增加值比重为39.9%","location":{"line":2,"column":143}}
        {"type":"observation","subject":"第三产业增加值比重","indicator":null,"kind":"share","value":52.8,"unit":"%","period":"2022","region":null,"redacted":false,"text":"第三产业增加值比重为52.8%","location":{"line":2,"column":159}}
        {"type":"observation","subject":"人均国内生产总值","indicator":null,"kind":"level","value":85698,"unit":"元","period":"2022","region":null,"redacted":false,"text":"全年人均国内生产总值85698元","location":{"line":2,"column":175}}
        {"type":"observation","subject":"人均国内生产总值","indicator":null,"kind":"growth","value":3,"unit":"%","period":"2022","region":null,"redacted":false,"text":"比上年增长3.0%","location":{"line":2,"column":187}}
        {"type":"observation","subject":"就业人员","indicator":null,"kind":"level","value":73351,"unit":"万人","period":"2022","region":null,"redacted":false,"text":"年末全国就业人员73351万人","location":{"line":3,"column":9},"attributes":{"point":"year-end"}}
        {"type":"observation","subject":"城镇就业人员","indicator":null,"kind":"level","value":45931,"unit":"万人","period":"2022","region":null,"redacted":false,"text":"其中城镇就业人员45931万人","location":{"line":3,"column":25}}
        {"type":"observation","subject":"城镇就业人员占全国就业人员比重","indicator":null,"kind":"share","value":62.6,"unit":"%","period":"2022","region":null,"redacted":false,"text":"占全国就业人员比重为62.6%","location":{"line":3,"column":43}}
        {"type":"observation","subject":"城镇新增就业","indicator":null,"kind":"level","value":1206,"unit":"万人","period":"2022","region":null,"redacted":false,"text":"全年城镇新增就业1206万人","location":{"line":3,"column":57}}
        {"type":"observation","subject":"城镇调查失业率平均值","indicator":null,"kind":"share","value":5.6,"unit":"%","period":"2022","region":null,"redacted":false,"text":"全年全国城镇调查失业率平均值为5.6%","location":{"line":3,"column":89}}
        {"type":"observation","subject":"城镇调查失业率","indicator":null,"kind":"share","value":5.5,"unit":"%","period":"2022","region":null,"redacted":false,"text":"年末全国城镇调查失业率为5.5%","location":{"line":3,"column":106},"attributes":{"point":"year-end"}}
        {"type":"observation","subject":"居民消费价格","indicator":null,"kind":"growth","value":2,"unit":"%","period":"2022","region":null,"redacted":false,"text":"全年居民消费价格比上年上涨2.0%","location":{"line":4,"column":14}}
        {"type":"observation","subject":"工业生产者出厂价格","indicator":null,"kind":"growth","value":4.1,"unit":"%","period":"2022","region":null,"redacted":false,"text":"工业生产者出厂价格上涨4.1%","location":{"line":4,"column":30}}
        {"type":"observation","subject":"粮食产量","indicator":null,"kind":"level","value":68653,"unit":"万吨","period":"2022","region":null,"redacted":false,"text":"全年粮食产量68653万吨","location":{"line":5,"column":7}}
        {"type":"observation","subject":"粮食产量","indicator":null,"kind":"growth","value":0.5,"unit":"%","period":"2022","region":null,"redacted":false,"text":"增产0.5%","location":{"line":5,"column":28}}
        {"type":"observation","subject":"规模以上工业增加值","indicator":null,"kind":"growth","value":3.6,"unit":"%","period":"2022","region":null,"redacted":false,"text":"规模以上工业增加值增长3.6%","location":{"line":6,"column":12}}
        """

    static func entries() throws -> (goals: [GoalEntry], observations: [ObservationEntry], catalog: Catalog) {
        let catalog = try Entries.shippedCatalog()
        let normalizer = Normalizer(catalog: catalog)
        func records(_ text: String) throws -> [SourceRecord] {
            try text.split(separator: "\n").map { try SourceRecord(jsonLine: String($0)) }.map(normalizer.normalize)
        }
        let goals = try records(goals).compactMap(\.goal).map {
            GoalEntry(
                goal: $0,
                provenance: Provenance(
                    sourceID: "report", origin: "seeds/china-2022-government-work-report-targets.txt",
                    sha256: nil, location: $0.location, text: $0.text))
        }
        let observations = try records(observations).compactMap(\.observation).map {
            ObservationEntry(
                observation: $0,
                provenance: Provenance(
                    sourceID: "bulletin-text", origin: "seeds/china-2022-statistical-bulletin-excerpt.txt",
                    sha256: nil, location: $0.location, text: $0.text))
        }
        return (goals, observations, catalog)
    }

    @Test func everyRecordIsMatched() throws {
        let (goals, observations, _) = try Self.entries()
        #expect(goals.count == 5)
        #expect(goals.allSatisfy { $0.goal.indicator != nil })
        #expect(observations.filter { $0.observation.indicator == nil }.map(\.observation.subject) == [])
        let unemployment = observations.filter { $0.observation.indicator == "urban_unemployment_rate" }
        #expect(unemployment.map { $0.observation.attributes["basis"] } == ["average", "year-end"])
    }

    @Test func theFiveNationalStatuses() throws {
        let (goals, observations, catalog) = try Self.entries()
        let results = GoalChecker(catalog: catalog).check(goals, against: observations)
        let byCode = Dictionary(uniqueKeysWithValues: results.map { ($0.goal.goal.indicator ?? "", $0) })
        #expect(byCode["gdp"]?.status == .missed)
        #expect(byCode["gdp"]?.actual == 3)
        #expect(byCode["gdp"]?.observation?.provenance.column == 32)
        #expect(byCode["urban_new_jobs"]?.status == .met)
        #expect(byCode["urban_new_jobs"]?.margin == 106)
        #expect(byCode["cpi"]?.status == .met)
        #expect(byCode["cpi"]?.actual == 2)
        #expect(byCode["grain_output"]?.status == .met)
        #expect(byCode["grain_output"]?.actual == 1.37306)
        #expect(byCode["grain_output"]?.observation?.provenance.text == "全年粮食产量68653万吨")
        #expect(byCode["urban_unemployment_rate"]?.status == .missed)
        #expect(byCode["urban_unemployment_rate"]?.actual == 5.6)
        #expect(byCode["urban_unemployment_rate"]?.alternatives.first?.observation.quantity.value == 5.5)
        for r in results {
            #expect(r.goal.provenance.line != nil && r.observation?.provenance.line != nil, "\(r.goal.goal.subject)")
        }
    }
}

struct CheckDetailTests {
    @Test func storedDetailReadsBackEqual() throws {
        let (goals, observations, catalog) = try NationalRecordsTests.entries()
        var goalsWithTolerance = goals
        goalsWithTolerance[0].tolerance = 0.3
        let results = GoalChecker(catalog: catalog).check(goalsWithTolerance, against: observations)
        for r in results {
            let text = r.detailJSON()
            #expect(text.contains("\"schema\":\"yardstick.check/1\""))
            let back = try CheckResult(detail: text, catalog: catalog)
            #expect(back == r, "\(r.goal.goal.subject)")
        }
        let derived = GoalChecker(catalog: catalog).check(
            Entries.normalized([Entries.goal("常住人口城镇化率", .change, .about, 2.5, "百分点")], catalog),
            against: Entries.normalized(
                [
                    Entries.observation("常住人口城镇化率", .share, 45.3, "%", period: "2021"),
                    Entries.observation("常住人口城镇化率", .share, 47.4, "%", period: "2022"),
                ], catalog))
        let back = try CheckResult(detail: derived[0].detailJSON(), catalog: catalog)
        #expect(back == derived[0])
        #expect(back.observation?.derivedFrom.count == 2)
        #expect(back.baseline?.impliedLevel == 47.8)
    }

    /// A check stored before the Chinese explanation was written reads back without one.
    @Test func detailWithoutTheChineseExplanationReadsBack() throws {
        let (goals, observations, catalog) = try NationalRecordsTests.entries()
        let r = try #require(GoalChecker(catalog: catalog).check(goals, against: observations).first)
        #expect(r.explanationZh?.isEmpty == false)
        var wire = try #require(try JSONSerialization.jsonObject(with: Data(r.detailJSON().utf8)) as? [String: Any])
        #expect(wire.removeValue(forKey: "explanationZh") != nil)
        let old = String(decoding: try JSONSerialization.data(withJSONObject: wire), as: UTF8.self)
        let back = try CheckResult(detail: old, catalog: catalog)
        #expect(back.explanationZh == nil)
        #expect(back.explanation == r.explanation && back.status == r.status)
    }

    @Test func badDetailIsAnError() throws {
        let catalog = try Entries.shippedCatalog()
        for bad in ["{", "{\"schema\":\"yardstick.check/9\"}", "[]"] {
            do {
                _ = try CheckResult(detail: bad, catalog: catalog)
                Issue.record("accepted \(bad)")
            } catch let e as GoalCheckError {
                #expect(e.code == .invalidDetail)
            }
        }
    }
}
