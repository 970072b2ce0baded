import Foundation
import Testing

/// A target document (a work report in traditional script with a plan list and a target table) and
/// an outcome document (a bulletin in simplified script, PDF-spaced, with a pinyin gloss, 持平 and
/// an aligned table), run through a pipeline: each goal gets the verdict its actual deserves.
@Suite struct TargetOutcomePairTests {
    @Test func publishedTargetsAndOutcomesGiveTheRightVerdicts() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try folder.copyFixture("pair-targets-2023.txt")
        try folder.copyFixture("pair-outcomes-2023.txt")
        try folder.write(
            "pair.yaml",
            """
            pipeline: qinghe-2023
            title: 青禾县 2023 年目标核查
            region: 青禾县
            period: 2023
            sources:
              - id: report
                adapter: speech-text
                location: pair-targets-2023.txt
                options: { mode: goals }
              - id: bulletin
                adapter: speech-text
                location: pair-outcomes-2023.txt
                options: { mode: observations }
            goals:
              sources: [report]

            """)
        let result = try yardstick(
            [
                "run", folder.file("pair.yaml"), "--format", "json", "--db", folder.file("db.sqlite"), "--report-dir",
                folder.file("reports"),
            ])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
            "stdout: \(result.stdout)")
        let results = try #require(document["results"] as? [[String: Any]])
        let expected: [(String, String, Double, Double)] = [
            ("gdp", "missed", 6.5, 5.4),
            ("public_budget_revenue", "met", 8, 8.6),
            ("urban_new_jobs", "met", 6000, 6350),
            ("industrial_va", "met", 7, 7.4),
            ("retail_sales", "missed", 8, 4.4),
            ("fixed_asset_investment", "missed", 10, 0),
        ]
        let verdicts = results.map { r in
            "\(r["indicator"] as? String ?? "?") \(r["status"] as? String ?? "?") \(r["target"] as? Double ?? .nan) \(r["actual"] as? Double ?? .nan)"
        }
        #expect(results.count == expected.count, "\(verdicts)")
        for (indicator, status, target, actual) in expected {
            let r = try #require(
                results.first { $0["indicator"] as? String == indicator }, "no \(indicator): \(verdicts)")
            #expect(r["status"] as? String == status, "\(indicator): \(verdicts)")
            #expect(r["target"] as? Double == target, "\(indicator)")
            #expect(r["actual"] as? Double == actual, "\(indicator)")
        }
        // The table goal points at its row and cell.
        let industry = try #require(results.first { $0["indicator"] as? String == "industrial_va" })
        let goal = try #require(industry["goal"] as? [String: Any])
        let provenance = try #require(goal["provenance"] as? [String: Any])
        #expect(provenance["row"] as? Int == 1)
        #expect(provenance["cell"] as? Int == 2)
    }
}
