import Foundation
import IndicatorKit
import Testing
import XMLBulletinAdapter

@Suite struct MappingTests {
    static let options: [String: OptionValue] = [
        "record": .string("/bulletin/section/item"), "subject": .string("@name"), "value": .string("value"),
        "unit": .string("@unit"), "period": .string("/bulletin/@year"), "region": .string("/bulletin/@region"),
        "kind": .string("kind"),
    ]

    @Test func recordsComeFromTheMappedPaths() async throws {
        let observations = try await extract(Paths.fixture("bulletin-mapping.xml"), options: Self.options)
        #expect(observations.map(\.subject) == ["地区生产总值", "地区生产总值增长", "一般公共预算收入", "社会消费品零售总额", "新建5G基站"])
        let gdp = observations[0]
        #expect(gdp.quantity.value == 287.4)
        #expect(gdp.quantity.unit == "亿元")
        #expect(gdp.period.rawValue == "2021")
        #expect(gdp.region == "柘城县")
        #expect(gdp.kind == .level)
        #expect(gdp.attributes["name"] == "地区生产总值")
        #expect(gdp.location.line == 5)
        #expect(gdp.location.path == "/bulletin/section/item")
        #expect(observations[1].kind == .growth)
        // XX is a masked figure, an empty value a missing one, "1,234.5" a number.
        #expect(observations[2].redacted && observations[2].quantity.value == nil)
        #expect(observations[3].quantity.value == 1234.5)
        #expect(!observations[4].redacted && observations[4].quantity.value == nil)
    }

    @Test func anywherePathsAndConstants() async throws {
        let observations = try await extract(
            Paths.fixture("bulletin-mapping.xml"),
            options: [
                "record": .string("//item"), "subject": .string("@name"), "value": .string("value"),
                "unit": .string("=亿元"), "kind": .string("growth"),
            ], period: "2021")
        #expect(observations.count == 5)
        #expect(observations.allSatisfy { $0.quantity.unit == "亿元" && $0.kind == .growth })
        #expect(observations.allSatisfy { $0.period.rawValue == "2021" })
    }

    @Test func recordWithoutAPeriodIsAnErrorNamingTheOption() async throws {
        var options = Self.options
        options["period"] = nil
        let error = await extractionError(Paths.fixture("bulletin-mapping.xml"), options: options)
        #expect(error?.code == .malformedInput)
        #expect(error?.message.contains("bulletin-mapping.xml:5") == true)
        #expect(error?.message.contains("period") == true)
    }

    @Test func valueThatIsNoNumberIsAnError() async throws {
        var options = Self.options
        options["value"] = .string("@name")
        let error = await extractionError(Paths.fixture("bulletin-mapping.xml"), options: options)
        #expect(error?.code == .malformedInput)
        #expect(error?.message.contains("is not a number") == true)
    }

    @Test func nonSDMXWithoutAMappingIsUnsupported() async throws {
        let error = await extractionError(Paths.fixture("bulletin-mapping.xml"))
        #expect(error?.code == .unsupportedInput)
        #expect(error?.message.contains("record") == true)
    }

    @Test(arguments: [
        (["record": "bulletin/item", "subject": "@name", "value": "value"], "record"),
        (["record": "/bulletin/item", "subject": "@name"], "value"),
        (["record": "/bulletin/item", "value": "v"], "subject"),
        (["record": "/bulletin/item", "subject": "/other/@name", "value": "v"], "subject"),
        (["record": "/bulletin/item", "subject": "a//b", "value": "v"], "subject"),
        (["profile": "compact-2.0", "record": "/bulletin/item", "subject": "@n", "value": "v"], "record"),
        (["profile": "sdmx-9"], "profile"),
        (["max-depth": "100000"], "max-depth"),
        (["recrod": "/bulletin/item"], "recrod"),
    ])
    func badOptionsAreRejectedNamingTheKey(_ pairs: [String: String], _ key: String) throws {
        do {
            _ = try XMLBulletinAdapter(options: AdapterOptions(pairs.mapValues { .string($0) }))
            Issue.record("options \(pairs) were accepted")
        } catch let error as AdapterError {
            #expect([.invalidOption, .missingOption, .unknownOption].contains(error.code))
            #expect(error.message.contains(key), "\(error.message)")
        }
    }

    @Test func descriptorNamesTheAdapterAndItsOptions() {
        let d = XMLBulletinAdapter.descriptor
        #expect(d.name == "xml-bulletin")
        #expect(Set(d.optionKeys).isSuperset(of: ["profile", "structure", "record", "subject", "value", "period"]))
    }
}
