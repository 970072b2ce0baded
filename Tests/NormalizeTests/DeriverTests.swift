import IndicatorKit
import Testing

@testable import Normalize

struct DeriverTests {
    func entry(
        _ subject: String, _ indicator: String?, _ kind: FigureKind, _ value: Double?, _ unit: String, _ year: Int,
        source: String = "bulletin", line: Int = 1, redacted: Bool = false, period: Period? = nil
    ) -> ObservationEntry {
        ObservationEntry(
            observation: Observation(
                subject: subject, indicator: indicator, kind: kind, quantity: Quantity(value: value, unit: unit),
                period: period ?? Period(year: year), region: "柘城县", redacted: redacted),
            provenance: Provenance(
                sourceID: "\(source)-\(year)", origin: "\(source)-\(year).txt", sha256: nil,
                location: SourceLocation(line: line, column: 1), text: "\(subject)\(value ?? 0)\(unit)"))
    }

    @Test func percentagePointChangeFromTwoYearlyRates() throws {
        let out = Deriver.derive([
            entry("常住人口城镇化率", "urbanization_rate", .share, 45.3, "%", 2021, line: 3),
            entry("常住人口城镇化率", "urbanization_rate", .share, 47.8, "%", 2022, line: 9),
        ])
        #expect(out.count == 1)
        let d = try #require(out.first)
        #expect(d.observation.kind == .change)
        #expect(d.observation.quantity.value == 2.5)
        #expect(d.observation.quantity.unit == "百分点")
        #expect(d.observation.period == Period(year: 2022))
        #expect(d.derivedFrom.map(\.sourceID) == ["bulletin-2021", "bulletin-2022"])
        #expect(d.derivedFrom.map(\.line) == [3, 9])
        #expect(d.isDerived)
    }

    @Test func growthFromTwoYearlyLevelsInDifferentUnits() throws {
        // 2021: 78.03 万吨; 2022: 16.5 亿斤 = 82.5 万吨 → +5.7285 %.
        let out = Deriver.derive([
            entry("粮食总产", "grain_output", .level, 78.03, "万吨", 2021),
            entry("粮食总产", "grain_output", .level, 16.5, "亿斤", 2022),
        ])
        let d = try #require(out.first)
        #expect(d.observation.kind == .growth)
        #expect(d.observation.quantity.unit == "%")
        #expect(d.observation.quantity.value == 5.7286)
    }

    @Test func nothingWhereAFigureIsStatedMaskedPartialOrNotConsecutive() {
        let cases: [(String, [ObservationEntry])] = [
            (
                "a stated growth already exists for 2022",
                [
                    entry("生产总值", "gdp", .level, 100, "亿元", 2021),
                    entry("生产总值", "gdp", .level, 103, "亿元", 2022),
                    entry("生产总值", "gdp", .growth, 3.0, "%", 2022),
                ]
            ),
            (
                "a masked input",
                [
                    entry("粮食总产", "grain_output", .level, 78.03, "万吨", 2021),
                    entry("粮食总产", "grain_output", .level, nil, "万吨", 2022, redacted: true),
                ]
            ),
            (
                "years apart",
                [
                    entry("粮食总产", "grain_output", .level, 78.03, "万吨", 2019),
                    entry("粮食总产", "grain_output", .level, 80, "万吨", 2021),
                ]
            ),
            (
                "a partial year",
                [
                    entry("粮食总产", "grain_output", .level, 78.03, "万吨", 2021),
                    entry("粮食总产", "grain_output", .level, 50, "万吨", 2022, period: Period(parsing: "2022-01/2022-06")),
                ]
            ),
            (
                "units that do not convert",
                [
                    entry("重点项目", "key_projects", .level, 126, "个", 2021),
                    entry("重点项目", "key_projects", .level, 101, "家", 2022),
                ]
            ),
            (
                "different indicators",
                [
                    entry("粮食总产", "grain_output", .level, 78.03, "万吨", 2021),
                    entry("油料产量", "oil_crop_output", .level, 3.28, "万吨", 2022),
                ]
            ),
        ]
        for (why, entries) in cases {
            #expect(Deriver.derive(entries).isEmpty, "\(why)")
        }
    }

    @Test func unmatchedSubjectsPairByFoldedSubject() {
        let out = Deriver.derive([
            entry("全县辣椒面积", nil, .level, 40, "万亩", 2021),
            entry("辣椒面积", nil, .level, 44, "万亩", 2022),
        ])
        #expect(out.count == 1)
        #expect(out.first?.observation.quantity.value == 10)
    }
}
