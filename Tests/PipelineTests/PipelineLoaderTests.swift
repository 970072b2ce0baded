import BuiltinAdapters
import Foundation
import Pipeline
import TestSupport
import Testing

@Suite struct PipelineLoaderTests {
    func problems(_ yaml: String, environment: [String: String] = [:]) throws -> [ConfigProblem] {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try folder.copyFixture("indicators.csv")
        let path = try folder.write("p.yaml", yaml)
        do {
            _ = try PipelineLoader(registry: builtinAdapters, environment: environment).load(path: path)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func misspelledKeyIsReportedWithPlaceAndSuggestion() throws {
        let found = try problems(
            """
            pipeline: p
            sources:
              - id: a
                adapter: open-data
                location: indicators.csv
            reprot:
              formats: [json]
            """)
        #expect(found.count == 1)
        #expect(found[0].line == 6)
        #expect(found[0].column == 1)
        #expect(found[0].message.contains("'reprot'"))
        #expect(found[0].message.contains("did you mean 'report'"))
        #expect(found[0].description.hasSuffix("p.yaml:6:1: " + found[0].message))
    }

    @Test func everyProblemIsReported() throws {
        let found = try problems(
            """
            sources:
              - id: a
                adapter: open-dat
                location: missing.csv
              - id: a
                adapter: open-data
                location: indicators.csv
                options: { delimitr: ";" }
                timeout: 3
            goals:
              sources: [speech]
              tolerance: { growth: lots }
            """)
        let messages = found.map(\.message)
        #expect(messages.contains { $0.contains("missing key 'pipeline'") })
        #expect(
            messages.contains { $0.contains("unknown adapter 'open-dat'") && $0.contains("did you mean 'open-data'") })
        #expect(messages.contains { $0.contains("'missing.csv' does not exist") })
        #expect(messages.contains { $0.contains("duplicate source id 'a'") })
        #expect(
            messages.contains { $0.contains("unknown option 'delimitr'") && $0.contains("did you mean 'delimiter'") })
        #expect(
            messages.contains { $0.contains("'timeout' is for adapter: exec") && $0.contains("reads a local file") })
        #expect(messages.contains { $0.contains("goals.sources names 'speech'") })
        #expect(messages.contains { $0.contains("goals.tolerance.growth must be a number") })
        let optionProblem = try #require(found.first { $0.message.contains("delimitr") })
        #expect(optionProblem.line == 8)
    }

    @Test func environmentVariablesAreSubstituted() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try folder.copyFixture("indicators.csv")
        let path = try folder.write(
            "p.yaml",
            """
            pipeline: env-${STAGE:-dev}
            region: ${REGION}
            sources:
              - id: a
                adapter: open-data
                location: ${DATA_FILE:-indicators.csv}
            """)
        let config = try PipelineLoader(registry: builtinAdapters, environment: ["REGION": "柘城县"]).load(path: path)
        #expect(config.id == "env-dev")
        #expect(config.region == "柘城县")
        #expect(config.sources[0].location == folder.file("indicators.csv"))
        #expect(throws: ConfigError.self) {
            _ = try PipelineLoader(registry: builtinAdapters, environment: [:]).load(path: path)
        }
        let missing = try problems(
            "pipeline: p\nregion: ${REGION}\nsources:\n  - id: a\n    adapter: open-data\n    location: indicators.csv\n"
        )
        #expect(missing.count == 1)
        #expect(missing[0].message.contains("environment variable REGION is not set"))
        #expect(missing[0].line == 2)
    }

    @Test func malformedYAMLNamesTheLine() throws {
        let found = try problems("pipeline: p\nsources:\n  - id: a\n   adapter: [unclosed\n")
        #expect(found.count == 1)
        #expect(found[0].message.contains("not valid YAML"))
        #expect(found[0].line >= 3)
    }

    @Test func bundledPipelinesValidate() throws {
        let folder = (Package.root as NSString).appendingPathComponent("pipelines")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }
        #expect(!files.isEmpty)
        for f in files {
            let path = (folder as NSString).appendingPathComponent(f)
            #expect(throws: Never.self) { _ = try PipelineLoader(registry: builtinAdapters).load(path: path) }
        }
    }
}
