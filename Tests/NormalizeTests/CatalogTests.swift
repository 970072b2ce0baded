import Foundation
import IndicatorKit
import Testing

@testable import Normalize

/// The shipped catalog, reached from this file's path.
enum ShippedCatalog {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let path = root.appendingPathComponent("catalog/indicators.yaml").path
    static let catalog: Catalog = {
        do { return try Catalog.load(contentsOf: [path]) } catch {
            fatalError("shipped catalog does not load: \(error)")
        }
    }()
}

struct CatalogTests {
    let catalog = ShippedCatalog.catalog

    @Test func everySeedTargetSubjectHasAnEntry() throws {
        let tsv = ShippedCatalog.root.appendingPathComponent("../shared/gold/seed-2022-targets.tsv")
        try #require(
            FileManager.default.fileExists(atPath: tsv.path),
            "the gold targets are read from shared/ beside the repository: \(tsv.path)")
        let text = try String(contentsOf: tsv, encoding: .utf8)
        var subjects: [String] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("id\t") {
            subjects.append(String(line.split(separator: "\t")[1]))
        }
        #expect(subjects.count == 68)
        let missing = subjects.filter { catalog.indicator(forSubject: $0) == nil }
        #expect(missing.isEmpty, "no catalog entry for \(missing)")
    }

    @Test(arguments: [
        ("生产总值", "gdp"), ("地区生产总值", "gdp"), ("全县地区生产总值", "gdp"), ("國內生產總值", "gdp"), ("GDP", "gdp"),
        ("gdp", "gdp"), ("2021年全县生产总值", "gdp"), ("全年国内生产总值", "gdp"), ("生产总值增速", "gdp"),
        ("规模以上工业增加值", "industrial_va"), ("規模以上工業增加值", "industrial_va"), ("规上工业增加值", "industrial_va"),
        ("固定资产投资", "fixed_asset_investment"), ("全社会固定资产投资", "fixed_asset_investment"),
        ("社会消费品零售总额", "retail_sales"), ("一般公共预算收入", "public_budget_revenue"),
        ("常住人口城镇化率", "urbanization_rate"), ("城鎮化率", "urbanization_rate"),
        ("居民消费价格", "cpi"), ("居民消费价格涨幅", "cpi"), ("居民消費價格指數", "cpi"),
        ("城镇调查失业率", "urban_unemployment_rate"), ("全国城镇调查失业率平均值", "urban_unemployment_rate"),
        ("年末全国城镇调查失业率", "urban_unemployment_rate"),
        ("城镇新增就业", "urban_new_jobs"), ("全年城镇新增就业", "urban_new_jobs"), ("新增城镇就业", "urban_new_jobs"),
        ("粮食产量", "grain_output"), ("粮食总产", "grain_output"), ("全年粮食总产量", "grain_output"), ("糧食總產", "grain_output"),
        ("居民人均可支配收入", "disposable_income"), ("R&D投入强度", "rd_intensity"), ("进出口", "trade_total"),
        ("第一产业增加值", "primary_va"), ("第三产业增加值", "tertiary_va"),
        ("“瞪羚”“单项冠军”“小巨人”等各类企业", "growth_enterprises"), ("全国名特优新农产品", "featured_agri_products"),
    ])
    func matchesSubjects(_ pair: (String, String)) {
        #expect(catalog.indicator(forSubject: pair.0)?.code == pair.1, "\(pair.0)")
    }

    @Test(arguments: [
        "人均生产总值增长", "生产总值构成", "重点项目完成投资率", "累计", "", "新增城镇就业困难人员", "城镇居民人均可支配收入增长比", "某某指标",
        "农村居民人均消费支出",
    ])
    func leavesUncertainSubjectsUnmatched(_ subject: String) {
        let got = catalog.indicator(forSubject: subject)?.code
        // 人均生产总值增长 must not fall back to 生产总值: it is its own entry or nothing.
        #expect(
            got == nil || got == "gdp_per_capita" || got == "urban_disposable_income", "\(subject) matched \(got ?? "")"
        )
        #expect(got != "gdp")
    }

    @Test func nearSubjectsDoNotCross() {
        #expect(catalog.indicator(forSubject: "10亿元以上项目")?.code == "projects_1bn_plus")
        #expect(catalog.indicator(forSubject: "亿元以上项目")?.code == "projects_100m_plus")
        #expect(catalog.indicator(forSubject: "累计建成5G基站")?.code == "total_5g_base_stations")
        #expect(catalog.indicator(forSubject: "5G基站")?.code == "new_5g_base_stations")
        #expect(catalog.indicator(forSubject: "新建高标准农田")?.code == "new_high_standard_farmland")
        #expect(catalog.indicator(forSubject: "高标准农田")?.code == "high_standard_farmland")
        #expect(catalog.indicator(forSubject: "人均国内生产总值")?.code == "gdp_per_capita")
        #expect(catalog.indicator(forSubject: "城镇居民人均可支配收入")?.code == "urban_disposable_income")
    }

    @Test func regionPrefixIsStripped() {
        #expect(catalog.indicator(forSubject: "柘城县生产总值", region: "柘城县")?.code == "gdp")
        #expect(catalog.indicator(forSubject: "柘城生产总值", region: "柘城县")?.code == "gdp")
    }

    @Test func foreignCodes() throws {
        #expect(catalog.indicator(worldBank: "NY.GDP.MKTP.KD.ZG")?.code == "gdp")
        #expect(catalog.indicator(worldBank: "FP.CPI.TOTL.ZG")?.code == "cpi")
        #expect(catalog.indicator(worldBank: "SL.UEM.TOTL.ZS")?.code == "urban_unemployment_rate")
        #expect(catalog.indicator(sdmx: "GDP_GROWTH")?.code == "gdp")
        #expect(catalog.indicator(sdmx: "gdp_growth")?.code == "gdp")
        #expect(catalog.indicator(sdmx: "URBAN_NEW_JOBS")?.code == "urban_new_jobs")
        #expect(catalog.indicator(sdmx: "GRAIN_OUTPUT")?.code == "grain_output")
        #expect(catalog.indicator(sdmx: "IND_VA_GROWTH")?.code == "industrial_va")
        #expect(catalog.indicator(sdmx: "NY.GDP.MKTP.KD.ZG") == nil)
        #expect(catalog.indicator(nbs: "hgyd.A020101")?.code == "industrial_va")
        #expect(catalog.indicator(nbs: "HGJD.A010101")?.code == "gdp")
        #expect(catalog.indicator(nbs: "A020101") == nil)
        #expect(catalog.indicator(sdmx: "hgyd.A020101") == nil)
        let ye = try #require(catalog.foreign("UNEMP_SURVEYED_YE"))
        #expect(ye.indicator.code == "urban_unemployment_rate")
        #expect(ye.code.kind == .share)
        #expect(ye.code.basis == "year-end")
        #expect(catalog.foreign("UNEMP_SURVEYED_AVG")?.code.basis == "average")
    }

    @Test func entriesCarryDirectionAreaAndNames() throws {
        let cpi = try #require(catalog.indicator(code: "cpi"))
        #expect(cpi.better == .lower)
        #expect(cpi.nameHant == "居民消費價格")
        #expect(catalog.indicator(code: "urban_unemployment_rate")?.better == .lower)
        #expect(catalog.indicator(code: "grain_output")?.unit == "万吨")
        #expect(catalog.indicator(code: "grain_output")?.area == "农业")
        #expect(catalog.indicators.count >= 100)
        for ind in catalog.indicators {
            #expect(!ind.nameEnglish.isEmpty && !ind.nameHant.isEmpty && !ind.area.isEmpty, "\(ind.code)")
            #expect(Units.dimension(of: ind.unit) != nil, "\(ind.code) has an unknown unit \(ind.unit)")
        }
    }

    @Test func extrasAddAndOverride() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let extra = dir.appendingPathComponent("extra.yaml")
        try """
        indicators:
          - code: gdp
            aliases: [经济总产出]
            area: 宏观
          - code: peppers
            names: { zh-Hans: 辣椒种植面积, en: Chili area }
            unit: 万亩
            kind: level
            area: 农业
        """.write(to: extra, atomically: true, encoding: .utf8)
        let c = try Catalog.load(contentsOf: [ShippedCatalog.path, extra.path])
        #expect(c.indicator(forSubject: "经济总产出")?.code == "gdp")
        #expect(c.indicator(forSubject: "地区生产总值")?.code == "gdp")
        #expect(c.indicator(code: "gdp")?.area == "宏观")
        #expect(c.indicator(forSubject: "辣椒种植面积")?.code == "peppers")
        #expect(c.indicator(code: "peppers")?.better == .higher)
    }

    static let badFiles: [(String, CatalogError.Code, String)] = [
        (
            "indicators:\n  - code: x\n    names: { zh-Hans: 某 }\n    unit: 个\n    kind: level\n    aera: 经济\n",
            .unknownKey, ":6:"
        ),
        (
            "indicators:\n  - code: x\n    names: { zh-Hans: 某 }\n    unit: 个\n    kind: lvl\n    area: 经济\n",
            .invalidValue, ":5:"
        ),
        ("indicators:\n  - code: x\n    names: { zh-Hans: 某 }\n    kind: level\n    area: 经济\n", .missingKey, "'unit'"),
        ("indicators:\n  - names: { zh-Hans: 某 }\n", .missingKey, "'code'"),
        ("indicators: [\n", .malformed, "bad.yaml"),
        ("indicator:\n  - code: x\n", .unknownKey, "'indicator'"),
        (
            "indicators:\n  - code: a\n    names: { zh-Hans: 某 }\n    unit: 个\n    kind: level\n    area: 经济\n  - code: b\n    names: { zh-Hans: 某 }\n    unit: 个\n    kind: level\n    area: 经济\n",
            .duplicate, "'某'"
        ),
    ]

    @Test(arguments: badFiles)
    func badFilesNameTheProblem(_ bad: (String, CatalogError.Code, String)) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.yaml")
        try bad.0.write(to: file, atomically: true, encoding: .utf8)
        do {
            _ = try Catalog.load(contentsOf: [file.path])
            Issue.record("expected \(bad.1)")
        } catch let e as CatalogError {
            #expect(e.code == bad.1)
            #expect(e.message.contains(bad.2), "\(e.message)")
        }
    }
}
