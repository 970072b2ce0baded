import Foundation
import IndicatorKit
import Testing

@testable import Normalize
@testable import Vocabulary

/// catalog/units.yaml, reached from this file's path.
enum ShippedVocabulary {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let path = root.appendingPathComponent("catalog/units.yaml").path
}

/// The shipped vocabulary and the file format's errors.
struct VocabularyTests {
    @Test func theCompiledInVocabularyIsTheShippedFile() throws {
        let file = try String(contentsOfFile: ShippedVocabulary.path, encoding: .utf8)
        #expect(
            BuiltInVocabulary.text == file,
            "Sources/Vocabulary/BuiltInVocabulary.swift is out of date: run bash scripts/embed-vocabulary.sh")
        let parsed = try Vocabulary.parse(yaml: file, file: "catalog/units.yaml")
        #expect(parsed.units.map(\.unit) == Vocabulary.shipped.units.map(\.unit))
    }

    @Test func theShippedVocabularyHasEverySection() throws {
        let v = Vocabulary.shipped
        #expect(v.unitsByWord["千瓦时"]?.dimension == "energy")
        #expect(v.unitsByWord["户次"]?.dimension == "count")
        #expect(v.unitsByWord["亩"]?.factor == 10_000)
        #expect(v.unitsByWord["千伏"]?.reading == .qualifier)
        #expect(v.multipliers.first { $0.word == "亿" }?.factor == 100_000_000)
        #expect(v.comparators.contains { $0.word == "以上" && $0.comparator == .atLeast && $0.position == .after })
        #expect(v.comparators.contains { $0.word == "不低于" && $0.comparator == .atLeast && $0.position == .before })
        #expect(v.cue("growth").contains("增长"))
        #expect(v.cue("leading-noise").contains("新建"))
        #expect(v.cue("leading-noise").contains("累计"))
        #expect(v.foldingMap[("萬" as Unicode.Scalar).value] == ("万" as Unicode.Scalar).value)
        #expect(v.unitCodes["PCT"] == "%")
    }

    /// Adding a comparator word is one data line.
    @Test func aComparatorWordIsOneDataLine() throws {
        let extra = try Vocabulary.parse(
            yaml: "comparators:\n  - { word: 确保达到, means: \">=\", position: before }\n", file: "extra.yaml")
        let v = Vocabulary.shipped.adding(extra)
        #expect(!Vocabulary.shipped.comparators.contains { $0.word == "确保达到" })
        let word = try #require(v.comparators.first { $0.word == "确保达到" })
        #expect(word.comparator == .atLeast)
        #expect(word.position == .before)
        #expect(word.inText)
        #expect(v.comparators.count == Vocabulary.shipped.comparators.count + 1)
    }

    /// A later unit with the same word replaces the earlier one.
    @Test func aLaterUnitReplacesAnEarlierOne() throws {
        let extra = try Vocabulary.parse(
            yaml: "units:\n  - { unit: 斤, dimension: mass, factor: 600 }\n", file: "x.yaml")
        let v = Vocabulary.shipped.adding(extra)
        #expect(v.units.filter { $0.unit == "斤" }.count == 1)
        #expect(UnitTable(v).convert(1, from: "斤", to: "克") == 600)
        #expect(UnitTable.shipped.convert(1, from: "斤", to: "克") == 500)
    }

    /// text, error code, expected "FILE:LINE:COLUMN: …" prefix, a word the fix names.
    static let badFiles: [(String, VocabularyError.Code, String, String)] = [
        ("units:\n  - { unit: 千瓦时, dimenson: energy }\n", .unknownKey, "bad.yaml:2:18:", "did you mean 'dimension'"),
        ("units:\n  - { unit: 千瓦时 }\n", .missingKey, "bad.yaml:2:5:", "no 'dimension'"),
        ("units:\n  - { unit: 千瓦时, dimension: Energy }\n", .invalidValue, "bad.yaml:2:29:", "lower-case"),
        (
            "units:\n  - { unit: 千瓦时, dimension: energy, factor: -1 }\n", .invalidValue, "bad.yaml:2:45:",
            "positive number"
        ),
        (
            "units:\n  - { unit: 千瓦时, dimension: energy, factor: ten }\n", .invalidValue, "bad.yaml:2:45:",
            "positive number"
        ),
        ("units:\n  - { unit: 千瓦时, dimension: energy, read: watts }\n", .invalidValue, "bad.yaml:2:43:", "physical"),
        (
            "units:\n  - { unit: 千瓦时, dimension: energy, in-text: maybe }\n", .invalidValue, "bad.yaml:2:46:",
            "true or false"
        ),
        (
            "units:\n  - { unit: 度, dimension: energy }\n  - { unit: 度, dimension: angle }\n", .duplicate,
            "bad.yaml:3:5:",
            "already given at line 2"
        ),
        ("units: 千瓦时\n", .invalidValue, "bad.yaml:1:8:", "must be a list"),
        (
            "comparators:\n  - { word: 确保达到, means: at-least, position: before }\n", .invalidValue, "bad.yaml:2:26:",
            ">="
        ),
        (
            "comparators:\n  - { word: 确保达到, means: \">=\", position: front }\n", .invalidValue, "bad.yaml:2:42:",
            "before"
        ),
        ("multipliers:\n  - { word: 兆 }\n", .missingKey, "bad.yaml:2:5:", "no 'factor'"),
        ("folding: 國国 內\n", .invalidValue, "bad.yaml:1:10:", "'內'"),
        ("unitz:\n  - { unit: 度, dimension: energy }\n", .unknownKey, "bad.yaml:1:1:", "did you mean 'units'"),
        ("units:\n  - { unit: 度, dimension: energy\n", .malformed, "bad.yaml:3:", "not valid YAML"),
    ]

    @Test(arguments: badFiles)
    func aBadEntryNamesItsFileLineAndColumn(_ c: (String, VocabularyError.Code, String, String)) throws {
        do {
            _ = try Vocabulary.parse(yaml: c.0, file: "bad.yaml")
            Issue.record("accepted \(c.0)")
        } catch let error as VocabularyError {
            #expect(error.code == c.1, "\(error.message)")
            #expect(error.message.hasPrefix(c.2), "\(error.message)")
            #expect(error.message.contains(c.3), "\(error.message)")
        }
    }
}
