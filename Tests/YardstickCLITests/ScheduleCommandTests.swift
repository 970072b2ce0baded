import Foundation
import Storage
import TestSupport
import Testing

@Suite struct ScheduleCommandTests {
    /// `--run-now` runs the pipeline at start, so the test waits for no clock boundary: only for the
    /// run itself, with a limit generous enough for a loaded machine.
    @Test(.timeLimit(.minutes(5)))
    func foregroundSchedulerRunsAPipelineAndStopsOnSIGTERM() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try folder.copyFixture("indicators.csv")
        try folder.write(
            "yearly.yaml",
            """
            pipeline: every-minute
            schedule: "0 0 1 1 *"
            sources:
              - id: table
                adapter: open-data
                location: indicators.csv
            """)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Package.yardstick)
        process.arguments = ["schedule", folder.path, "--db", folder.file("db.sqlite"), "--run-now"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        // Wait for the run to land (it starts at once; the limit only bounds a broken build).
        let deadline = Date().addingTimeInterval(240)
        var ran = false
        while Date() < deadline {
            if let store = try? SQLiteStore(path: folder.file("db.sqlite")),
                let runs = try? store.runs(pipeline: "every-minute"), runs.contains(where: { $0.status == "succeeded" })
            {
                ran = true
                break
            }
            Thread.sleep(forTimeInterval: 0.5)
        }
        #expect(ran, "the scheduler did not run the pipeline within 240 s")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        #expect(log.contains("scheduled pipeline 'every-minute'"))
        #expect(log.contains("scheduler stopped"))
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        #expect(try store.lockHolder(pipeline: "every-minute") == nil)
    }

    @Test func printedSystemdUnitsPassSystemdAnalyzeVerify() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze") else {
            Issue.record("systemd-analyze is not installed (apt-get install systemd); scripts/setup.sh installs it")
            return
        }
        let result = try yardstick(
            ["schedule", "pipelines/zhecheng-2022.yaml", "--print-systemd", "--db", "/var/lib/yardstick/db.sqlite"],
            in: Package.root)
        #expect(result.status == 0, "\(result.stderr)")
        let folder = try TempFolder()
        defer { folder.cleanup() }
        // Split the output at its "# NAME" headers into unit files.
        var current: String?
        var files: [String: String] = [:]
        for line in result.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# yardstick-") {
                current = String(line.dropFirst(2))
                files[current!] = ""
            } else if let c = current {
                files[c]! += line + "\n"
            }
        }
        #expect(files.keys.sorted() == ["yardstick-zhecheng-2022.service", "yardstick-zhecheng-2022.timer"])
        #expect(files["yardstick-zhecheng-2022.timer"]?.contains("OnCalendar=*-*-* 02:00:00 Asia/Shanghai") == true)
        for (name, text) in files { try folder.write(name, text) }
        let verify = try runCommand(
            "/usr/bin/systemd-analyze",
            [
                "verify", "--man=no", folder.file("yardstick-zhecheng-2022.timer"),
                folder.file("yardstick-zhecheng-2022.service"),
            ])
        #expect(verify.status == 0, "systemd-analyze verify: \(verify.stderr)")
    }
}
