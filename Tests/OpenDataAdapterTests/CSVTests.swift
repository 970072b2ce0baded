import Foundation
import IndicatorKit
import OpenDataAdapter
import Testing

@Suite("CSV")
struct CSVTests {
    @Test("a wide table with years as columns gives one observation per filled year cell")
    func wide() async throws {
        let records = try await readRecords(try fixture("wide.csv"))
        let rows = records.compactMap(\.observation).map {
            "\($0.subject)|\($0.period)|\($0.quantity.value ?? -1)|\($0.quantity.unit)"
        }
        #expect(
            rows == [
                "地区生产总值|2020|100.1|亿元", "地区生产总值|2021|110.2|亿元", "地区生产总值|2022|120.3|亿元",
                "粮食产量|2020|95.0|万吨", "粮食产量|2022|98.5|万吨", "常住人口|2020|35.0|万人", "常住人口|2021|35.1|万人",
                "常住人口|2022|35.2|万人", "造林面积|2020|1.2|万亩", "造林面积|2021|1.5|万亩", "造林面积|2022|1.8|万亩",
            ])
        let first = try #require(records.first?.observation)
        #expect(first.location.row == 1)
        #expect(first.location.column == 3)
    }

    @Test("years: columns reads a wide table even when a column is called value")
    func wideForced() async throws {
        let records = try await readRecords(
            writing: "t.csv", "subject,value,2021,2022\nA,9,1,2\n", options: ["years": .string("columns")])
        #expect(records.map { $0.quantity.value } == [1, 2])
        #expect(records.map(\.period.rawValue) == ["2021", "2022"])
    }

    @Test("a GBK file is read with its charset detected")
    func gbk() async throws {
        let records = try await readRecords(try fixture("gbk.csv"))
        #expect(records.map(\.subject) == ["一般公共预算收入", "粮食产量", "地区生产总值", "常住人口", "新建5G基站"])
        #expect(records.map { $0.quantity.value } == [18.6, 98.5, 120.3, 35.2, 285])
        #expect(records.map { $0.quantity.unit } == ["亿元", "万吨", "亿元", "万人", "个"])
    }

    @Test("unknown options are rejected with a suggestion")
    func unknownOption() async throws {
        #expect(throws: AdapterError.self) { try OpenDataAdapter(options: AdapterOptions(["pointr": .string("/a")])) }
        do {
            _ = try OpenDataAdapter(options: AdapterOptions(["pointr": .string("/a")]))
        } catch let error as AdapterError {
            #expect(error.code == .unknownOption)
            #expect(error.message.contains("'pointer'"))
        }
    }

    @Test("a preset with a non-JSON format is refused")
    func presetFormat() {
        #expect(throws: AdapterError.self) {
            try OpenDataAdapter(options: AdapterOptions(["preset": .string("ckan"), "format": .string("csv")]))
        }
    }
}

@Suite("CSV long tables")
struct LongCSVTests {
    @Test("rows with a comparator are goals; columns maps other headers; quoting and tabs")
    func goalsAndMapping() async throws {
        let records = try await readRecords(
            writing: "t.tsv", "名目\t时段\t量\t单位\t比较\n\"生产总值\"\t2022\t9.5\t%\t左右\n\"粮食\t产量\"\t2022\t\"1,234.5\"\t万吨\t\n",
            options: [
                "columns": .map(["subject": .string("名目"), "period": .string("时段"), "value": .string("量")]),
                "kind": .string("growth"),
            ])
        #expect(records.count == 2)
        #expect(records[0].goal?.comparator == .about)
        #expect(records[0].goal?.quantity.value == 9.5)
        #expect(records[0].kind == .growth)
        #expect(records[1].observation?.subject == "粮食\t产量")
        #expect(records[1].observation?.quantity.value == 1234.5)
        #expect(records[1].location.row == 2)
    }
}

@Suite("CSV quoting")
struct CSVQuotingTests {
    @Test("quotes, doubled quotes, CRLF, line breaks in quotes and a full-width delimiter")
    func quoting() async throws {
        let records = try await readRecords(
            writing: "q.csv", "subject,period,value,text\r\n\"说 \"\"明\"\"\",2022,1,\"a\nb\"\r\nX,2021,2,plain\r\n")
        #expect(records.map(\.subject) == ["说 \"明\"", "X"])
        #expect(records.map(\.text) == ["a\nb", "plain"])
        #expect(records.map { $0.location.line } == [2, 4])
        let wideRecords = try await readRecords(
            writing: "w.csv", "指标，2021，2022\n产量，1，2\n", options: ["delimiter": .string("，")])
        #expect(wideRecords.map { $0.quantity.value } == [1, 2])
    }

    @Test("an unclosed quote is malformed input naming the line")
    func unclosed() async throws {
        let code = await adapterErrorCode {
            _ = try await readRecords(writing: "u.csv", "subject,period,value\nA,2022,\"1\n")
        }
        #expect(code == .malformedInput)
    }
}
