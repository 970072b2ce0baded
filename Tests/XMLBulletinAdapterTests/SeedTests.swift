import Foundation
import IndicatorKit
import Testing
import XMLBulletinAdapter

/// seeds/china-2022-bulletin.xml carries the national 2022 actuals of the statistical bulletin.
@Suite struct SeedTests {
    @Test func nationalActualsOf2022() async throws {
        let path = Paths.packageRoot.appendingPathComponent("seeds/china-2022-bulletin.xml").path
        let observations = try await extract(path)
        let bySubject = Dictionary(uniqueKeysWithValues: observations.map { ($0.subject, $0) })
        let expected: [(String, Double, String, FigureKind)] = [
            ("GDP_GROWTH", 3.0, "%", .growth),
            ("CPI_GROWTH", 2.0, "%", .growth),
            ("URBAN_NEW_JOBS", 1206, "万人", .level),
            ("UNEMP_SURVEYED_AVG", 5.6, "%", .share),
            ("UNEMP_SURVEYED_YE", 5.5, "%", .share),
            ("GRAIN_OUTPUT", 68653, "万吨", .level),
            ("INDUSTRY_VA_GROWTH", 3.6, "%", .growth),
        ]
        #expect(observations.count == expected.count)
        for (code, value, unit, kind) in expected {
            let o = try #require(bySubject[code], "\(code)")
            #expect(o.quantity.value == value, "\(code)")
            #expect(o.quantity.unit == unit, "\(code)")
            #expect(o.kind == kind, "\(code)")
            #expect(o.period.rawValue == "2022")
            #expect(o.region == "CN")
            #expect(o.attributes["INDICATOR"] == code)
            #expect(o.attributes["TITLE"]?.isEmpty == false)
        }
        // The seed's numbers are the ones in the bulletin excerpt it transcribes.
        let excerpt = try String(
            contentsOf: Paths.packageRoot.appendingPathComponent("seeds/china-2022-statistical-bulletin-excerpt.txt"),
            encoding: .utf8)
        for fragment in ["增长3.0%", "上涨2.0%", "1206万人", "平均值为5.6%", "失业率为5.5%", "68653万吨", "增加值增长3.6%"] {
            #expect(excerpt.contains(fragment), "\(fragment)")
        }
    }
}
