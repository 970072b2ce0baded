import Foundation
import Testing

@testable import Pipeline

/// An instant written in UTC, `2026-03-08T07:00`.
private func utc(_ text: String) -> Date {
    let n = text.split(whereSeparator: { !$0.isNumber }).map { Int($0)! }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar.date(from: DateComponents(year: n[0], month: n[1], day: n[2], hour: n[3], minute: n[4]))!
}

private func iso(_ date: Date?) -> String {
    guard let date else { return "nil" }
    let f = ISO8601DateFormatter()
    f.timeZone = TimeZone(identifier: "UTC")!
    return f.string(from: date)
}

private let utcZone = TimeZone(identifier: "UTC")!

@Suite struct CronScheduleTests {
    // MARK: Field syntax

    @Test(arguments: [
        ("*/15 * * * *", CronField.Name.minute, [0, 15, 30, 45]),
        ("1-10/2 * * * *", .minute, [1, 3, 5, 7, 9]),
        ("5/20 * * * *", .minute, [5, 25, 45]),
        ("0,30,59 * * * *", .minute, [0, 30, 59]),
        ("0 8-11,14 * * *", .hour, [8, 9, 10, 11, 14]),
        ("0 */6 * * *", .hour, [0, 6, 12, 18]),
        ("0 0 1,15 * *", .dayOfMonth, [1, 15]),
        ("0 0 * JAN-MAR,dec *", .month, [1, 2, 3, 12]),
        ("0 0 * */3 *", .month, [1, 4, 7, 10]),
        ("0 0 * * MON-FRI", .dayOfWeek, [1, 2, 3, 4, 5]),
        ("0 0 * * 7", .dayOfWeek, [0]),
        ("0 0 * * 5-7", .dayOfWeek, [0, 5, 6]),
        ("0 0 * * sun,Sat", .dayOfWeek, [0, 6]),
        ("0 0 * * 0-7/2", .dayOfWeek, [0, 2, 4, 6]),
    ])
    func fieldValues(expression: String, field: CronField.Name, values: [Int]) throws {
        let schedule = try CronSchedule(parsing: expression, defaultTimeZone: utcZone)
        let parsed = schedule.fields.first { $0.name == field }!
        #expect(parsed.values == values)
    }

    @Test(arguments: [
        ("@yearly", "0 0 1 1 *"), ("@annually", "0 0 1 1 *"), ("@monthly", "0 0 1 * *"),
        ("@weekly", "0 0 * * 0"), ("@daily", "0 0 * * *"), ("@midnight", "0 0 * * *"), ("@hourly", "0 * * * *"),
        ("@DAILY", "0 0 * * *"),
    ])
    func shortcuts(shortcut: String, fields: String) throws {
        let a = try CronSchedule(parsing: shortcut, defaultTimeZone: utcZone)
        let b = try CronSchedule(parsing: fields, defaultTimeZone: utcZone)
        #expect(a.fields.map(\.values) == b.fields.map(\.values))
        let start = utc("2026-01-01T00:30")
        #expect(a.nextRuns(after: start, count: 3) == b.nextRuns(after: start, count: 3))
    }

    // MARK: Errors name the field, the value and the allowed range

    @Test(arguments: [
        ("60 * * * *", ScheduleError.Code.invalidField, ["minute", "60", "0-59"]),
        ("0 24 * * *", .invalidField, ["hour", "24", "0-23"]),
        ("0 0 0 * *", .invalidField, ["day-of-month", "0", "1-31"]),
        ("0 0 * 13 *", .invalidField, ["month", "13", "1-12"]),
        ("0 0 * FOO *", .invalidField, ["month", "FOO", "JAN-DEC"]),
        ("0 0 * * 8", .invalidField, ["day-of-week", "8", "0-7"]),
        ("0 0 * * MOM", .invalidField, ["day-of-week", "MOM", "SUN-SAT"]),
        ("*/0 * * * *", .invalidField, ["minute", "step", "0"]),
        ("0 5-2 * * *", .invalidField, ["hour", "5-2", "backwards"]),
        ("0,,5 * * * *", .invalidField, ["minute", "empty"]),
        ("0 2 * *", .wrongFieldCount, ["4 fields", "five"]),
        ("0 2 * * * *", .wrongFieldCount, ["6 fields"]),
        ("@dayly", .unknownShortcut, ["@dayly", "@daily"]),
        ("@reboot", .unknownShortcut, ["@reboot"]),
        ("TZ=Mars/Olympus 0 2 * * *", .unknownTimeZone, ["Mars/Olympus"]),
        ("0 0 31 2 *", .neverRuns, ["31", "2"]),
        ("0 0 30 FEB *", .neverRuns, ["30", "FEB"]),
    ])
    func errors(expression: String, code: ScheduleError.Code, mentions: [String]) {
        do {
            _ = try CronSchedule(parsing: expression, defaultTimeZone: utcZone)
            Issue.record("'\(expression)' parsed but should fail with \(code)")
        } catch let error as ScheduleError {
            #expect(error.code == code)
            #expect(error.message.contains("'\(expression)'"))
            for word in mentions {
                #expect(error.message.contains(word), "message '\(error.message)' should mention '\(word)'")
            }
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    // MARK: Next runs

    @Test(arguments: [
        ("*/15 * * * *", "2026-01-01T00:07", ["2026-01-01T00:15:00Z", "2026-01-01T00:30:00Z", "2026-01-01T00:45:00Z"]),
        (
            "0 9 * * MON-FRI", "2026-01-02T10:00",
            ["2026-01-05T09:00:00Z", "2026-01-06T09:00:00Z", "2026-01-07T09:00:00Z"]
        ),
        ("30 23 31 * *", "2026-01-31T23:30", ["2026-03-31T23:30:00Z", "2026-05-31T23:30:00Z", "2026-07-31T23:30:00Z"]),
        ("0 0 29 2 *", "2026-03-01T00:00", ["2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z", "2036-02-29T00:00:00Z"]),
        (
            "59 23 31 12 *", "2026-12-31T23:59",
            ["2027-12-31T23:59:00Z", "2028-12-31T23:59:00Z", "2029-12-31T23:59:00Z"]
        ),
        ("@hourly", "2026-01-01T00:00", ["2026-01-01T01:00:00Z", "2026-01-01T02:00:00Z", "2026-01-01T03:00:00Z"]),
        ("0 0 * * 7", "2026-01-01T00:00", ["2026-01-04T00:00:00Z", "2026-01-11T00:00:00Z", "2026-01-18T00:00:00Z"]),
    ])
    func nextRunsInUTC(expression: String, after: String, expected: [String]) throws {
        let schedule = try CronSchedule(parsing: expression, defaultTimeZone: utcZone)
        #expect(schedule.nextRuns(after: utc(after), count: expected.count).map(iso) == expected)
    }

    @Test func nextRunIsStrictlyLater() throws {
        let schedule = try CronSchedule(parsing: "0 2 * * *", defaultTimeZone: utcZone)
        #expect(iso(schedule.nextRun(after: utc("2026-05-01T02:00"))) == "2026-05-02T02:00:00Z")
        #expect(iso(schedule.nextRun(after: utc("2026-05-01T01:59"))) == "2026-05-01T02:00:00Z")
    }

    /// Both day fields restricted: either matches (1 January 2026 is a Thursday).
    @Test func dayOfMonthOrDayOfWeek() throws {
        let schedule = try CronSchedule(parsing: "0 0 1 * MON", defaultTimeZone: utcZone)
        #expect(schedule.daysMatchEither)
        #expect(
            schedule.nextRuns(after: utc("2026-01-01T00:00"), count: 6).map(iso) == [
                "2026-01-05T00:00:00Z", "2026-01-12T00:00:00Z", "2026-01-19T00:00:00Z", "2026-01-26T00:00:00Z",
                "2026-02-01T00:00:00Z", "2026-02-02T00:00:00Z",
            ])
    }

    /// A day field that begins with `*` counts as unrestricted, so both must match (Vixie cron).
    @Test func starredDayFieldMeansBoth() throws {
        let schedule = try CronSchedule(parsing: "0 0 */2 * MON", defaultTimeZone: utcZone)
        #expect(!schedule.daysMatchEither)
        #expect(
            schedule.nextRuns(after: utc("2026-01-01T00:00"), count: 3).map(iso) == [
                "2026-01-05T00:00:00Z", "2026-01-19T00:00:00Z", "2026-02-09T00:00:00Z",
            ])
        let weekdaysOnly = try CronSchedule(parsing: "0 12 * * SAT", defaultTimeZone: utcZone)
        #expect(iso(weekdaysOnly.nextRun(after: utc("2026-01-01T00:00"))) == "2026-01-03T12:00:00Z")
    }

    /// Cross-check against a minute-by-minute scan with Foundation's Calendar.
    @Test(arguments: ["*/7 3-5 * * *", "15 */5 2,16 * TUE", "0 0 * * SAT,SUN", "45 22 28-31 * *"])
    func agreesWithCalendarScan(expression: String) throws {
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        let schedule = try CronSchedule(parsing: expression, defaultTimeZone: zone)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let start = utc("2026-02-25T00:00")
        var expected: [Date] = []
        var t = start.addingTimeInterval(60)
        while expected.count < 8 && t < start.addingTimeInterval(86400 * 70) {
            let c = calendar.dateComponents([.minute, .hour, .day, .month, .weekday], from: t)
            let dom = schedule.dayOfMonth.values.contains(c.day!)
            let dow = schedule.dayOfWeek.values.contains(c.weekday! - 1)
            let dayOK = schedule.daysMatchEither ? dom || dow : dom && dow
            if dayOK && schedule.minute.values.contains(c.minute!) && schedule.hour.values.contains(c.hour!)
                && schedule.month.values.contains(c.month!)
            {
                expected.append(t)
            }
            t = t.addingTimeInterval(60)
        }
        #expect(expected.count == 8)
        #expect(schedule.nextRuns(after: start, count: 8) == expected)
    }

    // MARK: Time zones and daylight saving

    @Test func timeZonePrefix() throws {
        let schedule = try CronSchedule(parsing: "TZ=Asia/Shanghai 0 2 * * *", defaultTimeZone: utcZone)
        #expect(schedule.timeZoneIdentifier == "Asia/Shanghai")
        #expect(schedule.timeZone.identifier == "Asia/Shanghai")
        let cronTZ = try CronSchedule(parsing: "CRON_TZ=Europe/Berlin @daily", defaultTimeZone: utcZone)
        #expect(cronTZ.timeZoneIdentifier == "Europe/Berlin")
        #expect(iso(cronTZ.nextRun(after: utc("2026-07-01T12:00"))) == "2026-07-01T22:00:00Z")
    }

    @Test func defaultZoneIsUsedWithoutPrefix() throws {
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        let schedule = try CronSchedule(parsing: "0 2 * * *", defaultTimeZone: berlin)
        #expect(schedule.timeZoneIdentifier == nil)
        #expect(iso(schedule.nextRun(after: utc("2026-01-10T00:00"))) == "2026-01-10T01:00:00Z")
        #expect(try CronSchedule(parsing: "0 2 * * *").timeZone == TimeZone.current)
    }

    /// Shanghai has no daylight saving: 02:00 local is 18:00 UTC the day before, all year.
    @Test func shanghaiHasNoTransitions() throws {
        let schedule = try CronSchedule(parsing: "TZ=Asia/Shanghai 0 2 * * *")
        let runs = schedule.nextRuns(after: utc("2026-01-01T00:00"), count: 365)
        #expect(runs.count == 365)
        #expect(runs.allSatisfy { Int($0.timeIntervalSince1970) % 86400 == 18 * 3600 })
        #expect(zip(runs, runs.dropFirst()).allSatisfy { $1.timeIntervalSince($0) == 86400 })
    }

    /// New York springs forward on 8 March 2026 (02:00 EST → 03:00 EDT): 02:30 does not exist, so a
    /// fixed-time job runs at 03:00 EDT (07:00 UTC), once.
    @Test func newYorkSpringForwardFixedTime() throws {
        let schedule = try CronSchedule(parsing: "TZ=America/New_York 30 2 * * *")
        #expect(
            schedule.nextRuns(after: utc("2026-03-06T12:00"), count: 4).map(iso) == [
                "2026-03-07T07:30:00Z", "2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z", "2026-03-10T06:30:00Z",
            ])
        // Several skipped times collapse into one catch-up run.
        let twice = try CronSchedule(parsing: "TZ=America/New_York 0,30 2 * * *")
        #expect(
            twice.nextRuns(after: utc("2026-03-08T06:00"), count: 3).map(iso) == [
                "2026-03-08T07:00:00Z", "2026-03-09T06:00:00Z", "2026-03-09T06:30:00Z",
            ])
    }

    /// A repeating job fires on wall-clock matches only: nothing in the skipped hour.
    @Test func newYorkSpringForwardRepeating() throws {
        let schedule = try CronSchedule(parsing: "TZ=America/New_York 30 * * * *")
        #expect(
            schedule.nextRuns(after: utc("2026-03-08T05:00"), count: 3).map(iso) == [
                "2026-03-08T05:30:00Z", "2026-03-08T06:30:00Z", "2026-03-08T07:30:00Z",
            ])
    }

    /// New York falls back on 1 November 2026 (02:00 EDT → 01:00 EST): 01:30 happens twice; a
    /// fixed-time job runs once, at the first; an hourly job runs in both real hours.
    @Test func newYorkFallBack() throws {
        let fixed = try CronSchedule(parsing: "TZ=America/New_York 30 1 * * *")
        #expect(
            fixed.nextRuns(after: utc("2026-10-31T12:00"), count: 2).map(iso) == [
                "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z",
            ])
        #expect(iso(fixed.nextRun(after: utc("2026-11-01T05:30"))) == "2026-11-02T06:30:00Z")
        let hourly = try CronSchedule(parsing: "TZ=America/New_York 30 * * * *")
        #expect(
            hourly.nextRuns(after: utc("2026-11-01T04:00"), count: 4).map(iso) == [
                "2026-11-01T04:30:00Z", "2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z", "2026-11-01T07:30:00Z",
            ])
    }

    /// Berlin: 29 March 2026 02:00 CET → 03:00 CEST; 25 October 2026 03:00 CEST → 02:00 CET.
    @Test func berlinTransitions() throws {
        let spring = try CronSchedule(parsing: "TZ=Europe/Berlin 15 2 * * *")
        #expect(
            spring.nextRuns(after: utc("2026-03-28T00:00"), count: 3).map(iso) == [
                "2026-03-28T01:15:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:15:00Z",
            ])
        let autumn = try CronSchedule(parsing: "TZ=Europe/Berlin 30 2 * * *")
        #expect(
            autumn.nextRuns(after: utc("2026-10-24T12:00"), count: 2).map(iso) == [
                "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z",
            ])
        let everyTenMinutes = try CronSchedule(parsing: "TZ=Europe/Berlin */10 2 25 10 *")
        let runs = everyTenMinutes.nextRuns(after: utc("2026-10-24T12:00"), count: 12)
        #expect(runs.count == 12)
        #expect(iso(runs.first) == "2026-10-25T00:00:00Z")
        #expect(iso(runs.last) == "2026-10-25T01:50:00Z")
    }
}
