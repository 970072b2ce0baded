import IndicatorKit
import Testing

@testable import Site

@Suite struct ExcerptTests {
    let lines: [Substring] = [
        "一、2021年工作回顾", "", "二、2022年主要目标", "全县生产总值增长9.5%左右，规模以上工业增加值增长10%。", "三、措施",
    ]

    func goal(_ text: String, line: Int, column: Int?) -> SourceRecord {
        .goal(
            Goal(
                subject: "生产总值", kind: .growth, comparator: .about, quantity: Quantity(value: 9.5, unit: "%"),
                period: Period(year: 2022), text: text, location: SourceLocation(line: line, column: column)))
    }

    @Test func theClauseIsMarkedOnItsLineWithTwoLinesEachSide() throws {
        let e = try #require(Excerpt.around(goal("生产总值增长9.5%左右", line: 4, column: 3), in: lines))
        #expect(e.lines.map(\.number) == [2, 3, 4, 5])
        let hit = try #require(e.lines.first { $0.mark != nil })
        #expect(hit.number == 4)
        let chars = Array(hit.text)
        #expect(String(chars[hit.mark!]) == "生产总值增长9.5%左右")
    }

    @Test func withoutTheClauseTheLineIsMarkedFromTheColumn() throws {
        let e = try #require(Excerpt.around(goal("不在此行", line: 4, column: 16), in: lines))
        let hit = try #require(e.lines.first { $0.mark != nil })
        #expect(String(Array(hit.text)[hit.mark!]).hasPrefix("规模以上"))
    }

    @Test func aLineOutsideTheDocumentHasNoExcerpt() {
        #expect(Excerpt.around(goal("x", line: 99, column: 1), in: lines) == nil)
        #expect(Excerpt.around(goal("x", line: 0, column: 1), in: lines) == nil)
    }
}
