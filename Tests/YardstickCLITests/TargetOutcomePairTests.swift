import Foundation
import TestSupport
import Testing

/// A target document (a work report in traditional script with a plan list and a target table) and
/// an outcome document (a bulletin in simplified script, PDF-spaced, with a pinyin gloss, 持平 and
/// an aligned table), run through a pipeline: each goal gets the verdict its actual deserves.
@Suite struct TargetOutcomePairTests {
    @Test func publishedTargetsAndOutcomesGiveTheRightVerdicts() throws {
        let results = try runSpeechPair(
            file: "pair.yaml", id: "qinghe-2023", title: "青禾县 2023 年目标核查",
            targets: "pair-targets-2023.txt", outcomes: "pair-outcomes-2023.txt")
        try expectVerdicts(
            results, by: "indicator",
            [
                ("gdp", "missed", 6.5, 5.4),
                ("public_budget_revenue", "met", 8, 8.6),
                ("urban_new_jobs", "met", 6000, 6350),
                ("industrial_va", "met", 7, 7.4),
                ("retail_sales", "missed", 8, 4.4),
                ("fixed_asset_investment", "missed", 10, 0),
            ])
        // The table goal points at its row and cell.
        let industry = try #require(results.first { $0["indicator"] as? String == "industrial_va" })
        let goal = try #require(industry["goal"] as? [String: Any])
        let provenance = try #require(goal["provenance"] as? [String: Any])
        #expect(provenance["row"] as? Int == 1)
        #expect(provenance["cell"] as? Int == 2)
    }
}
