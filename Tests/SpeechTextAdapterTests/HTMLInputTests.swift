import Foundation
import IndicatorKit
import IndicatorKitTesting
import Testing

@testable import SpeechTextAdapter

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// HTML pages: what is dropped, how blocks and tables become lines, charsets, limits.
struct HTMLInputTests {
    static func fixture(_ name: String) -> String { SpeechText.fixtures.appendingPathComponent(name).path }

    static func temporaryFile(_ name: String, _ data: Data) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    static func records(_ path: String, options: [String: OptionValue] = [:], charset: String? = nil) async throws
        -> [SourceRecord]
    {
        let adapter = try SpeechTextAdapter(options: AdapterOptions(options))
        let collector = RecordCollector()
        try await adapter.read(SourceInput(path: path, charset: charset), into: collector.sink)
        return collector.records
    }

    /// The lines the parser gets from the bulletin page: no navigation, script, share widget or
    /// footer; blocks as lines; both tables as rows of " | "-joined cells between empty lines.
    @Test func bulletinPageLines() throws {
        let lines = try DocumentLines.html(Self.fixture("bulletin-page.html"))
        #expect(
            lines.map(\.text) == [
                "青川县2023年国民经济和社会发展统计公报",
                "青川县2023年国民经济和社会发展统计公报",
                "发布时间：2024-03-18 来源：县统计局",
                "一、综合",
                "初步核算，全年地区生产总值312.5亿元，比上年增长6.1%。年末全县常住人口41.3万人。",
                "全年城镇新增就业1.2万人，城镇登记失业率3.1%，全体居民人均可支配收入28600元，比上年增长6.5%。",
                "表1 主要农产品产量",
                "",
                "产品名称 | 产量(吨) | 比上年增长(%)",
                "粮食 | 186520 | 2.3",
                "油料 | 9870 | -1.4",
                "",
                "表2 规模以上工业主要产品产量",
                "",
                "产品名称 | 2023年 | 2023年",
                "产品名称 | 产量 | 比上年增长(%)",
                "建材 | 水泥 312.6万吨 | -4.8",
                "建材 | 商品混凝土 85.2万立方米 | 7.5",
                "发电量 | <9.6亿千瓦时 | 12.0",
                "",
                "二、农业",
                "全年粮食播种面积52.3千公顷",
                "全年肉类总产量4.6万吨，比上年增长3.2%。",
            ])
        let byText = Dictionary(lines.map { ($0.text, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byText["粮食 | 186520 | 2.3"]?.path == "/html/body/div[4]/div[2]/table[1]/tr[2]")
        #expect(byText["粮食 | 186520 | 2.3"]?.number == 24)
        #expect(byText["产品名称 | 产量 | 比上年增长(%)"]?.path == "/html/body/div[4]/div[2]/table[2]/thead[1]/tr[2]")
        #expect(byText["表2 规模以上工业主要产品产量"]?.path == "/html/body/div[4]/div[2]/table[2]/caption[1]")
        #expect(byText["一、综合"]?.path == "/html/body/div[4]/div[2]/p[1]")
        #expect(byText["一、综合"]?.number == 17)
        #expect(lines.first?.path == "/html/head/title[1]")
        // The empty lines around tables carry no path.
        #expect(lines.filter { $0.text.isEmpty }.allSatisfy { $0.path == nil })
    }

    @Test func bulletinPageRecords() async throws {
        let records = try await Self.records(Self.fixture("bulletin-page.html"))
        // A bulletin reports: observations only, none from the navigation, script, share widget or footer.
        #expect(records.allSatisfy { $0.observation != nil })
        // Every record comes from the article's content element, none from the navigation
        // ("统计数据增长12%"), the script ("增长99%"), the share widget ("增长88%") or the footer
        // ("访问量增长100%"). 12% is a real figure in table 2 (发电量 growth 12.0), so values prove nothing.
        #expect(records.allSatisfy { $0.location.path?.hasPrefix("/html/body/div[4]/div[2]/") == true })
        #expect(!records.contains { ["统计数据", "访问量", "分享"].contains(where: $0.subject.contains) })
        #expect(!records.contains { [99, 88, 100].contains($0.quantity.value ?? -1) && $0.quantity.unit == "%" })
        #expect(records.filter { $0.quantity.value == 12 && $0.quantity.unit == "%" }.map(\.subject) == ["发电量"])
        let gdp = try #require(records.first { $0.subject == "地区生产总值" && $0.kind == .level })
        #expect(gdp.quantity.value == 312.5)
        #expect(gdp.quantity.unit == "亿元")
        #expect(gdp.period.rawValue == "2023")
        #expect(gdp.location.path == "/html/body/div[4]/div[2]/p[2]")
        #expect(gdp.location.line == 18)
        let growth = try #require(records.first { $0.subject == "地区生产总值" && $0.kind == .growth })
        #expect(growth.quantity.value == 6.1)
        #expect(growth.quantity.unit == "%")
        // Text on the next source line of the same paragraph joins it without a space.
        let population = try #require(records.first { $0.subject == "常住人口" })
        #expect(population.quantity.value == 41.3)
        #expect(population.quantity.unit == "万人")
        // <br> ends a line: two records on two lines under the same element.
        let meat = try #require(records.first { $0.subject == "肉类总产量" && $0.kind == .level })
        #expect(meat.quantity.value == 4.6)
        #expect(meat.location.path == "/html/body/div[4]/div[2]/p[6]")
        #expect(meat.location.column == 8)
        let sown = try #require(records.first { $0.subject == "粮食播种面积" })
        #expect(sown.quantity.unit == "千公顷")
        #expect(sown.location.column == 9)
        // Entities decode: &#65292; is the comma between the clauses.
        let unemployment = try #require(records.first { $0.subject == "城镇登记失业率" })
        #expect(unemployment.kind == .share)
        #expect(unemployment.quantity.value == 3.1)
    }

    /// Table 2 of the bulletin page: the row label 建材 spans two rows whose value cells name their own
    /// product ("水泥 312.6万吨"); the growth beside each is that product's, with 建材 as its parent. A
    /// cell without a subject ("<9.6亿千瓦时") takes the row label, and its "<" is a bound.
    @Test func bulletinTableCellsWithTheirOwnSubject() async throws {
        let records = try await Self.records(Self.fixture("bulletin-page.html"))
        let table = records.filter { $0.location.path?.contains("/table[2]/") == true }
        #expect(!table.contains { $0.subject.hasPrefix("建材") || $0.subject.contains("<") })
        let cement = try #require(table.first { $0.subject == "水泥" && $0.kind == .level })
        #expect(cement.quantity.value == 312.6)
        #expect(cement.quantity.unit == "万吨")
        let cementGrowth = try #require(table.first { $0.subject == "水泥" && $0.kind == .growth })
        #expect(cementGrowth.quantity.value == -4.8)
        #expect(cementGrowth.quantity.unit == "%")
        #expect(cementGrowth.period.rawValue == "2023")
        #expect(cementGrowth.location.row == 1)
        #expect(cementGrowth.location.cell == 3)
        #expect(cementGrowth.observation?.attributes["parent"] == "建材")
        let concrete = try #require(table.first { $0.subject == "商品混凝土" && $0.kind == .growth })
        #expect(concrete.quantity.value == 7.5)
        #expect(table.contains { $0.subject == "商品混凝土" && $0.kind == .level && $0.quantity.unit == "万立方米" })
        let power = try #require(table.first { $0.subject == "发电量" && $0.kind == .level })
        #expect(power.quantity.value == 9.6)
        #expect(power.quantity.unit == "亿千瓦时")
        #expect(power.observation?.attributes["bound"] == "<")
        #expect(power.location.cell == 2)
        let powerGrowth = try #require(table.first { $0.subject == "发电量" && $0.kind == .growth })
        #expect(powerGrowth.quantity.value == 12.0)
        #expect(powerGrowth.observation?.attributes["bound"] == nil)
    }

    /// A GBK page that declares itself GB2312 in a <meta http-equiv>: the GBK-only 堃 decodes too.
    @Test func gbkPageWithAMetaCharset() async throws {
        let path = Self.fixture("plan-gbk.html")
        let lines = try DocumentLines.html(path)
        #expect(lines.contains { $0.text == "过去一年，全县地区生产总值增长5.8%，堃山新区新建5G基站120个。" })
        #expect(!lines.contains { $0.text.contains("首页") || $0.text.contains("版权所有") })
        let records = try await Self.records(path)
        let goals = records.compactMap(\.goal)
        #expect(goals.map(\.subject) == ["地区生产总值", "城镇新增就业", "居民消费价格"])
        #expect(goals.map(\.comparator) == [.about, .atLeast, .atMost])
        #expect(goals.map(\.quantity.value) == [6, 8000, 3])
        #expect(goals.map(\.quantity.unit) == ["%", "人", "%"])
        #expect(goals.allSatisfy { $0.period.rawValue == "2024" && $0.location.path == "/html/body/div[1]/p[5]" })
        let actual = try #require(records.compactMap(\.observation).first)
        #expect(actual.subject == "地区生产总值")
        #expect(actual.quantity.value == 5.8)
        #expect(actual.period.rawValue == "2023")
    }

    /// The fetch converts a page to UTF-8 and says so: that wins over the page's own <meta>.
    @Test func theFetchedCharsetWinsOverTheMeta() async throws {
        let gbk = try Data(contentsOf: URL(fileURLWithPath: Self.fixture("plan-gbk.html")))
        let text = try CharsetDecoder.decode(Array(gbk), declared: "GBK", name: "plan-gbk.html").text
        let url = try Self.temporaryFile("converted.html", Data(text.utf8))
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        #expect(text.contains("charset=gb2312"))
        let goals = try await Self.records(url.path, charset: "UTF-8").compactMap(\.goal)
        #expect(goals.map(\.subject) == ["地区生产总值", "城镇新增就业", "居民消费价格"])
        #expect(HTMLDocumentReader.metaCharset(Array(gbk)) == "gb2312")
    }

    /// A table holding another table lays out the page: its cells are blocks; a one-column table too.
    @Test func layoutTablesAreReadAsBlocks() throws {
        let page = """
            <html><body><table><tr><td>网站导读</td><td><p>一、工业</p>
            <table><tr><th>指標</th><th>數值</th></tr><tr><td>工業增加值(億元)</td><td>88.1</td></tr></table>
            <p>全年規模以上工業增加值增長7.3%。</p></td></tr></table>
            <table><tr><td>發布日期：2024-02-01</td></tr><tr><td>來源：統計局</td></tr></table>
            </body></html>
            """
        let url = try Self.temporaryFile("layout.html", Data(page.utf8))
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let lines = try DocumentLines.html(url.path)
        #expect(
            lines.map(\.text) == [
                "网站导读", "一、工业", "", "指標 | 數值", "工業增加值(億元) | 88.1", "", "全年規模以上工業增加值增長7.3%。",
                "發布日期：2024-02-01", "來源：統計局",
            ])
        #expect(lines[1].path == "/html/body/table[1]/tr[1]/td[2]")
        #expect(lines[4].path == "/html/body/table[1]/tr[1]/td[2]/table[1]/tr[2]")
    }

    /// rowspan and colspan fill the grid; an empty cell stays an empty string between separators.
    @Test func spannedAndEmptyCells() throws {
        let page = """
            <table><tr><th rowspan="3">地區</th><th colspan="2">產量</th><th>備註</th></tr>
            <tr><td>糧食</td><td>油料</td><td></td></tr>
            <tr><td>12.5</td><td rowspan="2">3|4</td><td>x</td></tr>
            <tr><td>甲</td><td>13.1</td><td>y</td></tr></table>
            """
        let url = try Self.temporaryFile("spans.html", Data(page.utf8))
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let lines = try DocumentLines.html(url.path)
        #expect(
            lines.map(\.text) == [
                "", "地區 | 產量 | 產量 | 備註", "地區 | 糧食 | 油料 | ", "地區 | 12.5 | 3/4 | x", "甲 | 13.1 | 3/4 | y", "",
            ])
    }

    @Test(arguments: [
        ("nav", true), ("main-nav", true), ("bshare-custom", true), ("bdsharebuttonbox", true), ("footer", true),
        ("bottom", true), ("breadcrumb", true), ("sidebar", true), ("copyright", true), ("top-menu", true),
        ("article", false), ("content", false), ("article-head", false), ("news_title", false), ("TRS_Editor", false),
        ("info", false),
    ])
    func furnitureIsRecognizedByIdOrClass(value: String, isFurniture: Bool) {
        #expect(HTMLDocumentReader.marksBoilerplate(value) == isFurniture)
    }

    @Test func limitsNameTheirOption() async throws {
        let path = Self.fixture("bulletin-page.html")
        await #expect {
            _ = try await Self.records(path, options: ["max-depth": .number(4)])
        } throws: { error in
            guard let e = error as? AdapterError else { return false }
            return e.code == .limitExceeded && e.message.contains("max-depth")
                && e.message.contains("bulletin-page.html")
        }
        await #expect {
            _ = try await Self.records(path, options: ["max-block-bytes": .number(60)])
        } throws: { error in
            guard let e = error as? AdapterError else { return false }
            return e.code == .limitExceeded && e.message.contains("max-block-bytes")
        }
        await #expect(throws: AdapterError.self) {
            _ = try await Self.records(path, options: ["max-pages": .number(0)])
        }
    }

    /// Records of a page arrive while the rest of it is still being written (a FIFO).
    @Test func streamsFromAPipe() async throws {
        let (before, records) = try await PipeFeed.read(
            try SpeechTextAdapter(options: AdapterOptions()),
            first: Data("<html><body><h2>二、2023年重点工作</h2><p>新建5G基站300个。</p>\n<p>".utf8),
            second: Data("新建学校5所。</p></body></html>\n".utf8), fileName: "page.html")
        #expect(before, "no record arrived before the second part was written")
        #expect(records.compactMap(\.goal).map(\.quantity.value) == [300, 5])
    }
}
