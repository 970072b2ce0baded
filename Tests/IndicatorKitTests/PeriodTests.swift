import IndicatorKit
import Testing

@Suite struct PeriodTests {
    @Test(arguments: [
        ("2022", "2022", 2022, 1...12),
        ("2022-Q3", "2022-Q3", 2022, 7...9),
        ("2022Q3", "2022-Q3", 2022, 7...9),
        ("2022-S1", "2022-S1", 2022, 1...6),
        ("2022-H2", "2022-S2", 2022, 7...12),
        ("2022-09", "2022-09", 2022, 9...9),
        ("2022-M09", "2022-09", 2022, 9...9),
        ("2022M9", "2022-09", 2022, 9...9),
        ("2022-A1", "2022", 2022, 1...12),
        ("2022-01/2022-09", "2022-01/2022-09", 2022, 1...9),
        ("2022-09-30", "2022-09-30", 2022, 9...9),
        ("2022-09-30T12:00:00Z", "2022-09-30", 2022, 9...9),
        (" 2021 ", "2021", 2021, 1...12),
    ])
    func parses(text: String, canonical: String, year: Int, months: ClosedRange<Int>) throws {
        let period = try #require(Period(parsing: text))
        #expect(period.rawValue == canonical)
        #expect(period.year == year)
        #expect(period.months == months)
        #expect(period.isRecognized)
        #expect(Period(parsing: period.rawValue) == period)
    }

    @Test(arguments: ["", "22", "2022-13", "2022-Q5", "2022-S3", "2022-09-32", "sometime", "２０２２", "999", "2022-09x"])
    func rejects(text: String) {
        #expect(Period(parsing: text) == nil)
        #expect(!Period(unchecked: text).isRecognized)
        #expect(Period(unchecked: text).rawValue == text)
    }

    @Test func weekHasYearButNoMonths() throws {
        let week = try #require(Period(parsing: "2022-W05"))
        #expect(week.year == 2022)
        #expect(week.months == nil)
        #expect(week.monthCount == nil)
    }

    @Test func spanAcrossYearsIsKeptButNotWithinOneYear() throws {
        let span = try #require(Period(parsing: "2021-10/2022-03"))
        #expect(span.rawValue == "2021-10/2022-03")
        #expect(span.year == nil)
    }

    @Test func fullYearAndMonthCount() throws {
        #expect(Period(year: 2022).isFullYear)
        #expect(try #require(Period(parsing: "2022-01/2022-09")).monthCount == 9)
        #expect(!(try #require(Period(parsing: "2022-Q1")).isFullYear))
    }

    /// Periods order by the month they end in, then the one they start in (wider first).
    @Test func ordering() throws {
        let texts = ["2022", "2021", "2022-Q1", "2022-01/2022-09", "2022-03"]
        let sorted = texts.compactMap(Period.init(parsing:)).sorted().map(\.rawValue)
        #expect(sorted == ["2021", "2022-Q1", "2022-03", "2022-01/2022-09", "2022"])
    }
}
