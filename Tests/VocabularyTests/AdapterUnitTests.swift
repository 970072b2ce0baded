import Foundation
import IndicatorKit
import Testing

@testable import Normalize
@testable import OpenDataAdapter
@testable import SpeechTextAdapter
@testable import Vocabulary

/// Every unit an adapter can emit is one `Units.parse` knows, so no goal is `incomparable` merely
/// because the reader and the converter disagree on a unit's name.
struct AdapterUnitTests {
    /// The units the speech-text reader can write: each base unit alone and after each multiplier,
    /// each bare multiplier, %, ‰ and 百分点 (what `FigureScanner.unitText` writes for ratios).
    static var speechTextUnits: [String] {
        let bases = Lexicon.units.filter { $0.1 != .qualifier }.map { LineText.string($0.0) }
        let multipliers = Lexicon.multipliers.map(LineText.string)
        var all = bases + ["%", "‰", "百分点"] + Lexicon.bareMultipliers.map(LineText.string)
        for m in multipliers {
            for b in bases where Lexicon.units.first(where: { LineText.string($0.0) == b })?.1.isRatio == false {
                all.append(m + b)
            }
        }
        return all
    }

    @Test func everyUnitTheSpeechTextReaderCanEmitConverts() throws {
        let units = Self.speechTextUnits
        #expect(units.count > 500)
        let unknown = units.filter { Units.parse($0) == nil }
        #expect(unknown.isEmpty, "Units.parse does not know \(unknown); add them to catalog/units.yaml")
        for u in units {
            #expect(Units.convert(Decimal(1), from: u, to: u) == 1, "\(u)")
        }
    }

    /// The words that drifted apart before the vocabulary was one file.
    @Test(arguments: ["千瓦时", "万千瓦时", "亿千瓦时", "户次", "万户次", "万千瓦", "标箱", "万标箱", "吨标准煤", "万吨标准煤"])
    func aUnitTheReaderReadsIsOneTheConverterKnows(_ unit: String) throws {
        #expect(Lexicon.units.contains { unit.hasSuffix(LineText.string($0.0)) })
        #expect(Units.parse(unit) != nil)
    }

    @Test func tenThousandKilowattHoursAreTenThousandKilowattHours() throws {
        #expect(Units.convert(Decimal(12), from: "亿千瓦时", to: "万千瓦时") == 120_000)
        #expect(Units.convert(Decimal(3), from: "万千瓦时", to: "千瓦时") == 30_000)
        #expect(Units.convert(Decimal(1), from: "兆瓦", to: "千瓦") == 1000)
        #expect(Units.convert(Decimal(1), from: "千瓦时", to: "千瓦") == nil)
        #expect(Units.convert(Decimal(1), from: "户次", to: "户") == nil)
    }

    /// Unit codes (SDMX UNIT_MEASURE, which the xml-bulletin and open-data SDMX readers pass on as
    /// written) each name a unit the converter knows.
    @Test func everyUnitCodeNamesAKnownUnit() throws {
        for (code, unit) in Vocabulary.shipped.unitCodes {
            #expect(Units.parse(unit) != nil, "\(code) → \(unit)")
            #expect(Units.parse(code) != nil, "\(code)")
        }
    }

    /// The open-data reader's comparator words are the vocabulary's, in both positions.
    @Test func theOpenDataComparatorWordsAreTheVocabularys() throws {
        for w in Vocabulary.shipped.comparators {
            #expect(OpenDataAdapter.comparatorWords[w.word] != nil, "\(w.word)")
        }
        #expect(OpenDataAdapter.comparatorWords["不低于"] == .atLeast)
        #expect(OpenDataAdapter.comparatorWords["左右"] == .about)
        #expect(OpenDataAdapter.comparatorWords["≈"] == .about)
    }

    /// The speech-text reader folds with the same table as Normalize.
    @Test func theReaderAndNormalizeFoldAlike() throws {
        for pair in Vocabulary.shipped.folding {
            #expect(Lexicon.normalize(pair.traditional.value) == pair.simplified.value, "\(pair.traditional)")
            #expect(
                ChineseText.simplified(String(Character(pair.traditional))) == String(Character(pair.simplified)),
                "\(pair.traditional)")
        }
    }
}
