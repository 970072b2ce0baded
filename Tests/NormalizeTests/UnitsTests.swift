import Foundation
import Testing

@testable import Normalize

struct UnitsTests {
    static func d(_ s: String) -> Decimal { Decimal(string: s, locale: Locale(identifier: "en_US_POSIX"))! }

    /// value, from, to, expected (exact decimal text).
    static let pairs: [(String, String, String, String)] = [
        // The seed's grain target: 16.5 亿斤 = 1.65e9 斤 = 825 000 吨 = 82.5 万吨.
        ("16.5", "亿斤", "万吨", "82.5"),
        ("82.5", "万吨", "亿斤", "16.5"),
        ("1.3", "万亿斤", "万吨", "65000"),
        ("68653", "万吨", "万亿斤", "1.37306"),
        ("78.03", "万吨", "亿斤", "15.606"),
        ("1", "吨", "斤", "2000"),
        ("1", "公斤", "斤", "2"),
        ("1", "千克", "克", "1000"),
        ("3", "万斤", "吨", "15"),
        ("1", "噸", "斤", "2000"),
        ("2", "萬噸", "億斤", "0.4"),
        // Money.
        ("2951434", "万元", "亿元", "295.1434"),
        ("1.21", "万亿元", "亿元", "12100"),
        ("4000", "万元", "元", "40000000"),
        ("5", "億元", "万元", "50000"),
        ("1", "千万元", "万元", "1000"),
        ("3", "亿美元", "美元", "300000000"),
        // Area: 1 公顷 = 15 亩.
        ("1", "公顷", "亩", "15"),
        ("15", "亩", "公顷", "1"),
        ("97", "万亩", "亩", "970000"),
        ("4000", "亩", "万亩", "0.4"),
        ("1", "平方公里", "公顷", "100"),
        ("400", "万平方米", "平方米", "4000000"),
        ("1", "公頃", "畝", "15"),
        ("3", "萬畝", "公頃", "2000"),
        ("1", "顷", "亩", "100"),
        ("1", "公顷", "平方米", "10000"),
        // Length.
        ("82", "公里", "米", "82000"),
        ("1500", "米", "千米", "1.5"),
        // Counts with measure words and multipliers.
        ("1", "万个", "个", "10000"),
        ("1.2", "万家", "家", "12000"),
        ("3.5", "万户", "户", "35000"),
        ("6500", "人", "万人", "0.65"),
        ("1206", "万人", "人", "12060000"),
        ("10000", "人次", "万人次", "1"),
        ("8", "万头", "头", "80000"),
        ("400", "万羽", "羽", "4000000"),
        ("3.33", "万", "", "33300"),
        // Ratios.
        ("5", "%", "‰", "50"),
        ("8", "‰", "%", "0.8"),
        ("2.5", "个百分点", "百分点", "2.5"),
        ("95", "％", "%", "95"),
    ]

    @Test(arguments: pairs)
    func convertsExactly(_ pair: (String, String, String, String)) {
        let (value, from, to, expected) = pair
        let got = Units.convert(Self.d(value), from: from, to: to)
        #expect(got == Self.d(expected), "\(value) \(from) → \(to): \(String(describing: got))")
    }

    @Test func grainTargetIsExactNotNearly() {
        let got = Units.convert(Decimal(string: "16.5")!, from: "亿斤", to: "万吨")!
        #expect(got.description == "82.5")
        #expect(Units.convert(16.5, from: "亿斤", to: "万吨") == 82.5)
    }

    static let incompatible: [(String, String)] = [
        ("万吨", "亿元"), ("个", "家"), ("户", "人"), ("人", "人次"), ("%", "百分点"), ("亩", "吨"), ("美元", "元"),
        ("公里", "亩"), ("万元", "万人"), ("furlongs", "米"), ("吨", "块"), ("个", ""),
    ]

    @Test(arguments: incompatible)
    func refusesUnitsOfDifferentDimensions(_ pair: (String, String)) {
        #expect(Units.convert(Decimal(1), from: pair.0, to: pair.1) == nil)
        #expect(Units.convert(Decimal(1), from: pair.1, to: pair.0) == nil)
    }

    @Test func dimensions() {
        #expect(Units.dimension(of: "亿元") == .money)
        #expect(Units.dimension(of: "万吨") == .mass)
        #expect(Units.dimension(of: "公頃") == .area)
        #expect(Units.dimension(of: "公里") == .length)
        #expect(Units.dimension(of: "‰") == .ratio)
        #expect(Units.dimension(of: "个百分点") == .percentagePoints)
        #expect(Units.dimension(of: "万户") == .count("户"))
        #expect(Units.dimension(of: "万户")?.isCount == true)
        #expect(Units.dimension(of: "光年") == nil)
    }

    @Test func decimalOfDoubleIsItsShortestText() {
        #expect(Units.decimal(16.5) == Self.d("16.5"))
        #expect(Units.decimal(0.1) == Self.d("0.1"))
        #expect(Units.decimal(68653) == Self.d("68653"))
        #expect(Units.decimal(-2.5) == Self.d("-2.5"))
    }
}
