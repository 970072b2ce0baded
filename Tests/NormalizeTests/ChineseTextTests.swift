import Testing

@testable import Normalize

struct ChineseTextTests {
    /// Every catalog entry's traditional name folds to its simplified name with the built-in table
    /// alone, so traditional sources match even where a catalog adds no pairs of its own.
    @Test func traditionalNamesFoldWithTheBuiltInTable() {
        let unfolded = ShippedCatalog.catalog.indicators.filter {
            SubjectKey($0.nameHant).key != SubjectKey($0.nameHans).key
        }
        #expect(unfolded.isEmpty, "\(unfolded.map { "\($0.nameHant) → \(ChineseText.simplified($0.nameHant))" })")
    }

    @Test func foldsWidthAndKeepsSimplified() {
        #expect(ChineseText.simplified("國內生產總值ＧＤＰ１２") == "国内生产总值GDP12")
        #expect(ChineseText.simplified("粮食总产") == "粮食总产")
        #expect(
            ChineseText.traditionalToSimplified.values.allSatisfy { ChineseText.traditionalToSimplified[$0] == nil })
    }
}
