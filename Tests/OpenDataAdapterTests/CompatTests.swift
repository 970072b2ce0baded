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
        try await Self.run(
            [
                packageRoot.appendingPathComponent("seeds/worldbank-china-gdp-growth.json"),
                URL(fileURLWithPath: try fixture("worldbank-fictional.json")),
            ], ["preset": .string("worldbank")],
            cut: CompatTests.afterFirstRecord)
    }

    @Test("CKAN preset")
    func ckan() async throws {
        try await Self.run(
            [URL(fileURLWithPath: try fixture("ckan-datastore.json"))], ["preset": .string("ckan")],
            cut: CompatTests.afterFirstRecord)
    }

    @Test("SDMX-JSON 2.0, structure first, streamed by series")
    func sdmx() async throws {
        let path = packageRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/data/sdmx/khaeru__sdmx-test-data/v3/json/data/exr-time-series.json")
        // Just after the first series closes.
        try await Self.run(
            [path], ["format": .string("sdmx-json"), "columns": .map(["unit": .string("CURRENCY")])],
            cut: { data in
                let text = String(decoding: data, as: UTF8.self)
                guard let marker = text.range(of: "\"observations\""),
                    let observationsEnd = text[marker.upperBound...].range(of: "}"),
                    let seriesEnd = text[observationsEnd.upperBound...].range(of: "}")
                else { return nil }
                return text.utf8.distance(from: text.startIndex, to: seriesEnd.upperBound)
            })
    }

    @Test("NBS easyquery preset: cells wait for wdnodes and go out when it is read")
    func nbs() async throws {
        try await Self.run(
            ["nbs-hgyd-A020101-2024.json", "nbs-hgyd-A0D01-202201.json", "nbs-fsnd-A010101-110000-2023.json"]
                .map { URL(fileURLWithPath: seed($0)) }, ["preset": .string("nbs")],
            cut: CompatTests.beforeLastBrace)
    }

    @Test("JSON-stat preset: values before and after the dimensions")
    func jsonStat() async throws {
        try await Self.run(
            ["jsonstat-canada.json", "jsonstat-oecd.json"].map { URL(fileURLWithPath: seed($0)) },
            ["preset": .string("jsonstat")],
            cut: CompatTests.beforeLastBrace)
    }

    @Test("SDMX-CSV preset: 1.0 and 2.0, codes and labels")
    func sdmxCSV() async throws {
        // The samples carry no UNIT_MEASURE (hence `unit`); the 2.0 samples have two rows: cut after the first.
        try await Self.run(
            [
                "sdmx-csv-1.0-bis-der.csv", "sdmx-csv-2.0-example-01.csv", "sdmx-csv-2.0-labels-example-04.csv",
            ].map { URL(fileURLWithPath: seed($0)) }, ["preset": .string("sdmx-csv"), "unit": .string("units")],
            cut: { data in
                let bytes = [UInt8](data)
                let lines = bytes.indices.filter { bytes[$0] == 0x0A }
                return lines.count > 4
                    ? AdapterCompatTest.lastNewlineBeforeTwoThirds(data) : lines.count >= 2 ? lines[1] + 1 : nil
            })
    }

    @Test("PX-Web preset: the API's JSON and .px files")
    func pxweb() async throws {
        try await Self.run(
            ["pxweb-ssb-migration.json", "px-ine-27067.px"].map { URL(fileURLWithPath: seed($0)) },
            ["preset": .string("pxweb"), "unit": .string("persons")],
            cut: { data in data.count * 2 / 3 })
    }

    /// Runs the compatibility test on `fixtures`, read with `options`, streamed in two parts cut by `cut`.
    static func run(
        _ fixtures: [URL], _ options: [String: OptionValue], cut: @escaping @Sendable (Data) -> Int?
    ) async throws {
        var test = AdapterCompatTest(
            adapter: OpenDataAdapter.self, fixtures: fixtures, options: AdapterOptions(options))
        test.streamingCut = cut
        try await test.run()
    }

    /// Cuts a JSON document just before its closing brace: everything but the end has arrived.
    static let beforeLastBrace: @Sendable (Data) -> Int? = { data in
        [UInt8](data).lastIndex(of: UInt8(ascii: "}"))
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
