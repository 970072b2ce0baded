import Foundation
import TestSupport
import Testing

/// A target document with goals in 亿千瓦时, 千瓦时 and 万户次 and a bulletin reporting them in
/// 万千瓦时 and 户次, run through `yardstick run`: each goal is met or missed, none incomparable.
@Suite struct EnergyUnitPairTests {
    @Test func goalsInOneEnergyUnitAreCheckedAgainstActualsInAnother() throws {
        let results = try runSpeechPair(
            file: "energy.yaml", id: "qinghe-energy-2023", title: "青禾县 2023 年用电目标核查",
            targets: "energy-targets-2023.txt", outcomes: "energy-outcomes-2023.txt")
        // subject, status, target, actual in the goal's unit.
        try expectVerdicts(
            results, by: "subject",
            [
                ("全社会用电量", "met", 12, 12.5),
                ("新能源发电量", "missed", 50000, 40000),
                ("电动汽车充电服务", "met", 3, 3.2),
            ])
    }

    /// A unit a pipeline adds in its catalog file's `units:` section (度) converts for that
    /// pipeline; a bad entry there stops the run with exit code 2 naming the file, line and column.
    @Test func aUnitAddedInAPipelinesCatalogFileIsChecked() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try folder.copyFixture("energy-targets-2023.txt")
        try folder.write("power.csv", "subject,period,value,unit\n全社会用电量,2023,130000,万度\n")
        try folder.write("energy-units.yaml", "units:\n  - { unit: 度, dimension: energy }\n")
        func pipeline(catalog: String) -> String {
            """
            pipeline: qinghe-energy-2023
            region: 青禾县
            period: 2023
            catalog: [\(catalog)]
            sources:
              - id: report
                adapter: speech-text
                location: energy-targets-2023.txt
                options: { mode: goals }
              - id: portal
                adapter: open-data
                location: power.csv
                options: { format: csv }
            goals:
              sources: [report]

            """
        }
        try folder.write("energy.yaml", pipeline(catalog: "energy-units.yaml"))
        let results = try runScorecard(folder.file("energy.yaml"), in: folder).results
        let power = try #require(results.first { $0["subject"] as? String == "全社会用电量" }, "\(results)")
        #expect(power["status"] as? String == "met")
        #expect(power["actual"] as? Double == 13)

        try folder.write("bad-units.yaml", "units:\n  - { unit: 度, dimension: energy, factor: one }\n")
        try folder.write("bad.yaml", pipeline(catalog: "bad-units.yaml"))
        let bad = try yardstick(["run", folder.file("bad.yaml"), "--db", folder.file("bad.sqlite")])
        #expect(bad.status == 2, "\(bad.stderr)")
        #expect(
            bad.stderr.contains("bad-units.yaml:2:43: factor 'one' of '度' must be a positive number"), "\(bad.stderr)")
    }
}
