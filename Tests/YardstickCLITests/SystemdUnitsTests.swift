import Foundation
import TestSupport
import Testing

@testable import Pipeline

/// Runs a program and collects its exit status and output.
private func runProgram(_ path: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (
    status: Int32, output: String, errors: String
) {
    let result = try runCommand(path, arguments, environment: environment, inherit: environment == nil)
    return (result.status, result.stdout, result.stderr)
}

/// systemd-analyze, or `nil` when this machine has none (the tests that need it are then skipped).
private let systemdAnalyze: String? = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first {
    FileManager.default.isExecutableFile(atPath: $0)
}

/// The yardstick executable built beside the test bundle.
private func builtYardstick() -> String? {
    let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidate = bundleDir.appendingPathComponent("yardstick").path
    return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
}

private func pipeline(_ id: String = "zhecheng-2022", schedule: String, exe: String = "/usr/local/bin/yardstick")
    -> ScheduledPipeline
{
    ScheduledPipeline(
        id: id, pipelinePath: "/srv/yardstick/pipelines/\(id).yaml", schedule: schedule, executablePath: exe,
        workingDirectory: "/srv/yardstick", databasePath: "/srv/yardstick/.yardstick/yardstick.sqlite")
}

@Suite struct SystemdUnitsTests {
    // MARK: OnCalendar translation

    @Test(arguments: [
        ("TZ=Asia/Shanghai 0 2 * * *", ["*-*-* 02:00:00 Asia/Shanghai"]),
        ("*/15 9-17 * * MON-FRI", ["Mon..Fri *-*-* 09..17:00/15:00"]),
        ("5/20 */6 * JAN,APR,JUL,OCT *", ["*-01/3-* 00/6:05/20:00"]),
        ("0 0 1,15 * *", ["*-*-01,15 00:00:00"]),
        ("30 6 * * FRI-SUN", ["Fri..Sun *-*-* 06:30:00"]),
        ("30 6 * * SUN,MON", ["Mon,Sun *-*-* 06:30:00"]),
        ("0 12 1 * FRI", ["Fri *-*-* 12:00:00", "*-*-01 12:00:00"]),
        ("TZ=Europe/Berlin 0 0 */2 * MON", ["Mon *-*-01/2 00:00:00 Europe/Berlin"]),
        ("@weekly", ["Sun *-*-* 00:00:00"]),
        ("@yearly", ["*-01-01 00:00:00"]),
        ("0 1,2,3,7 * * *", ["*-*-* 01..03,07:00:00"]),
    ])
    func calendars(expression: String, expected: [String]) throws {
        #expect(try CronSchedule(parsing: expression).systemdCalendars == expected)
    }

    // MARK: Unit text

    @Test func serviceAndTimerText() throws {
        let units = try SystemdUnits(for: pipeline(schedule: "TZ=Asia/Shanghai 0 2 * * *"))
        #expect(units.serviceName == "yardstick-zhecheng-2022.service")
        #expect(units.timerName == "yardstick-zhecheng-2022.timer")
        #expect(units.service.contains("\nType=oneshot\n"))
        #expect(units.service.contains("\nWorkingDirectory=/srv/yardstick\n"))
        #expect(
            units.service.contains(
                "\nExecStart=/usr/local/bin/yardstick run /srv/yardstick/pipelines/zhecheng-2022.yaml --db /srv/yardstick/.yardstick/yardstick.sqlite\n"
            ))
        #expect(units.timer.contains("\nOnCalendar=*-*-* 02:00:00 Asia/Shanghai\n"))
        #expect(units.timer.contains("\nPersistent=true\n"))
        #expect(units.timer.contains("\nUnit=yardstick-zhecheng-2022.service\n"))
        #expect(units.timer.contains("\nWantedBy=timers.target\n"))
    }

    @Test func awkwardPathsAreQuotedAndEscaped() throws {
        var p = pipeline(schedule: "@daily")
        p.pipelinePath = "/srv/my pipelines/100% \"done\".yaml"
        p.workingDirectory = "/srv/50% off"
        let units = try SystemdUnits(for: p)
        #expect(units.service.contains("\nWorkingDirectory=/srv/50%% off\n"))
        #expect(units.service.contains(#" run "/srv/my pipelines/100%% \"done\".yaml" --db "#))
        let unicode = try SystemdUnits(for: pipeline("柘城-2022", schedule: "@daily"))
        #expect(unicode.serviceName == "yardstick-\\xe6\\x9f\\x98\\xe5\\x9f\\x8e-2022.service")
    }

    @Test(arguments: [
        (
            ScheduledPipeline(
                id: "a", pipelinePath: "pipelines/a.yaml", schedule: "@daily", executablePath: "/usr/bin/yardstick",
                workingDirectory: "/srv", databasePath: "/srv/db.sqlite"), ScheduleError.Code.relativePath,
            "pipelines/a.yaml"
        ),
        (
            ScheduledPipeline(
                id: "a b", pipelinePath: "/a.yaml", schedule: "@daily", executablePath: "/usr/bin/yardstick",
                workingDirectory: "/srv", databasePath: "/srv/db.sqlite"), .invalidPipelineID, "a b"
        ),
        (
            ScheduledPipeline(
                id: "a", pipelinePath: "/a.yaml", schedule: "0 25 * * *", executablePath: "/usr/bin/yardstick",
                workingDirectory: "/srv", databasePath: "/srv/db.sqlite"), .invalidField, "hour"
        ),
    ])
    func badInputIsRejected(pipeline: ScheduledPipeline, code: ScheduleError.Code, mention: String) {
        for attempt in [{ _ = try SystemdUnits(for: pipeline) }, { _ = try CrontabLines.lines(for: pipeline) }] {
            do {
                try attempt()
                Issue.record("\(pipeline) was accepted")
            } catch let error as ScheduleError {
                #expect(error.code == code)
                #expect(error.message.contains(mention))
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }

    // MARK: Crontab

    static let utc = TimeZone(identifier: "UTC")!
    /// A day without a daylight-saving change near it in either zone used below.
    static let june = Date(timeIntervalSince1970: 1_780_000_000)  // 2026-05-28

    @Test func crontabLineWithZoneIsConvertedToTheMachineZone() throws {
        let lines = try CrontabLines.lines(
            for: pipeline(schedule: "TZ=Asia/Shanghai 0 2 * * *"), machineTimeZone: Self.utc)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("# yardstick pipeline zhecheng-2022"))
        #expect(lines[1] == "# times converted from Asia/Shanghai to this machine's zone \(Self.utc.identifier)")
        #expect(
            lines[2]
                == "0 18 * * * cd /srv/yardstick && /usr/local/bin/yardstick run /srv/yardstick/pipelines/zhecheng-2022.yaml --db /srv/yardstick/.yardstick/yardstick.sqlite"
        )
        #expect(!lines.contains { $0.hasPrefix("CRON_TZ=") })
    }

    @Test func crontabWithoutZoneAndWithShortcut() throws {
        let lines = try CrontabLines.lines(for: pipeline(schedule: "@hourly"))
        #expect(lines.count == 2)
        #expect(lines[1].hasPrefix("0 * * * * cd /srv/yardstick && "))
    }

    /// Each converted line fires at the same instants as the zoned schedule, checked minute by minute
    /// over two weeks against `CronSchedule` in the machine's zone.
    @Test(arguments: [
        ("TZ=Asia/Shanghai 0 2 * * *", "UTC"), ("TZ=Asia/Shanghai 30 6 * * 1", "UTC"),
        ("TZ=Asia/Shanghai 15 7,20 * * MON-FRI", "Europe/Berlin"), ("TZ=Asia/Kolkata 0 1 * * *", "UTC"),
        ("TZ=America/New_York 0 22 * * SUN", "Asia/Shanghai"), ("TZ=UTC */20 * * * *", "Asia/Shanghai"),
        ("TZ=Asia/Shanghai 0 9 1 * *", "Asia/Tokyo"),
    ])
    func convertedLinesFireWhenTheZonedScheduleDoes(schedule: String, machine: String) throws {
        let zone = TimeZone(identifier: machine)!
        let zoned = try CronSchedule(parsing: schedule)
        let converted = try #require(zoned.fields(in: zone, at: Self.june))
        let machineSchedules = try converted.lines.map { try CronSchedule(parsing: $0, defaultTimeZone: zone) }
        // Up to the offset change the comment names, when there is one.
        var expected = zoned.nextRuns(after: Self.june, count: 40).filter {
            $0 < (converted.validUntil ?? .distantFuture)
        }
        var actual: [Date] = []
        var cursor = Self.june
        while actual.count < expected.count {
            let next = machineSchedules.compactMap { $0.nextRun(after: cursor) }.min()!
            actual.append(next)
            cursor = next
        }
        expected = Array(expected.prefix(actual.count))
        #expect(actual == expected, "\(schedule) on \(machine): \(converted.lines)")
    }

    @Test func aScheduleThatCannotBeConvertedKeepsCRONTZAndSaysSo() throws {
        // The 1st of the month at 02:00 in Shanghai is the last day of the month before in UTC.
        let text = try CrontabLines.text(
            for: [pipeline(schedule: "TZ=Asia/Shanghai 0 2 1 * *")], machineTimeZone: Self.utc, now: Self.june)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains("CRON_TZ=Asia/Shanghai"))
        #expect(lines.last == "CRON_TZ=\(Self.utc.identifier)")
        #expect(lines.contains { $0.contains("runs this line in \(Self.utc.identifier), not Asia/Shanghai") })
    }

    @Test func daylightSavingZonesSayUntilWhenTheLineHolds() throws {
        let text = try CrontabLines.text(
            for: [pipeline(schedule: "TZ=Europe/Berlin 0 2 * * *")], machineTimeZone: Self.utc, now: Self.june)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("valid until the offset change around 2026-10-2") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("0 0 * * * cd ") }, "\(lines)")
    }

    @Test func crontabOutputAppendsWithoutChangingOtherLines() throws {
        let text = try CrontabLines.text(
            for: [
                pipeline("a", schedule: "TZ=Asia/Shanghai 0 2 * * *"), pipeline("c", schedule: "*/10 * * * *"),
            ], machineTimeZone: Self.utc, now: Self.june)
        #expect(!text.contains("CRON_TZ="))
        #expect(text.hasSuffix("\n"))
        // Appended after a user's own line, cron reads every line as before.
        let crontab = "MAILTO=me@example.org\n5 4 * * * /usr/bin/backup\n" + text
        let entries = crontab.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.contains("=") }
        #expect(entries.count == 3)
    }

    /// Names and extensions some crons lack become numbers; `*` forms stay as written, since cron's
    /// day rule looks at the leading `*`.
    @Test(arguments: [
        ("30 6 * * FRI-SUN", "30 6 * * 0,5,6"), ("0 9 * JAN-MAR,dec MON-FRI", "0 9 * 1-3,12 1-5"),
        ("5/20 */6 */2 * 7", "5,25,45 */6 */2 * 0"), ("@weekly", "0 0 * * 0"),
        ("0 8-11,14 1,15 * *", "0 8-11,14 1,15 * *"),
    ])
    func crontabFieldsArePortable(expression: String, fields: String) throws {
        let line = try CrontabLines.lines(for: pipeline(schedule: expression))[1]
        #expect(line.hasPrefix(fields + " cd /srv/yardstick && "))
    }

    @Test func crontabQuotesAndEscapesPercent() throws {
        var p = pipeline(schedule: "@daily")
        p.pipelinePath = "/srv/it's 100%.yaml"
        let line = try CrontabLines.lines(for: p)[1]
        #expect(line.contains(#" run '/srv/it'\''s 100\%.yaml' --db "#))
    }

    // MARK: systemd itself

    @Test(
        .enabled(if: systemdAnalyze != nil, "systemd-analyze is not installed: the units cannot be verified"),
        arguments: [
            "TZ=Asia/Shanghai 0 2 * * *", "*/15 9-17 * * MON-FRI", "0 12 1 * FRI", "@monthly",
            "TZ=Europe/Berlin 5/20 */6 * JAN,APR,JUL,OCT *",
        ])
    func unitsPassSystemdAnalyzeVerify(expression: String) throws {
        let analyze = try #require(systemdAnalyze)
        guard let exe = builtYardstick() else {
            Issue.record("the yardstick executable was not found beside the test bundle (\(CommandLine.arguments[0]))")
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yardstick-units-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let units = try SystemdUnits(for: pipeline(schedule: expression, exe: exe))
        let urls = try units.write(to: dir)
        #expect(urls.map(\.lastPathComponent) == [units.serviceName, units.timerName])
        let result = try runProgram(analyze, ["verify"] + urls.map(\.path))
        #expect(result.status == 0, "systemd-analyze verify failed: \(result.errors)\(result.output)")
        let complaints = (result.errors + result.output).split(separator: "\n").filter { $0.contains("yardstick-") }
        #expect(complaints.isEmpty, "systemd-analyze verify complained: \(complaints)")
    }

    /// A broken unit must make the verification fail, or the test above proves nothing.
    @Test(.enabled(if: systemdAnalyze != nil, "systemd-analyze is not installed"))
    func verifyCatchesABrokenTimer() throws {
        let analyze = try #require(systemdAnalyze)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yardstick-units-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let units = try SystemdUnits(for: pipeline(schedule: "@daily", exe: "/nonexistent/yardstick"))
        let urls = try units.write(to: dir)
        let result = try runProgram(analyze, ["verify"] + urls.map(\.path))
        #expect(result.status != 0)
    }

    /// systemd's own calendar agrees with `CronSchedule.nextRun` on the next elapses.
    @Test(
        .enabled(if: systemdAnalyze != nil, "systemd-analyze is not installed: its calendar cannot be compared"),
        arguments: [
            "TZ=Asia/Shanghai 0 2 * * *", "TZ=Asia/Shanghai */15 9-17 * * MON-FRI", "TZ=Europe/Berlin 30 6 1,15 * *",
            "TZ=America/New_York 0 12 1 * FRI", "TZ=UTC 5/20 */6 * JAN,APR,JUL,OCT *", "TZ=Asia/Shanghai @weekly",
            "TZ=Europe/Berlin 45 7 * 2-11/3 SUN,SAT",
        ])
    func systemdCalendarAgreesWithNextRun(expression: String) throws {
        let analyze = try #require(systemdAnalyze)
        let schedule = try CronSchedule(parsing: expression)
        let count = 5
        for _ in 0..<3 {
            let before = Date()
            var elapses: [Date] = []
            for calendar in schedule.systemdCalendars {
                let result = try runProgram(
                    analyze, ["calendar", "--iterations=\(count)", calendar], environment: ["TZ": "UTC", "LANG": "C"])
                #expect(result.status == 0, "systemd-analyze calendar '\(calendar)': \(result.errors)")
                elapses += Self.elapses(in: result.output)
            }
            let after = Date()
            let expected = schedule.nextRuns(after: before, count: count)
            // A run falling between the two clocks' readings makes the comparison ambiguous: try again.
            guard expected == schedule.nextRuns(after: after, count: count) else { continue }
            let merged = Array(Set(elapses).sorted().prefix(count))
            #expect(merged == expected, "systemd: \(merged), cron: \(expected)")
            return
        }
        Issue.record("the clock kept crossing a run time; could not compare")
    }

    /// The "Next elapse:" and "Iter. #N:" times of `systemd-analyze calendar`, printed in UTC.
    static func elapses(in output: String) -> [Date] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return output.split(separator: "\n").compactMap { line -> Date? in
            guard line.contains("Next elapse:") || line.contains("Iter. #") else { return nil }
            let words = line.split(separator: " ")
            guard let dayIndex = words.firstIndex(where: { $0.count == 10 && $0.filter { $0 == "-" }.count == 2 }),
                dayIndex + 1 < words.count
            else { return nil }
            let n = (words[dayIndex] + "-" + words[dayIndex + 1]).split(whereSeparator: { !$0.isNumber }).compactMap {
                Int($0)
            }
            guard n.count == 6 else { return nil }
            return calendar.date(
                from: DateComponents(year: n[0], month: n[1], day: n[2], hour: n[3], minute: n[4], second: n[5]))
        }
    }
}
