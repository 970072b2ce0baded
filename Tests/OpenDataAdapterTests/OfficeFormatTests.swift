import Foundation
import IndicatorKit
import IndicatorKitTesting
import OpenDataAdapter
import Testing

/// A recorded response in seeds/opendata (see its README for where each one comes from).
func seed(_ name: String) -> String {
    packageRoot.appendingPathComponent("seeds/opendata/\(name)").path
}

@Suite("NBS easyquery")
struct NBSTests {
    @Test("monthly response: indicator name and unit, periods, hasdata false is missing, decimals kept")
    func monthly() async throws {
        let obs = try await readRecords(
            seed("nbs-hgyd-A020101-2024.json"), options: ["preset": .string("nbs"), "dbcode": .string("hgyd")]
        ).compactMap(\.observation)
        #expect(obs.count == 12)
        let december = try #require(obs.first { $0.period.rawValue == "2024-12" })
        #expect(december.subject == "规上工业增加值_同比增长")
        #expect(december.quantity.value == 6.2)
        #expect(december.quantity.unit == "%")
        #expect(december.kind == .growth)
        #expect(december.attributes["decimals"] == "1")
        #expect(december.attributes["indicator"] == "hgyd.A020101")
        #expect(december.location.pointer == "/returndata/datanodes/0")
        // January and February are published together: the service marks them hasdata false with data 0.
        let february = try #require(obs.first { $0.period.rawValue == "2024-02" })
        #expect(february.quantity.value == nil)
        #expect(obs.filter { $0.quantity.value == nil }.map(\.period.rawValue).sorted() == ["2024-01", "2024-02"])
    }

    @Test("regional response: the reg dimension gives the region's name, the code is kept")
    func regional() async throws {
        let obs = try await readRecords(seed("nbs-fsnd-A010101-110000-2023.json"), options: ["preset": .string("nbs")])
            .compactMap(\.observation)
        #expect(obs.count == 1)
        #expect(obs[0].region == "北京市")
        #expect(obs[0].attributes["reg"] == "110000")
        #expect(obs[0].period.rawValue == "2023")
        #expect(obs[0].subject == "地级区划数")
        #expect(obs[0].quantity.unit == "个")
        #expect(obs[0].quantity.value == nil)
        #expect(obs[0].attributes["indicator"] == nil)  // no dbcode given: the code alone is ambiguous
    }

    @Test("several indicators in one response; detected without the preset")
    func multi() async throws {
        let obs = try await readRecords(seed("nbs-hgyd-A0D01-202201.json")).compactMap(\.observation)
        #expect(obs.count == 6)
        let m2 = try #require(obs.first { $0.attributes["zb"] == "A0D0101" })
        #expect(m2.subject == "货币和准货币(M2)供应量_期末值")
        #expect(m2.quantity.value == 2431022.72)
        #expect(m2.quantity.unit == "亿元")
        #expect(m2.kind == .level)
        #expect(m2.attributes["decimals"] == "2")
    }

    @Test(
        "period codes: years, quarters A–D, months",
        arguments: [
            ("2022", "2022"), ("2022A", "2022-Q1"), ("2022C", "2022-Q3"), ("2022D", "2022-Q4"), ("202209", "2022-09"),
        ])
    func periods(code: String, expected: String) async throws {
        // The recorded monthly response with its first cell's period code replaced.
        var text = try String(contentsOfFile: seed("nbs-hgyd-A020101-2024.json"), encoding: .utf8)
        text = text.replacingOccurrences(of: "202412", with: code)
        let obs = try await readRecords(writing: "q.json", text, options: ["preset": .string("nbs")]).compactMap(
            \.observation)
        #expect(obs.first?.period.rawValue == expected)
    }

    @Test("a period code that is none of these names the cell")
    func badPeriod() async throws {
        let text = try String(contentsOfFile: seed("nbs-hgyd-A020101-2024.json"), encoding: .utf8)
            .replacingOccurrences(of: "202412", with: "2024Z")
        let error = try #require(
            try await adapterError {
                _ = try await readRecords(writing: "bad.json", text, options: ["preset": .string("nbs")])
            },
            "expected an error")
        #expect(error.code == .malformedInput)
        #expect(error.message.contains("/returndata/datanodes/0"))
        #expect(error.message.contains("2024Z"))
    }
}

@Suite("JSON-stat 2.0")
struct JSONStatTests {
    @Test("dataset with value before the dimensions: row-major order, unit and decimals from the metric dimension")
    func canada() async throws {
        let obs = try await readRecords(seed("jsonstat-canada.json"), options: ["preset": .string("jsonstat")])
            .compactMap(\.observation)
        #expect(obs.count == 120)
        // value[0]: country CA, year 2012, age T (total), concept POP, sex T.
        let first = obs[0]
        #expect(first.quantity.value == 34880.5)
        #expect(first.quantity.unit == "thousands of persons")
        #expect(first.attributes["decimals"] == "1")
        #expect(first.period.rawValue == "2012")
        #expect(first.region == "Canada")
        #expect(first.attributes["concept"] == "POP")
        #expect(first.attributes["status"] == "a")
        // value[4]: the second concept (PERCENT), sex M: 100.0
        #expect(obs[4].attributes["concept"] == "PERCENT")
        #expect(obs[4].attributes["sex"] == "M")
        #expect(obs[4].quantity.value == 100.0)
    }

    @Test("status as an object keyed by the flat index; index as an object")
    func oecd() async throws {
        let obs = try await readRecords(seed("jsonstat-oecd.json")).compactMap(\.observation)
        #expect(obs.count == 432)
        let estimated = obs.filter { $0.attributes["status"] == "e" }
        #expect(!estimated.isEmpty)
        #expect(obs.allSatisfy { $0.period.year != nil })
        #expect(Set(obs.compactMap(\.region)).count == 36)
    }

    @Test("dimensions before the value array: streamed")
    func order() async throws {
        let obs = try await readRecords(seed("jsonstat-order.json"), options: ["preset": .string("jsonstat")])
            .compactMap(\.observation)
        // The sample's values are text naming their own cell ("A1B2C3"), so the order shows; the
        // twelfth is "A1B1C4" in the published sample.
        #expect(obs.count == 24)
        #expect(obs[5].attributes["value_text"] == "A1B2C2")
        #expect(obs[23].attributes["value_text"] == "A3B2C4")
        #expect(obs.allSatisfy { $0.quantity.value == nil })
    }

    @Test("a collection of links: nothing to read, a warning per linked dataset")
    func collection() async throws {
        let obs = try await readRecords(seed("jsonstat-collection.json"), options: ["preset": .string("jsonstat")])
        #expect(obs.isEmpty)
    }

    @Test("a collection that embeds a dataset is read")
    func embedded() async throws {
        let dataset = try String(contentsOfFile: seed("jsonstat-order.json"), encoding: .utf8)
        let text = #"{"version":"2.0","class":"collection","link":{"item":["# + dataset + "]}}"
        let obs = try await readRecords(writing: "c.json", text, options: ["preset": .string("jsonstat")])
        #expect(obs.count == 24)
    }

    @Test("sparse value object")
    func sparse() async throws {
        var text = try String(contentsOfFile: seed("jsonstat-order.json"), encoding: .utf8)
        let start = try #require(text.range(of: "\"value\""))
        text = String(text[..<start.lowerBound]) + #""value": {"5": 5.5, "23": 23}}"#
        let obs = try await readRecords(writing: "s.json", text, options: ["preset": .string("jsonstat")]).compactMap(
            \.observation)
        #expect(obs.map { $0.quantity.value } == [5.5, 23])
        #expect(obs[0].location.pointer == "/value/5")
    }
}

@Suite("SDMX-CSV")
struct SDMXCSVTests {
    @Test("2.0 with codes: key, time dimension without TIME_PERIOD, attributes")
    func codes() async throws {
        let obs = try await readRecords(seed("sdmx-csv-2.0-example-01.csv"), options: ["preset": .string("sdmx-csv")])
            .compactMap(\.observation)
        #expect(obs.count == 2)
        #expect(obs[0].subject == "A.B")
        #expect(obs[0].period.rawValue == "2014-01")
        #expect(obs[0].quantity.value == 12.4)
        #expect(obs[0].attributes["ATTR_3"] == "Normal, special and other values")
        #expect(obs[0].attributes["STRUCTURE_ID"] == "ESTAT:NA_MAIN(1.6.0)")
    }

    @Test("2.0 with labels, ';' and decimal commas")
    func labels() async throws {
        let obs = try await readRecords(
            seed("sdmx-csv-2.0-labels-example-04.csv"), options: ["preset": .string("sdmx-csv")]
        ).compactMap(\.observation)
        #expect(obs.count == 2)
        #expect(obs[1].subject == "A.B")
        #expect(obs[1].quantity.value == 10.8)
        #expect(obs[1].period.rawValue == "2014-02")
        #expect(obs[1].attributes["DIM_1_label"] == "Value A")
        #expect(obs[1].attributes["STRUCTURE_ID"] == "ESTAT:NA_MAIN(1.6.0)")
    }

    @Test("1.0: DATAFLOW first, TIME_PERIOD, missing values with OBS_STATUS M")
    func v1() async throws {
        let obs = try await readRecords(seed("sdmx-csv-1.0-bis-der.csv"), options: ["preset": .string("sdmx-csv")])
            .compactMap(\.observation)
        #expect(obs.count == 40)
        let y2004 = try #require(obs.first { $0.period.rawValue == "2004" })
        #expect(y2004.quantity.value == 14206.490766)
        #expect(y2004.subject == "A.U.A.B.5J.A.1E.A.HKD.TO1.A.A.3.C")
        #expect(obs.first { $0.period.rawValue == "2002" }?.quantity.value == nil)
    }

    @Test(
        "the full samples in shared/data read to the README's counts",
        arguments: [
            "Meaningful-Data__sdmxthon/sdmxthon/testSuite/readingValidation/data/data_sample/data_v1.csv",
            "Meaningful-Data__sdmxthon/sdmxthon/testSuite/readingValidation/data/data_sample/data_v2.csv",
        ])
    func shared(path: String) async throws {
        let full = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/sdmx/\(path)").path
        try #require(FileManager.default.fileExists(atPath: full))
        let records = try await readRecords(full, options: ["preset": .string("sdmx-csv")])
        #expect(records.count == 1000)
    }
}

@Suite("PX-Web")
struct PXWebTests {
    @Test("API JSON response: key columns, one observation per content column, time and missing markers")
    func json() async throws {
        let obs = try await readRecords(seed("pxweb-ssb-migration.json"), options: ["preset": .string("pxweb")])
            .compactMap(\.observation)
        #expect(obs.count == 24 * 3)
        let first = obs[0]
        #expect(first.subject == "Innvandring, statsborgerskap 000")
        #expect(first.period.rawValue == "2007-Q1")
        #expect(first.quantity.value == 1711)
        #expect(first.attributes["Statsbrgskap"] == "000")
        #expect(obs[2].quantity.value == -362)
        #expect(obs[2].attributes["contents"] == "Netto")
    }

    @Test(".px in Windows-1252 (SCB): codes, units, one cell")
    func scb() async throws {
        let obs = try await readRecords(seed("px-scb-BE0101A1.px"), options: ["preset": .string("pxweb")])
            .compactMap(\.observation)
        #expect(obs.count == 1)
        #expect(obs[0].quantity.value == 10462)
        #expect(obs[0].quantity.unit == "number")
        #expect(obs[0].period.rawValue == "2004")
        #expect(obs[0].region == "01 Stockholm county")
        #expect(obs[0].attributes["region"] == "01")
        #expect(obs[0].attributes["sex"] == "2")
    }

    @Test(".px in ISO-8859-15 (INE): CODEPAGE decodes the accents, STUB × HEADING order, detected by extension")
    func ine() async throws {
        let obs = try await readRecords(seed("px-ine-27067.px")).compactMap(\.observation)
        #expect(!obs.isEmpty)
        #expect(obs.allSatisfy { $0.region == "06 Cantabria" })
        #expect(obs[0].subject.hasPrefix("Índices nacionales y"))
        #expect(obs[0].subject.contains("05 Extracción de antracita, hulla y lignito"))
        #expect(obs.allSatisfy { $0.period.year != nil })
    }

    @Test(".px in Big5 and GBK: CODEPAGE decides", arguments: ["big5", "gbk"])
    func chinese(codepage: String) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("px-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let region = codepage == "big5" ? "臺北市" : "北京市"
        let text = """
            CHARSET="ANSI";
            CODEPAGE="\(codepage)";
            CONTENTS="人口";
            UNITS="人";
            STUB="地區";
            HEADING="年";
            VALUES("地區")="\(region)";
            VALUES("年")="2022","2023";
            TIMEVAL("年")=TLIST(A1),"2022","2023";
            DATA=
            2500000 ".."
            ;
            """
        let path = dir.appendingPathComponent("t.px").path
        let out = Process()
        out.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        out.arguments = ["-f", "UTF-8", "-t", codepage == "big5" ? "BIG5" : "GBK", "-o", path]
        let pipe = Pipe()
        out.standardInput = pipe
        try out.run()
        pipe.fileHandleForWriting.write(Data(text.utf8))
        try pipe.fileHandleForWriting.close()
        out.waitUntilExit()
        #expect(out.terminationStatus == 0)
        let obs = try await readRecords(path).compactMap(\.observation)
        #expect(obs.count == 2)
        #expect(obs[0].region == region)
        #expect(obs[0].quantity.unit == "人")
        #expect(obs[0].quantity.value == 2_500_000)
        #expect(obs[1].quantity.value == nil)
        #expect(obs[1].attributes["status"] == "..")
    }

    @Test("a DATA list shorter than STUB × HEADING is an error")
    func short() async throws {
        let text = try String(contentsOfFile: seed("px-scb-BE0101A1.px"), encoding: .isoLatin1)
            .replacingOccurrences(of: "VALUES(\"period\")=\"2004\";", with: "VALUES(\"period\")=\"2004\",\"2005\";")
        let code = await adapterErrorCode {
            _ = try await readRecords(
                writing: "short.px", text, encoding: .isoLatin1, options: ["preset": .string("pxweb")])
        }
        #expect(code == .malformedInput)
    }
}
