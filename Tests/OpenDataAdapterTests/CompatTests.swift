import Foundation
import IndicatorKit
import IndicatorKitTesting
import OpenDataAdapter
import Testing

@Suite("AdapterCompatTest")
struct CompatTests {
    @Test("CSV, long and wide, UTF-8 and GBK")
    func csv() async throws {
        let fixtures = try ["gbk.csv", "wide.csv"].map { URL(fileURLWithPath: try fixture($0)) }
        try await AdapterCompatTest(adapter: OpenDataAdapter.self, fixtures: fixtures).run()
    }

    @Test("World Bank preset")
    func worldBank() async throws {
        var test = AdapterCompatTest(
            adapter: OpenDataAdapter.self,
            fixtures: [
                packageRoot.appendingPathComponent("seeds/worldbank-china-gdp-growth.json"),
                URL(fileURLWithPath: try fixture("worldbank-fictional.json")),
            ],
            options: AdapterOptions(["preset": .string("worldbank")]))
        test.streamingCut = CompatTests.afterFirstRecord
        try await test.run()
    }

    @Test("CKAN preset")
    func ckan() async throws {
        var test = AdapterCompatTest(
            adapter: OpenDataAdapter.self, fixtures: [URL(fileURLWithPath: try fixture("ckan-datastore.json"))],
            options: AdapterOptions(["preset": .string("ckan")]))
        test.streamingCut = CompatTests.afterFirstRecord
        try await test.run()
    }

    @Test("SDMX-JSON 2.0, structure first, streamed by series")
    func sdmx() async throws {
        let path = packageRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/data/sdmx/khaeru__sdmx-test-data/v3/json/data/exr-time-series.json")
        var test = AdapterCompatTest(
            adapter: OpenDataAdapter.self, fixtures: [path],
            options: AdapterOptions(["format": .string("sdmx-json"), "columns": .map(["unit": .string("CURRENCY")])]))
        // Just after the first series closes.
        test.streamingCut = { data in
            let text = String(decoding: data, as: UTF8.self)
            guard let marker = text.range(of: "\"observations\""),
                let observationsEnd = text[marker.upperBound...].range(of: "}"),
                let seriesEnd = text[observationsEnd.upperBound...].range(of: "}")
            else { return nil }
            return text.utf8.distance(from: text.startIndex, to: seriesEnd.upperBound)
        }
        try await test.run()
    }

    /// Cuts a JSON fixture just after the first record object closes (`}` followed by `,`).
    static let afterFirstRecord: @Sendable (Data) -> Int? = { data in
        let bytes = [UInt8](data)
        guard
            let records = bytes.firstIndex(of: UInt8(ascii: "[")).flatMap({ first in
                bytes[(first + 1)...].firstIndex(of: UInt8(ascii: "["))
            })
        else { return nil }
        var depth = 0
        var i = records + 1
        var inString = false
        while i < bytes.count {
            let b = bytes[i]
            if inString {
                if b == UInt8(ascii: "\\") { i += 1 } else if b == UInt8(ascii: "\"") { inString = false }
            } else if b == UInt8(ascii: "\"") {
                inString = true
            } else if b == UInt8(ascii: "{") {
                depth += 1
            } else if b == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 { return i + 1 }
            }
            i += 1
        }
        return nil
    }
}
