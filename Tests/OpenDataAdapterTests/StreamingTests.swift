import Foundation
import IndicatorKit
import IndicatorKitTesting
import OpenDataAdapter
import Testing

/// Feeds an input through a FIFO in two parts and reports whether a record reached the sink
/// before the second part was written.
func recordArrivesBeforeEnd(first: String, second: String, options: [String: OptionValue], fileName: String)
    async throws
    -> (early: Bool, records: [SourceRecord])
{
    try await PipeFeed.read(
        try OpenDataAdapter(options: AdapterOptions(options)), first: Data(first.utf8), second: Data(second.utf8),
        fileName: fileName, wait: 5)
}

@Suite("Streaming through a FIFO")
struct StreamingTests {
    @Test("CSV rows are emitted before the input ends")
    func csv() async throws {
        let result = try await recordArrivesBeforeEnd(
            first: "指标,年份,数值\n地区生产总值,2022,120.3\n", second: "粮食产量,2022,98.5\n", options: [:], fileName: "a.csv")
        #expect(result.early)
        #expect(result.records.count == 2)
    }

    @Test("JSON records at a pointer are emitted before the input ends")
    func json() async throws {
        let result = try await recordArrivesBeforeEnd(
            first: "{\"rows\": [{\"subject\": \"地区生产总值\", \"period\": \"2022\", \"value\": 120.3},",
            second: " {\"subject\": \"粮食产量\", \"period\": \"2022\", \"value\": 98.5}]}",
            options: ["format": .string("json"), "pointer": .string("/rows")], fileName: "a.json")
        #expect(result.early)
        #expect(result.records.map { $0.quantity.value } == [120.3, 98.5])
    }
}

@Suite("Streaming SDMX-JSON through a FIFO")
struct SDMXStreamingTests {
    @Test("series are emitted before the input ends when the structure comes first")
    func sdmx() async throws {
        let path = packageRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/data/sdmx/khaeru__sdmx-test-data/v3/json/data/exr-time-series.json").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // Cut just after the first series closes (its observations' brace, then its own).
        let marker = try #require(text.range(of: "\"observations\""))
        let observationsEnd = try #require(text[marker.upperBound...].range(of: "}"))
        let seriesEnd = try #require(text[observationsEnd.upperBound...].range(of: "}"))
        let cut = seriesEnd.upperBound
        let result = try await recordArrivesBeforeEnd(
            first: String(text[..<cut]), second: String(text[cut...]), options: ["format": .string("sdmx-json")],
            fileName: "exr.json")
        #expect(result.early)
        #expect(result.records.count == 4)
    }
}
