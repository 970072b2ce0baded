import BuiltinAdapters
import Fetch
import Foundation
import Pipeline
import TestSupport
import Testing

/// The source keys that bound what a source may do: follow-redirects, max-body-size, on-empty,
/// timeout on http(s) sources, and source ids that are printable and unique.
@Suite struct SourceBoundsLoaderTests {
    func load(_ yaml: String) throws -> Result<PipelineConfig, ConfigError> {
        try loadPipeline(yaml)
    }

    @Test func httpSourcesTakeTimeoutRedirectsBodySizeAndOnEmpty() throws {
        let config = try load(
            """
            pipeline: p
            sources:
              - id: portal
                adapter: open-data
                location: https://data.example.gov.cn/a.csv
                timeout: 45
                follow-redirects: [cdn.example.gov.cn, Data2.example.gov.cn]
                max-body-size: 500MB
                on-empty: keep
              - id: any
                adapter: open-data
                location: https://data.example.gov.cn/b.csv
                follow-redirects: any
              - id: local
                adapter: open-data
                location: indicators.csv
            """
        ).get()
        let portal = config.sources[0]
        #expect(portal.timeout == 45)
        #expect(portal.followRedirects == .hosts(["cdn.example.gov.cn", "data2.example.gov.cn"]))
        #expect(portal.maxBodyBytes == Int64(500 << 20))
        #expect(portal.onEmpty == .keep)
        #expect(config.sources[1].followRedirects == .any)
        #expect(config.sources[2].followRedirects == .sameOrigin)
        #expect(config.sources[2].onEmpty == .fail)
        #expect(config.sources[2].maxBodyBytes == nil)
    }

    @Test func badValuesNameTheLineAndTheFix() throws {
        guard
            case .failure(let error) = try load(
                """
                pipeline: p
                sources:
                  - id: portal
                    adapter: open-data
                    location: https://data.example.gov.cn/a.csv
                    follow-redirects: everywhere
                    max-body-size: lots
                    on-empty: kep
                  - id: local
                    adapter: open-data
                    location: indicators.csv
                    timeout: 5
                    follow-redirects: any
                """)
        else {
            Issue.record("expected problems")
            return
        }
        let problems = error.problems
        #expect(problems.contains { $0.line == 6 && $0.message.contains("follow-redirects must be same-host") })
        #expect(problems.contains { $0.line == 7 && $0.message.contains("max-body-size must be a size like 500MB") })
        #expect(problems.contains { $0.line == 8 && $0.message.contains("did you mean 'keep'") })
        #expect(problems.contains { $0.line == 12 && $0.message.contains("reads a local file") })
        #expect(problems.contains { $0.line == 13 && $0.message.contains("only to http(s) locations") })
    }

    @Test(arguments: ["a\\0b", "a\\x1B[31mred", "tab\\there", "zero\\u200Bwidth"])
    func sourceIDsWithControlCharactersAreRefusedAndNeverEchoedRaw(id: String) throws {
        guard
            case .failure(let error) = try load(
                """
                pipeline: p
                sources:
                  - id: ok
                    adapter: open-data
                    location: indicators.csv
                  - id: "\(id)"
                    adapter: open-data
                    location: indicators.csv
                """)
        else {
            Issue.record("expected a problem for id \(id)")
            return
        }
        let problem = try #require(error.problems.first { $0.message.contains("printable") })
        #expect(problem.line == 6)
        let text = error.description
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!text.unicodeScalars.contains { $0 == "\u{200B}" || $0 == "\u{1B}" })
        #expect(text.contains("\\u{"))
    }

    @Test func idsThatTheStoreWouldFoldTogetherAreDuplicates() throws {
        // Before ids had to be printable, "a\0b" and "a\0c" were both stored as "a".
        guard
            case .failure(let error) = try load(
                """
                pipeline: p
                sources:
                  - id: "a\\0b"
                    adapter: open-data
                    location: indicators.csv
                  - id: "a\\0c"
                    adapter: open-data
                    location: indicators.csv
                """)
        else {
            Issue.record("expected problems")
            return
        }
        #expect(error.problems.filter { $0.message.contains("printable") }.map(\.line) == [3, 6])
    }
}
