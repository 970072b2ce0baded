import BuiltinAdapters
import Foundation
import Pipeline
import TestSupport
import Testing

/// `period` as a span or a list, `regions`, and a source's `region`, `year` and `period`.
@Suite struct PanelConfigTests {
    func load(_ yaml: String) throws -> Result<PipelineConfig, ConfigError> {
        try loadPipeline(yaml, environment: [:])
    }

    func source(_ extra: String = "") -> String {
        """
        sources:
          - id: a
            adapter: open-data
            location: indicators.csv
        \(extra)
        """
    }

    @Test(
        arguments: [
            ("period: 2018..2025", Array(2018...2025), "2018..2025"),
            ("period: [2023, 2021, 2022]", [2021, 2022, 2023], "2021, 2022, 2023"),
            ("period: 2022", nil, "2022"),
        ] as [(String, [Int]?, String)])
    func periodForms(line: String, years: [Int]?, text: String) throws {
        let config = try load("pipeline: p\n\(line)\n" + source()).get()
        #expect(config.years == years)
        #expect(config.period == text)
        #expect(config.isPanel == (years != nil))
    }

    @Test(arguments: [
        ("period: 2025..2018", "runs backwards"),
        ("period: 2018..20x5", "two years joined by '..'"),
        ("period: [2021, twenty]", "'twenty' is not a year"),
        ("period: [2021, 2021]", "lists 2021 twice"),
        ("period: 1800..2025", "two years joined by '..'"),
    ])
    func badPeriodsAreNamed(line: String, fragment: String) throws {
        guard case .failure(let error) = try load("pipeline: p\n\(line)\n" + source()) else {
            Issue.record("\(line) loaded")
            return
        }
        #expect(error.problems.count == 1)
        #expect(error.problems[0].line == 2)
        #expect(error.problems[0].message.contains(fragment))
    }

    @Test func sourcesSayTheirRegionAndYear() throws {
        let config = try load(
            """
            pipeline: p
            period: 2021..2023
            regions: [柘城县, 睢县]
            sources:
              - id: a
                adapter: open-data
                location: indicators.csv
                region: 睢县
                year: 2022
              - id: b
                adapter: open-data
                location: indicators.csv
                period: 2023-01/2023-09
            """
        ).get()
        #expect(config.regions == ["柘城县", "睢县"])
        #expect(config.sources[0].region == "睢县")
        #expect(config.sources[0].period == "2022")
        #expect(config.defaultPeriod(of: config.sources[0]) == "2022")
        #expect(config.sources[1].period == "2023-01/2023-09")
        #expect(config.sources[1].region == nil)
    }

    @Test func aPanelPipelineGivesSourcesNoDefaultPeriod() throws {
        let config = try load("pipeline: p\nperiod: 2021..2023\n" + source()).get()
        #expect(config.defaultPeriod(of: config.sources[0]) == nil)
        let single = try load("pipeline: p\nperiod: 2022\n" + source()).get()
        #expect(single.defaultPeriod(of: single.sources[0]) == "2022")
    }

    @Test func aSourceRegionOutsideRegionsIsNamed() throws {
        guard
            case .failure(let error) = try load(
                """
                pipeline: p
                regions: [柘城县, 睢县]
                sources:
                  - id: a
                    adapter: open-data
                    location: indicators.csv
                    region: 睢 县
                    year: 2022
                    period: 2022
                """)
        else {
            Issue.record("loaded")
            return
        }
        let messages = error.problems.map(\.message)
        #expect(messages.contains { $0.contains("region '睢 县', which regions does not list") })
        #expect(messages.contains { $0.contains("both 'year' and 'period'") })
    }
}
