import Foundation
import GoalCheck
import IndicatorKit
import Testing

/// Goals and actuals in units the speech-text reader reads and the converter once did not know
/// (千瓦时, 万千瓦时, 户次): they are compared, not `incomparable`.
struct EnergyUnitCheckTests {
    /// goal value and unit, actual value and unit, status, actual in the goal's unit.
    static let cases: [(Double, String, Double, String, CheckStatus, Double)] = [
        (12, "亿千瓦时", 125_000, "万千瓦时", .met, 12.5),
        (12, "亿千瓦时", 118_000, "万千瓦时", .missed, 11.8),
        (50_000, "千瓦时", 6, "万千瓦时", .met, 60_000),
        (50_000, "千瓦时", 4, "万千瓦时", .missed, 40_000),
        (3, "万户次", 32_000, "户次", .met, 3.2),
    ]

    @Test(arguments: cases)
    func aGoalInOneEnergyUnitIsCheckedAgainstAnActualInAnother(
        _ c: (Double, String, Double, String, CheckStatus, Double)
    )
        throws
    {
        let goal = Entries.goal("全社会用电量", .level, .atLeast, c.0, c.1)
        let actual = Entries.observation("全社会用电量", .level, c.2, c.3)
        let r = try #require(GoalChecker(catalog: .empty).check([goal], against: [actual]).first)
        #expect(r.status == c.4)
        #expect(r.actual == c.5)
    }

    /// A unit added in a catalog file's `units:` section converts for that catalog only.
    @Test func aCatalogFileAddsAUnit() throws {
        let extra = CatalogText(
            name: "extra.yaml",
            text: """
                units:
                  - { unit: 度, dimension: energy }
                """)
        let catalog = try Catalog.load([.shipped, extra])
        #expect(catalog.units.convert(Decimal(2), from: "万度", to: "千瓦时") == 20_000)
        #expect(Units.parse("万度") == nil)
        let goal = Entries.goal("全社会用电量", .level, .atLeast, 5, "亿千瓦时")
        let actual = Entries.observation("全社会用电量", .level, 52_000, "万度")
        let withUnits = try #require(GoalChecker(catalog: catalog).check([goal], against: [actual]).first)
        #expect(withUnits.status == .met)
        #expect(withUnits.actual == 5.2)
        let without = try #require(GoalChecker(catalog: .shipped()).check([goal], against: [actual]).first)
        #expect(without.status == .incomparable)
    }

    @Test func aBadUnitInACatalogFileNamesItsLine() throws {
        let extra = CatalogText(name: "extra.yaml", text: "units:\n  - { unit: 度, dimenson: energy }\n")
        #expect {
            try Catalog.load([.shipped, extra])
        } throws: { error in
            guard let e = error as? CatalogError else { return false }
            return e.code == .unknownKey && e.message.hasPrefix("extra.yaml:2:16:")
                && e.message.contains("did you mean 'dimension'")
        }
    }
}

extension Catalog {
    fileprivate static func shipped() throws -> Catalog { try Catalog.load([.shipped]) }
}
