import Foundation
import IndicatorKit
import Testing

@Suite struct RecordJSONTests {
    static let records: [SourceRecord] = [
        .goal(
            Goal(
                subject: "生产总值", kind: .growth, comparator: .about, quantity: Quantity(value: 9.5, unit: "%"),
                period: Period(year: 2022), region: "柘城县", text: "生产总值增长9.5%左右",
                location: SourceLocation(line: 31, column: 18))),
        .goal(
            Goal(
                subject: "新建学校", indicator: "schools", kind: .level, comparator: .range,
                quantity: Quantity(value: 1, upper: 2, unit: "所"), period: Period(parsing: "2022-Q3")!,
                attributes: ["clause": "2", "a \"quoted\" key": "line\nbreak\ttab\\"])),
        .observation(
            Observation(
                subject: "GDP", indicator: "gdp", kind: .level, quantity: Quantity(value: nil, unit: "亿元"),
                period: Period(parsing: "2022-01/2022-09")!, region: "CN", redacted: true, text: "XXXX亿元",
                location: SourceLocation(line: 4, path: "/message/DataSet/Series[2]/Obs[1]"))),
        .observation(
            Observation(
                subject: "居民消费价格指数", kind: .share, quantity: Quantity(value: -0.25, unit: "%"),
                period: Period(parsing: "2022-09-30")!, location: SourceLocation(row: 7))),
        .observation(
            Observation(
                subject: "x\u{1}y", kind: .change, quantity: Quantity(value: 123_456_789_012, unit: "百分点"),
                period: Period(unchecked: "FY2022"), location: SourceLocation(pointer: "/data/0/value"))),
    ]

    @Test(arguments: records)
    func roundTrip(record: SourceRecord) throws {
        let line = record.jsonLine()
        #expect(!line.contains("\n"))
        #expect(try SourceRecord(jsonLine: line) == record)
    }

    @Test func designExampleDecodes() throws {
        let line = #"""
            {"type":"goal","subject":"生产总值","indicator":"gdp","kind":"growth","comparator":"~","value":9.5,"unit":"%","period":"2022","region":"柘城县","redacted":false,"text":"生产总值增长9.5%左右","location":{"line":31,"column":18}}
            """#
        let record = try SourceRecord(jsonLine: line)
        let goal = try #require(record.goal)
        #expect(goal.subject == "生产总值")
        #expect(goal.indicator == "gdp")
        #expect(goal.kind == .growth)
        #expect(goal.comparator == .about)
        #expect(goal.quantity.value == 9.5)
        #expect(goal.quantity.unit == "%")
        #expect(goal.period == Period(year: 2022))
        #expect(goal.location == SourceLocation(line: 31, column: 18))
        #expect(record.jsonLine() == line)
    }

    @Test func keysInFixedOrder() {
        let line = Self.records[0].jsonLine()
        let keys = [
            "\"type\"", "\"subject\"", "\"indicator\"", "\"kind\"", "\"comparator\"", "\"value\"", "\"unit\"",
            "\"period\"", "\"region\"", "\"redacted\"", "\"text\"", "\"location\"",
        ]
        let positions = keys.map { line.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
        #expect(!Self.records[2].jsonLine().contains("comparator"))
        #expect(Self.records[2].jsonLine().contains(#""value":null"#))
        #expect(Self.records[1].jsonLine().contains(#""value":1,"upper":2"#))
    }

    @Test(arguments: [
        (#"{"type":"observation","kind":"level","value":1,"unit":"%","period":"2022"}"#, "subject"),
        (#"{"type":"observation","subject":"a","kind":"speed","value":1,"unit":"%","period":"2022"}"#, "kind"),
        (
            #"{"type":"observation","subject":"a","kind":"level","comparator":">=","value":1,"unit":"%","period":"2022"}"#,
            "comparator"
        ),
        (
            #"{"type":"goal","subject":"a","kind":"level","comparator":"about","value":1,"unit":"%","period":"2022"}"#,
            "comparator"
        ),
        (#"{"type":"target","subject":"a","kind":"level","value":1,"unit":"%","period":"2022"}"#, "type"),
        (#"{"type":"goal","subject":"a","kind":"level","value":"nine","unit":"%","period":"2022"}"#, "value"),
        (#"[1,2]"#, "the line"),
        (#"{"type":"goal""#, "JSON"),
    ])
    func malformedLinesNameTheField(line: String, field: String) {
        do {
            _ = try SourceRecord(jsonLine: line)
            Issue.record("accepted \(line)")
        } catch let error as AdapterError {
            #expect(error.code == .malformedRecord)
            #expect(error.message.contains(field), "'\(error.message)' should name \(field)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
