import BuiltinAdapters
import Foundation
import Pipeline
import TestSupport
import Testing

/// The pipeline keys for run limits (`run-timeout`, `stop-grace`) and exec output limits
/// (`max-line-bytes`, `max-output-bytes`): read when valid, reported with their place when not.
@Suite struct RunLimitKeysTests {
    func load(_ yaml: String) throws -> (config: PipelineConfig?, problems: [ConfigProblem]) {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try folder.copyFixture("indicators.csv")
        let path = try folder.write("p.yaml", yaml)
        do {
            return (try PipelineLoader(registry: builtinAdapters).load(path: path), [])
        } catch {
            return (nil, error.problems)
        }
    }

    @Test func validLimitsAreRead() throws {
        let result = try load(
            """
            pipeline: p
            run-timeout: 3600
            stop-grace: 10
            sources:
              - id: tool
                adapter: exec
                command: ["python3", "tool.py"]
                max-line-bytes: 1000
                max-output-bytes: 5000000
            """)
        let config = try #require(result.config, "\(result.problems)")
        #expect(config.runTimeout == 3600)
        #expect(config.stopGrace == 10)
        #expect(config.sources[0].maxLineBytes == 1000)
        #expect(config.sources[0].maxOutputBytes == 5_000_000)
    }

    @Test func badLimitsAreReportedWithTheirPlace() throws {
        let result = try load(
            """
            pipeline: p
            run-timeout: 0
            sources:
              - id: table
                adapter: open-data
                location: indicators.csv
                max-output-bytes: 100
              - id: tool
                adapter: exec
                command: ["python3", "tool.py"]
                max-line-bytes: 1.5
            """)
        #expect(result.config == nil, "bad limits were accepted")
        let problems = result.problems
        #expect(problems.map(\.line).sorted() == [2, 7, 11], "\(problems)")
        #expect(problems.contains { $0.message.contains("run-timeout must be a number of seconds above 0") })
        #expect(problems.contains { $0.message.contains("'max-output-bytes' is only for adapter: exec") })
        #expect(problems.contains { $0.message.contains("max-line-bytes must be a whole number of bytes") })
    }
}
