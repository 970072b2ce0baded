import Foundation
import IndicatorKit
import OpenDataAdapter
import Testing

@Suite("JSON, World Bank and CKAN")
struct JSONTests {
    @Test("the World Bank seed gives China's GDP growth for 2021-2023 in the record JSON")
    func worldBankSeed() async throws {
        let path = packageRoot.appendingPathComponent("seeds/worldbank-china-gdp-growth.json").path
        let records = try await readRecords(path, options: ["preset": .string("worldbank")])
        let byYear = Dictionary(
            uniqueKeysWithValues: records.compactMap(\.observation).map { ($0.period.rawValue, $0) })
        #expect(byYear["2021"]?.quantity.value == 8.45)
        #expect(byYear["2022"]?.quantity.value == 2.95)
        #expect(byYear["2023"]?.quantity.value == 5.25)
        let o = try #require(byYear["2022"])
        #expect(o.kind == .growth)
        #expect(o.quantity.unit == "%")
        #expect(o.region == "China")
        #expect(o.subject == "GDP growth (annual %)")
        #expect(o.attributes["indicator"] == "NY.GDP.MKTP.KD.ZG")
        #expect(o.attributes["country"] == "CN")
        #expect(o.attributes["countryiso3code"] == "CHN")
        #expect(o.location.pointer == "/1/1")
        let line = SourceRecord.observation(o).jsonLine()
        #expect(line.contains("\"type\":\"observation\""))
        #expect(line.contains("\"kind\":\"growth\""))
        #expect(line.contains("\"value\":2.95"))
        #expect(line.contains("\"period\":\"2022\""))
        #expect(line.contains("\"pointer\":\"/1/1\""))
    }

    @Test("World Bank: levels, shares, missing values and quarterly dates")
    func worldBankShapes() async throws {
        let records = try await readRecords(
            try fixture("worldbank-fictional.json"), options: ["preset": .string("worldbank")])
        let obs = records.compactMap(\.observation)
        #expect(obs.count == 4)
        #expect(obs[0].kind == .level)
        #expect(obs[0].quantity.value == 1_234_567_890)
        #expect(obs[0].quantity.unit == "current US$")
        #expect(obs[1].quantity.value == nil)
        #expect(obs[1].redacted == false)
        #expect(obs[2].kind == .share)
        #expect(obs[2].quantity.unit == "%")
        #expect(obs[2].attributes["obs_status"] == "E")
        #expect(obs[3].period.rawValue == "2022-Q3")
        #expect(obs[3].region == "Example Region (fictional)")
    }

    @Test("World Bank JSON is recognised without the preset")
    func worldBankDetected() async throws {
        let records = try await readRecords(try fixture("worldbank-fictional.json"), mediaType: "application/json")
        #expect(records.count == 4)
        #expect(records[2].kind == .share)
    }

    @Test("CKAN datastore_search records map through the Chinese header aliases; XX is redacted")
    func ckan() async throws {
        let records = try await readRecords(try fixture("ckan-datastore.json"), options: ["preset": .string("ckan")])
        #expect(records.map(\.subject) == ["一般公共预算收入", "粮食产量", "新建5G基站"])
        #expect(records.map { $0.quantity.value } == [18.6, 98.5, nil])
        #expect(records.map(\.redacted) == [false, false, true])
        #expect(records.map(\.region) == ["示例县（虚构）", "示例县（虚构）", "示例县（虚构）"])
        #expect(records[1].location.pointer == "/result/records/1")
        let detected = try await readRecords(try fixture("ckan-datastore.json"), options: ["format": .string("json")])
        #expect(detected.count == 3)
    }

    @Test("a pointer and dotted-path columns map nested records")
    func pointerAndColumns() async throws {
        let records = try await readRecords(
            try fixture("nested.json"),
            options: [
                "pointer": .string("/data/items"),
                "columns": .map([
                    "subject": .string("name"), "period": .string("stat.year"), "value": .string("stat.amount"),
                ]),
            ])
        #expect(records.map(\.subject) == ["地区生产总值", "常住人口"])
        #expect(records.map(\.period.rawValue) == ["2022", "2022"])
        #expect(records.map { $0.quantity.value } == [120.3, 35.2])
        #expect(records.map { $0.quantity.unit } == ["亿元", "万人"])
        #expect(records[1].location.pointer == "/data/items/1")
    }

    @Test("a pointer that names nothing, or a mapped key that is missing, is an error naming it")
    func badPointer() async throws {
        let missing = await adapterErrorCode {
            _ = try await readRecords(try fixture("nested.json"), options: ["pointer": .string("/data/rows")])
        }
        #expect(missing == .malformedInput)
        let badKey = await adapterErrorCode {
            _ = try await readRecords(
                try fixture("nested.json"),
                options: ["pointer": .string("/data/items"), "columns": .map(["value": .string("stat.amout")])])
        }
        #expect(badKey == .invalidOption)
    }

    @Test("broken JSON is malformed input")
    func broken() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString).json").path
        try "[{\"subject\": \"a\", \"value\": 1, \"period\": \"2022\"}, {\"subject\": ".write(
            toFile: path, atomically: true, encoding: .utf8)
        let code = await adapterErrorCode { _ = try await readRecords(path) }
        #expect(code == .malformedInput)
    }
}

@Suite("JSON charsets")
struct JSONCharsetTests {
    @Test("a GBK-encoded JSON file is converted as it is read")
    func gbkJSON() async throws {
        let records = try await readRecords(
            try fixture("ckan-datastore-gbk.json"), options: ["preset": .string("ckan")])
        #expect(records.map(\.subject) == ["一般公共预算收入", "粮食产量", "新建5G基站"])
        #expect(records.first?.region == "示例县（虚构）")
    }
}
