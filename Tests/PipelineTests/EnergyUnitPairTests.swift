import Foundation
import Testing

/// A target document with goals in 亿千瓦时, 千瓦时 and 万户次 and a bulletin reporting them in
/// 万千瓦时 and 户次, run through `yardstick run`: each goal is met or missed, none incomparable.
@Suite struct EnergyUnitPairTests {
    @Test func goalsInOneEnergyUnitAreCheckedAgainstActualsInAnother() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try folder.copyFixture("energy-targets-2023.txt")
        try folder.copyFixture("energy-outcomes-2023.txt")
        try folder.write(
            "energy.yaml",
            """
            pipeline: qinghe-energy-2023
            title: 青禾县 2023 年用电目标核查
            region: 青禾县
            period: 2023
            sources:
              - id: report
                adapter: speech-text
                location: energy-targets-2023.txt
                options: { mode: goals }
              - id: bulletin
                adapter: speech-text
                location: energy-outcomes-2023.txt
                options: { mode: observations }
            goals:
              sources: [report]

            """)
        let result = try yardstick(
            ["run", folder.file("energy.yaml"), "--format", "json", "--db", folder.file("db.sqlite"), "--report-dir",
             folder.file("reports")])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "stdout: \(result.stdout)")
        let results = try #require(document["results"] as? [[String: Any]])
        let verdicts = results.map { r in
            "\(r["subject"] as? String ?? "?") \(r["status"] as? String ?? "?") \(r["target"] as? Double ?? .nan) \(r["actual"] as? Double ?? .nan)"
        }
        // subject, status, target, actual in the goal's unit.
        let expected: [(String, String, Double, Double)] = [
            ("全社会用电量", "met", 12, 12.5),
            ("新能源发电量", "missed", 50000, 40000),
            ("电动汽车充电服务", "met", 3, 3.2),
        ]
        #expect(results.count == expected.count, "\(verdicts)")
        for (subject, status, target, actual) in expected {
            let r = try #require(results.first { $0["subject"] as? String == subject }, "no \(subject): \(verdicts)")
            #expect(r["status"] as? String == status, "\(subject): \(verdicts)")
            #expect(r["target"] as? Double == target, "\(subject): \(verdicts)")
            #expect(r["actual"] as? Double == actual, "\(subject): \(verdicts)")
        }
    }
}
