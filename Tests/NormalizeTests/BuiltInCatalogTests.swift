import Foundation
import Testing

@testable import Normalize

/// The catalog compiled into the binary.
struct BuiltInCatalogTests {
    @Test func theCompiledInCatalogIsTheShippedFile() throws {
        let file = try String(contentsOfFile: ShippedCatalog.path, encoding: .utf8)
        #expect(
            BuiltInCatalog.text == file,
            "Sources/Normalize/BuiltInCatalog.swift is out of date: run bash scripts/embed-catalog.sh")
        let builtIn = try Catalog.load([.shipped])
        #expect(builtIn.indicators.map(\.code) == ShippedCatalog.catalog.indicators.map(\.code))
        #expect(builtIn.indicator(forSubject: "地区生产总值")?.code == "gdp")
    }

    @Test func aMissingFileIsNamed() throws {
        #expect {
            try CatalogText(contentsOf: "/nonexistent/extra.yaml")
        } throws: { error in
            (error as? CatalogError)?.code == .unreadable
                && (error as? CatalogError)?.message.hasPrefix("/nonexistent/extra.yaml: no such catalog file") == true
        }
    }

    @Test func malformedYAMLGivesTheFileLineAndColumn() throws {
        let text = "indicators:\n  - code: x\n    names: { zh-Hans: 甲\n  - code: y\n"
        do {
            _ = try Catalog.load([.shipped, CatalogText(name: "extra.yaml", text: text)])
            Issue.record("accepted malformed YAML")
        } catch let error as CatalogError {
            #expect(error.code == .malformed)
            let parts = error.message.split(separator: ":")
            #expect(parts[0] == "extra.yaml")
            #expect(Int(parts[1]) != nil && Int(parts[2]) != nil, "\(error.message)")
            #expect(error.message.contains("not valid YAML"))
        }
    }

    @Test func aLaterFileAddsAndOverridesEntries() throws {
        let extra = CatalogText(
            name: "extra.yaml",
            text: """
                indicators:
                  - code: firefly_sites
                    names: { zh-Hans: 萤火虫观测点 }
                    unit: 个
                    kind: level
                    area: 生态
                  - code: gdp
                    aliases: [全县经济总量]
                """)
        let catalog = try Catalog.load([.shipped, extra])
        #expect(catalog.indicator(forSubject: "萤火虫观测点")?.code == "firefly_sites")
        #expect(catalog.indicator(forSubject: "全县经济总量")?.code == "gdp")
        #expect(catalog.indicator(forSubject: "生产总值")?.code == "gdp")
    }
}
