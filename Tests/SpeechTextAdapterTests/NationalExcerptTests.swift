import Foundation
import IndicatorKit
import Testing

/// The national excerpts in seeds/: the 2022 bulletin's actuals and the 2022 work report's targets.
struct NationalExcerptTests {
    static func seed(_ name: String) -> String { SpeechText.packageRoot.appendingPathComponent("seeds/\(name)").path }

    @Test func bulletinYieldsTheHeadlineActuals() async throws {
        let records = try await SpeechText.records(path: Self.seed("china-2022-statistical-bulletin-excerpt.txt"))
        let obs = records.compactMap(\.observation)
        #expect(obs.count == records.count, "a bulletin only reports")
        #expect(obs.allSatisfy { $0.period.rawValue == "2022" })
        func find(_ subject: String, _ kind: FigureKind, _ value: Double) -> Observation? {
            obs.first { $0.subject.contains(subject) && $0.kind == kind && $0.quantity.value == value }
        }
        let gdp = find("国内生产总值", .growth, 3.0)
        #expect(gdp?.quantity.unit == "%")
        #expect(gdp?.subject == "国内生产总值")
        let jobs = find("城镇新增就业", .level, 1206)
        #expect(jobs?.quantity.unit == "万人")
        let average = find("城镇调查失业率", .share, 5.6)
        #expect(average?.subject.contains("平均") == true)
        let yearEnd = find("城镇调查失业率", .share, 5.5)
        #expect(yearEnd?.attributes["point"] == "year-end")
        #expect(find("居民消费价格", .growth, 2.0) != nil)
        let grain = find("粮食产量", .level, 68653)
        #expect(grain?.quantity.unit == "万吨")
        // The footnote marker [2] is neither a figure nor part of the subject.
        #expect(!obs.contains { $0.quantity.value == 2 && $0.quantity.unit != "%" })
        #expect(obs.first { $0.quantity.value == 1_210_207 }?.subject == "国内生产总值")
        // "比上年少增63万人" and "比上年增加368万吨" are increments, not levels.
        #expect(!obs.contains { $0.quantity.value == 63 || $0.quantity.value == 368 })
    }

    @Test func reportYieldsItsFiveTargets() async throws {
        let records = try await SpeechText.records(path: Self.seed("china-2022-government-work-report-targets.txt"))
        let goals = records.compactMap(\.goal)
        #expect(goals.count == 5, "\(goals.map(\.subject))")
        #expect(goals.allSatisfy { $0.period.rawValue == "2022" })
        let expected: [(String, FigureKind, TargetComparator, Double, String)] = [
            ("国内生产总值", .growth, .about, 5.5, "%"),
            ("城镇新增就业", .level, .atLeast, 1100, "万人"),
            ("城镇调查失业率", .share, .atMost, 5.5, "%"),
            ("居民消费价格", .growth, .about, 3, "%"),
            ("粮食产量", .level, .atLeast, 1.3, "万亿斤"),
        ]
        for (n, (subject, kind, comparator, value, unit)) in expected.enumerated() {
            let g = goals[n]
            #expect(g.subject.hasPrefix(subject))
            #expect(g.kind == kind)
            #expect(g.comparator == comparator)
            #expect(g.quantity.value == value)
            #expect(g.quantity.unit == unit)
        }
    }

    @Test func countyBulletinReportsItsYear() async throws {
        let records = try await SpeechText.records(path: Self.seed("zhecheng-2021-statistical-bulletin-excerpt.txt"))
        let obs = records.compactMap(\.observation)
        #expect(obs.count == records.count)
        #expect(obs.allSatisfy { $0.period.rawValue == "2021" })
        // "与去年持平" is a growth of zero for the subject before it.
        let flat = obs.first { $0.subject == "第二产业增加值" && $0.kind == .growth }
        #expect(flat?.quantity.value == 0)
        // "同比1.24%" is a growth rate; "占…的比重为28.07%" a share.
        #expect(obs.contains { $0.kind == .growth && $0.quantity.value == 1.24 })
        #expect(obs.contains { $0.kind == .share && $0.quantity.value == 28.07 })
        // "2021年柘城县生产总值…" names the region; the growth after it inherits subject and region.
        #expect(obs.prefix(2).map(\.subject) == ["生产总值", "生产总值"])
        #expect(obs.prefix(2).map(\.region) == ["柘城县", "柘城县"])
        #expect(obs.dropFirst(2).allSatisfy { $0.region == nil })
        // "油料3.33万" keeps its bare multiplier as the unit.
        #expect(obs.contains { $0.quantity.value == 3.33 && $0.quantity.unit == "万" })
        // The ratio 23.0:37.4:39.6 has no unit and is no figure.
        #expect(!obs.contains { $0.quantity.value == 37.4 })
    }
}
