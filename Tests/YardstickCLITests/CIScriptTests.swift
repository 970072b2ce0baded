import Foundation
import TestSupport
import Testing

/// `.ci/run`'s failure summary (scripts/ci-failures.sh) on a recorded log.
@Suite struct CIScriptTests {
    static let log = """
        [12/40] Compiling Pipeline PipelineRunner.swift
        ◇ Test run started.
        ✔ Test validateAcceptsTheBundledPipeline() passed after 0.5 seconds.
        ✘ Test aSecondRunExitsWithTheLockCodeNamingTheHolder() recorded an issue at LockTests.swift:62:9: Expectation failed: (second.status → 0) == 4
        ✘ Test aSecondRunExitsWithTheLockCodeNamingTheHolder() failed after 31.2 seconds with 1 issue.
        ✘ Test convertedLines(schedule:machine:) recorded an issue with 2 arguments schedule → "x", machine → "UTC" at A.swift:1:1: Expectation failed
        ✘ Suite LockTests failed after 31.3 seconds with 1 issue.
        Test Case 'LegacyTests.testOld' failed (0.2 seconds)
        /work/repo/Sources/Store/Store.swift:12:5: error: cannot find 'x' in scope
        error: Exited with unexpected signal code 11

        """

    @Test func theSummaryNamesTheStepTheFailedTestsAndTheErrors() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let log = try folder.write("ci.log", Self.log)
        let result = try runCommand("/bin/bash", [Package.root + "/scripts/ci-failures.sh", log, "make test"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "failed step: make test")
        #expect(lines.contains("  aSecondRunExitsWithTheLockCodeNamingTheHolder()"))
        #expect(lines.contains("  convertedLines(schedule:machine:)"))
        #expect(lines.contains("  LockTests"))
        #expect(lines.contains("  LegacyTests.testOld"))
        #expect(lines.contains { $0.contains("Store.swift:12:5: error: cannot find 'x'") })
        #expect(lines.contains("  error: Exited with unexpected signal code 11"))
        #expect(!lines.contains { $0.contains("validateAcceptsTheBundledPipeline") })
    }

    @Test func ciRunCallsMakeTestAndTheSummaryOnFailure() throws {
        let script = try String(contentsOfFile: Package.root + "/.ci/run", encoding: .utf8)
        #expect(script.contains("run_step \"make test (setup, build, the tests)\" make test"))
        #expect(script.contains("trap summary EXIT"))
        #expect(script.contains("scripts/ci-failures.sh"))
        let makefile = try String(contentsOfFile: Package.root + "/Makefile", encoding: .utf8)
        for target in ["demo: build", "test: setup", "install: release", "setup:\n\tbash scripts/setup.sh"] {
            #expect(makefile.contains(target), "\(target)")
        }
    }

    /// The README's quick start is exactly the two commands.
    @Test func theQuickStartIsTheTwoCommands() throws {
        let readme = try String(contentsOfFile: Package.root + "/README.md", encoding: .utf8)
        let start = try #require(readme.range(of: "## Quick start\n"))
        let rest = readme[start.upperBound...]
        let section = rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)]
        #expect(section.trimmingCharacters(in: .whitespacesAndNewlines) == "```sh\nmake demo\nmake test\n```")
    }
}

/// Colour and completions, as a terminal user meets them.
@Suite struct TerminalTests {
    /// `script` gives the command a terminal, so colour would be on unless NO_COLOR says otherwise.
    @Test func noColorTurnsColourOff() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            Issue.record("/usr/bin/script (util-linux) is needed to give the command a terminal")
            return
        }
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let db = folder.file("db.sqlite")
        _ = try yardstick(
            ["run", "pipelines/china-2022.yaml", "--db", db, "--report-dir", folder.file("r"), "-q"], in: Package.root)
        let command = "\(Package.yardstick) report pipelines/china-2022.yaml --db \(db)"
        let coloured = try runCommand(
            "/usr/bin/script", ["-qec", command, "/dev/null"], in: Package.root, environment: ["NO_COLOR": ""])
        #expect(coloured.status == 0)
        #expect(coloured.stdout.contains("\u{1B}["), "no colour on a terminal: \(coloured.stdout.prefix(300))")
        let plain = try runCommand(
            "/usr/bin/script", ["-qec", command, "/dev/null"], in: Package.root, environment: ["NO_COLOR": "1"])
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("未达成") || plain.stdout.contains("missed"), "\(plain.stdout.prefix(300))")
        #expect(!plain.stdout.contains("\u{1B}["))
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsAreGenerated(_ shell: String) throws {
        let result = try yardstick(["--generate-completion-script", shell])
        #expect(result.status == 0)
        #expect(result.stdout.contains("yardstick"))
        #expect(result.stdout.contains("doctor") && result.stdout.contains("init"))
    }
}
