import Foundation
import TestSupport
import Testing

/// What a plain `run` re-reads, and what a partial scorecard says.
@Suite struct SourceDependencyTests {
    /// The goal and the figure name the subject differently: only a catalog entry with both names
    /// connects them.
    static let csv =
        "subject,period,value,unit,type,comparator\n萤火虫观测点,2022,12,个,goal,>=\n萤火虫监测点,2022,15,个,observation,\n"

    func pipeline(_ folder: TempFolder, options: String = "{ format: csv }") throws {
        try folder.write("fireflies.csv", Self.csv)
        try folder.write(
            "p.yaml",
            """
            pipeline: deps
            period: 2022
            sources:
              - id: table
                adapter: open-data
                location: fireflies.csv
                options: \(options)
            """)
    }

    func json(_ result: CommandResult) throws -> [String: Any] {
        try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
            "\(result.stdout)\n\(result.stderr)")
    }

    @Test func aCatalogThatAddsASubjectChecksTheGoalOnThePlainNextRun() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try pipeline(folder)
        let first = try yardstick(["run", "p.yaml", "--db", "db.sqlite", "--format", "json"], in: folder.path)
        #expect(first.status == 0, "\(first.stderr)")
        let before = try #require(try json(first)["results"] as? [[String: Any]])
        #expect(before.first?["status"] as? String == "no_data")
        try folder.write(
            "extra.yaml",
            """
            indicators:
              - code: firefly_sites
                names: { zh-Hans: 萤火虫观测点 }
                aliases: [萤火虫监测点]
                unit: 个
                kind: level
                area: 生态
            """)
        let env = ["YARDSTICK_CATALOG": folder.file("extra.yaml")]
        let second = try yardstick(
            ["run", "p.yaml", "--db", "db.sqlite", "--format", "json"], in: folder.path, environment: env)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("table: stored"), "the source was not read again: \(second.stderr)")
        let after = try #require(try json(second)["results"] as? [[String: Any]])
        #expect(after.first?["status"] as? String == "met")
        #expect(after.first?["indicator"] as? String == "firefly_sites")
        // Nothing changed since: the third run skips it.
        let third = try yardstick(["run", "p.yaml", "--db", "db.sqlite", "-q"], in: folder.path, environment: env)
        #expect(third.stdout.contains("table: unchanged"), "\(third.stdout)")
    }

    @Test func changedOptionsOrAnEditedProgramReadTheSourceAgain() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try pipeline(folder)
        _ = try yardstick(["run", "p.yaml", "--db", "db.sqlite", "-q"], in: folder.path)
        try pipeline(folder, options: "{ format: csv, delimiter: \",\" }")
        let changed = try yardstick(["run", "p.yaml", "--db", "db.sqlite", "-q"], in: folder.path)
        #expect(changed.stdout.contains("table: stored"), "\(changed.stdout)")
        // An exec source: editing the script it runs is a new adapter version.
        try folder.write("tool.py", Self.tool(value: 15))
        try folder.write("in.txt", "x\n")
        try folder.write(
            "e.yaml",
            """
            pipeline: exec-deps
            sources:
              - id: tool
                adapter: exec
                command: ["python3", "tool.py"]
                location: in.txt
            """)
        _ = try yardstick(["run", "e.yaml", "--db", "db.sqlite", "-q"], in: folder.path)
        let same = try yardstick(["run", "e.yaml", "--db", "db.sqlite", "-q"], in: folder.path)
        #expect(same.stdout.contains("tool: unchanged"), "\(same.stdout)")
        try folder.write("tool.py", Self.tool(value: 16))
        let edited = try yardstick(["run", "e.yaml", "--db", "db.sqlite", "-q"], in: folder.path)
        #expect(edited.stdout.contains("tool: stored 1 records"), "\(edited.stdout)")
    }

    static func tool(value: Int) -> String {
        """
        import json, sys
        if sys.argv[1] == "describe":
            print(json.dumps({"name": "tool", "version": "1", "summary": "t", "options": []}))
            sys.exit(0)
        print(json.dumps({"type": "observation", "subject": "萤火虫观测点", "kind": "level", "value": \(value), "unit": "个", "period": "2022"}), flush=True)
        """
    }
}

@Suite struct PartialScorecardTests {
    /// An exec adapter that fails when its input says "down".
    static let flaky = """
        import json, sys
        if sys.argv[1] == "describe":
            print(json.dumps({"name": "flaky", "version": "1", "summary": "t", "options": []}))
            sys.exit(0)
        if "down" in open(sys.argv[sys.argv.index("--input") + 1]).read():
            sys.stderr.write("the portal is down\\n")
            sys.exit(3)
        print(json.dumps({"type": "observation", "subject": "生产总值", "kind": "growth", "value": 6.0, "unit": "%", "period": "2022"}), flush=True)
        """

    /// Sets `folder` up and runs its pipeline once with every source readable (expecting success);
    /// returns that run and the environment every run of the test uses.
    func setUpWithAGoodRun(_ folder: TempFolder, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> (
        CommandResult, [String: String]
    ) {
        try setUp(folder)
        let env = ["NO_COLOR": "1"]
        let good = try yardstick(["run", "p.yaml", "--db", "db.sqlite"], in: folder.path, environment: env)
        #expect(good.status == 0, "\(good.stderr)", sourceLocation: sourceLocation)
        return (good, env)
    }

    func setUp(_ folder: TempFolder) throws {
        try folder.write("flaky.py", Self.flaky)
        try folder.write("in.txt", "x\n")
        try folder.write(
            "goals.csv", "subject,period,value,unit,type,comparator,kind\n生产总值,2022,5.5,%,goal,>=,growth\n")
        try folder.write(
            "p.yaml",
            """
            pipeline: partial
            period: 2022
            sources:
              - id: goals
                adapter: open-data
                location: goals.csv
                options: { format: csv }
              - id: portal
                adapter: exec
                command: ["python3", "flaky.py"]
                location: in.txt
            report:
              formats: [table, json, html, markdown, csv]
              directory: reports
            """)
    }

    func reports(_ folder: TempFolder) throws -> (json: String, html: String, markdown: String) {
        (
            try String(contentsOfFile: folder.file("reports/partial.json"), encoding: .utf8),
            try String(contentsOfFile: folder.file("reports/partial.html"), encoding: .utf8),
            try String(contentsOfFile: folder.file("reports/partial.md"), encoding: .utf8)
        )
    }

    @Test func aScorecardWhoseEverySourceFailsIsCalledStaleNotPartial() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let (_, env) = try setUpWithAGoodRun(folder)
        try folder.write("in.txt", "down\n")
        try folder.write("goals.csv", "")  // emptied: fails by the on-empty rule
        let bad = try yardstick(["run", "p.yaml", "--db", "db.sqlite"], in: folder.path, environment: env)
        #expect(bad.status == 3)
        #expect(
            bad.stdout.contains("warning: Stale scorecard: 2 of 2 sources failed (goals, portal)."), "\(bad.stdout)")
        #expect(!bad.stdout.contains("Partial scorecard"))
        let notes = try #require(
            (try JSONSerialization.jsonObject(with: Data(reports(folder).json.utf8)) as? [String: Any])?["notes"]
                as? [String])
        #expect(notes.first == "Stale scorecard: 2 of 2 sources failed (goals, portal).")
    }

    @Test func aSourceThatFailsNowOrSinceIsNamedInEveryFormat() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let (good, env) = try setUpWithAGoodRun(folder)
        #expect(!good.stdout.contains("warning:"))
        #expect(try !reports(folder).html.contains("id=\"partial-notice\""))

        // The portal fails: its figures are now from run 1, and every format says so.
        try folder.write("in.txt", "down\n")
        let bad = try yardstick(["run", "p.yaml", "--db", "db.sqlite"], in: folder.path, environment: env)
        #expect(bad.status == 3)
        #expect(bad.stdout.contains("warning: Partial scorecard: 1 of 2 sources failed (portal)."), "\(bad.stdout)")
        #expect(bad.stdout.contains("warning: Source 'portal' failed in run 2"))
        #expect(bad.stdout.contains("from run 1"))
        let (json, html, markdown) = try reports(folder)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let notes = try #require(document["notes"] as? [String])
        #expect(notes.first == "Partial scorecard: 1 of 2 sources failed (portal).")
        #expect(notes.contains { $0.contains("'portal' failed in run 2") && $0.contains("from run 1") })
        // The HTML banner comes before the table.
        let banner = try #require(html.range(of: "id=\"partial-notice\""))
        let table = try #require(html.range(of: "<table"))
        #expect(banner.lowerBound < table.lowerBound)
        #expect(
            html.contains("Source &#39;portal&#39; failed in run 2") || html.contains("Source 'portal' failed in run 2")
        )
        let warning = try #require(
            markdown.range(of: "> **Warning:** Partial scorecard: 1 of 2 sources failed (portal)."))
        let tableStart = try #require(markdown.range(of: "\n| "), "no table in the Markdown")
        #expect(warning.lowerBound < tableStart.lowerBound)
        // The goal is still checked, against the older figure.
        let results = try #require(document["results"] as? [[String: Any]])
        #expect(results.first?["status"] as? String == "met")

        let show = try yardstick(["runs", "show", "2", "--db", "db.sqlite"], in: folder.path)
        #expect(show.stdout.contains("status   partial: 1 of 2 sources failed (portal)"), "\(show.stdout)")
        #expect(show.stdout.contains("goals: 1 met (1 goal)"), "\(show.stdout)")

        // A third failing run: since when.
        try folder.write("in.txt", "still down\n")
        _ = try yardstick(["run", "p.yaml", "--db", "db.sqlite", "-q"], in: folder.path)
        let report = try yardstick(["report", "p.yaml", "--db", "db.sqlite", "--format", "markdown"], in: folder.path)
        #expect(report.stdout.contains("Source 'portal' has failed in 2 runs since run 2"), "\(report.stdout)")

        // Fixed: the warning goes away.
        try folder.write("in.txt", "up again\n")
        let fixed = try yardstick(["run", "p.yaml", "--db", "db.sqlite"], in: folder.path, environment: env)
        #expect(fixed.status == 0)
        #expect(!fixed.stdout.contains("warning:"))
    }
}

/// Command-line input that is checked, not trusted.
@Suite struct InputCheckTests {
    @Test func failOnTakesOnlyStatusNames() throws {
        let result = try yardstick(
            ["run", "pipelines/china-2022.yaml", "--fail-on", "mised", "--db", "/nonexistent/x.sqlite"],
            in: Package.root)
        #expect(result.status == 64)
        #expect(result.stderr.contains("'mised' is not a goal status (did you mean 'missed'?)"), "\(result.stderr)")
        #expect(result.stderr.contains("met, on_track, behind, missed, redacted, incomparable, no_data"))
    }

    @Test(arguments: [["report", "p.yaml"], ["runs"], ["runs", "show", "1"], ["diff"]])
    func readingCommandsOnAMissingStoreExitTwoAndCreateNothing(_ command: [String]) throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try folder.write("p.yaml", "pipeline: p\nsources:\n  - id: a\n    adapter: open-data\n    location: a.csv\n")
        try folder.write("a.csv", "指标,年份,数值,单位\n")
        let db = folder.file("none/none.sqlite")
        let result = try yardstick(command + ["--db", db], in: folder.path)
        #expect(result.status == 2, "\(result.stdout) \(result.stderr)")
        #expect(result.stderr.contains("no store at \(db)"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("none")))
        if !FileManager.default.fileExists(atPath: "/tmp/none.sqlite") {
            let tmp = try yardstick(command + ["--db", "/tmp/none.sqlite"], in: folder.path)
            #expect(tmp.status == 2)
            #expect(!FileManager.default.fileExists(atPath: "/tmp/none.sqlite"))
        }
    }

    /// Runs pipelines/china-2022.yaml quietly into db.sqlite in `folder`, its reports in r/.
    static func runChina(into folder: TempFolder) throws {
        _ = try yardstick(
            [
                "run", "pipelines/china-2022.yaml", "--db", folder.file("db.sqlite"), "--report-dir", folder.file("r"),
                "-q",
            ], in: Package.root)
    }

    @Test func diffAndRunsNameAnUnknownPipeline() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try Self.runChina(into: folder)
        for command in [["diff", "--pipeline", "china-2O22"], ["runs", "--pipeline", "china-2O22"]] {
            let result = try yardstick(command + ["--db", folder.file("db.sqlite")], in: folder.path)
            #expect(result.status == 2)
            #expect(result.stderr.contains("unknown pipeline 'china-2O22'"), "\(result.stderr)")
            #expect(result.stderr.contains("did you mean 'china-2022'?"))
        }
    }

    @Test func validateAFolderChecksEveryPipelineFileInIt() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try folder.write("a.csv", "指标,年份,数值,单位\n")
        try folder.write(
            "good.yaml", "pipeline: good\nsources:\n  - id: a\n    adapter: open-data\n    location: a.csv\n")
        try folder.write("bad.yml", "pipeline: bad\nsources:\n  - id: a\n    adapter: foo\n    location: a.csv\n")
        let result = try yardstick(["validate", folder.path])
        #expect(result.status == 2)
        #expect(result.stdout.contains("good.yaml: ok (pipeline 'good'"))
        let problem = try #require(
            result.stderr.split(separator: "\n").first { $0.contains("bad.yml:4:") }, "\(result.stderr)")
        #expect(problem.contains("unknown adapter 'foo'"))
        #expect(problem.contains("adapter: exec"))
        #expect(problem.contains("the nearest built-in adapter is"))
        try FileManager.default.removeItem(atPath: folder.file("bad.yml"))
        #expect(try yardstick(["validate", folder.path]).status == 0)
    }

    @Test func printedCrontabLinesCarryAbsolutePathsAndThePipelineFolder() throws {
        let result = try yardstick(
            ["schedule", "pipelines/china-2022.yaml", "--print-crontab", "--db", "store.sqlite"], in: Package.root)
        #expect(result.status == 0, "\(result.stderr)")
        let entry = try #require(result.stdout.split(separator: "\n").first { !$0.hasPrefix("#") })
        let folder = (Package.root as NSString).appendingPathComponent("pipelines")
        #expect(entry.contains(" cd \(folder) && /"), "\(entry)")
        #expect(
            entry.contains("/yardstick run \(folder)/china-2022.yaml --db \(Package.root)/store.sqlite"), "\(entry)")
        #expect(!result.stdout.contains("CRON_TZ="))
    }

    @Test(arguments: [
        ["adapters"], ["validate", "pipelines/china-2022.yaml"], ["runs"], ["diff"], ["doctor"],
        ["schedule", "pipelines", "--print-crontab"],
    ])
    func everyCommandTakesVerboseAndQuiet(_ command: [String]) throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try Self.runChina(into: folder)
        let takesDB = !["adapters", "validate"].contains(command[0])
        for flag in ["-v", "-q", "--verbose", "--quiet"] {
            let result = try yardstick(
                command + [flag] + (takesDB ? ["--db", folder.file("db.sqlite")] : []), in: Package.root)
            #expect(result.status == 0, "\(command) \(flag): \(result.stderr)")
        }
    }
}
