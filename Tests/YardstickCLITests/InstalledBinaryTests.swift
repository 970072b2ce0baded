import Foundation
import TestSupport
import Testing

/// Runs `executable` with exactly `environment` (nothing inherited), in `directory`.
func runIsolated(_ executable: String, _ arguments: [String], in directory: String, environment: [String: String])
    throws -> CommandResult
{
    try runCommand(executable, arguments, in: directory, environment: environment, inherit: false)
}

/// The environment of a user's shell: no YARDSTICK_* variables, a plain PATH and HOME.
func plainEnvironment(home: String, _ extra: [String: String] = [:]) -> [String: String] {
    ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8"].merging(extra) { $1 }
}

/// The built binary copied out of the checkout, as an installed one would be.
@Suite struct InstalledBinaryTests {
    /// A folder outside the checkout with `bin/yardstick` and a copy of the china-2022 pipeline and seeds.
    func installedCopy() throws -> TempFolder {
        let folder = try TempFolder()
        #expect(!folder.path.hasPrefix(Package.root))
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder.file("bin"), withIntermediateDirectories: true)
        // Copied by cp(1), not in this process: a write descriptor held here would be inherited by
        // processes other tests start meanwhile, and exec of the copy would fail with ETXTBSY.
        let cp = try runIsolated(
            "/bin/cp", [Package.yardstick, folder.file("bin/yardstick")], in: folder.path, environment: [:])
        #expect(cp.status == 0, "\(cp.stderr)")
        try fm.createDirectory(atPath: folder.file("work/pipelines"), withIntermediateDirectories: true)
        try fm.createDirectory(atPath: folder.file("work/seeds"), withIntermediateDirectories: true)
        try fm.copyItem(
            atPath: Package.root + "/pipelines/china-2022.yaml", toPath: folder.file("work/pipelines/china-2022.yaml"))
        for seed in [
            "china-2022-government-work-report-targets.txt", "china-2022-bulletin.xml",
            "china-2022-statistical-bulletin-excerpt.txt", "worldbank-china-gdp-growth.json",
        ] {
            try fm.copyItem(atPath: Package.root + "/seeds/" + seed, toPath: folder.file("work/seeds/" + seed))
        }
        return folder
    }

    @Test func aCopiedBinaryChecksTheNationalGoalsWithItsBuiltInCatalog() throws {
        let folder = try installedCopy()
        defer { folder.cleanup() }
        let result = try runIsolated(
            folder.file("bin/yardstick"), ["run", "pipelines/china-2022.yaml", "--format", "json"],
            in: folder.file("work"), environment: plainEnvironment(home: folder.path))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("no indicator catalog"))
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
        let results = try #require(document["results"] as? [[String: Any]])
        func status(_ indicator: String) -> String? {
            results.first { $0["indicator"] as? String == indicator }?["status"] as? String
        }
        #expect(status("gdp") == "missed")
        #expect(status("urban_new_jobs") == "met")
        #expect(status("cpi") == "met")
        #expect(status("grain_output") == "met")
        // The store and the reports land in the user's folder, not beside the binary.
        #expect(FileManager.default.fileExists(atPath: folder.file("work/.yardstick/yardstick.sqlite")))
        #expect(FileManager.default.fileExists(atPath: folder.file("work/reports/china-2022/china-2022.html")))
        let runs = try runIsolated(
            folder.file("bin/yardstick"), ["runs", "show", "1"], in: folder.file("work"),
            environment: plainEnvironment(home: folder.path))
        #expect(runs.stdout.contains("succeeded: 4 sources read (4 stored)"), "\(runs.stdout)")
        #expect(runs.stdout.contains("goals: 3 met, 2 missed (5 goals)"), "\(runs.stdout)")
    }

    @Test func aNamedCatalogThatDoesNotExistIsAnErrorNamingIt() throws {
        let folder = try installedCopy()
        defer { folder.cleanup() }
        for command in [["run", "pipelines/china-2022.yaml"], ["validate", "pipelines/china-2022.yaml"]] {
            let result = try runIsolated(
                folder.file("bin/yardstick"), command, in: folder.file("work"),
                environment: plainEnvironment(home: folder.path, ["YARDSTICK_CATALOG": "/nonexistent"]))
            #expect(result.status == 2, "\(command): \(result.stdout) \(result.stderr)")
            #expect(result.stderr.contains("/nonexistent"), "\(result.stderr)")
        }
        // Nothing ran: no store was made.
        #expect(!FileManager.default.fileExists(atPath: folder.file("work/.yardstick/yardstick.sqlite")))
    }

    @Test func aMalformedCatalogFileIsAnErrorNamingItsLine() throws {
        let folder = try installedCopy()
        defer { folder.cleanup() }
        try folder.write("work/bad.yaml", "indicators:\n  - code: x\n    names: { zh-Hans: [unclosed\n")
        let result = try runIsolated(
            folder.file("bin/yardstick"), ["run", "pipelines/china-2022.yaml"], in: folder.file("work"),
            environment: plainEnvironment(home: folder.path, ["YARDSTICK_CATALOG": folder.file("work/bad.yaml")]))
        #expect(result.status == 2)
        let line = try #require(result.stderr.split(separator: "\n").first { $0.contains("bad.yaml") })
        #expect(line.contains("bad.yaml:4:") || line.contains("bad.yaml:3:"), "\(line)")
        #expect(line.contains("not valid YAML"))
    }

    @Test func doctorNamesTheBuiltInCatalogAndExitsTwoWhenItsCatalogIsMissing() throws {
        let folder = try installedCopy()
        defer { folder.cleanup() }
        let ok = try runIsolated(
            folder.file("bin/yardstick"), ["doctor"], in: folder.file("work"),
            environment: plainEnvironment(home: folder.path))
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
        let catalogLine = try #require(ok.stdout.split(separator: "\n").first { $0.contains("catalog") })
        #expect(catalogLine.hasPrefix("ok"))
        #expect(catalogLine.contains("built in"))
        let entries =
            catalogLine.split(separator: " ").firstIndex(of: "entries").map {
                Int(catalogLine.split(separator: " ")[$0 - 1]) ?? 0
            } ?? 0
        #expect(entries > 20, "\(catalogLine)")
        #expect(ok.stdout.contains("libcurl/"))
        #expect(ok.stdout.split(separator: "\n").contains { $0.contains("libxml2") && $0.contains("2.") })
        #expect(ok.stdout.contains("store") && ok.stdout.contains("none yet"))
        // Optional tools are listed whether or not present, each missing one with its install command.
        for tool in ["chromium", "pdftotext"] {
            let line = try #require(ok.stdout.split(separator: "\n").first { $0.contains(tool) })
            #expect(line.hasPrefix("ok") || line.contains("apt-get install"), "\(line)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.file("work/.yardstick")), "doctor created the store")
        let bad = try runIsolated(
            folder.file("bin/yardstick"), ["doctor"], in: folder.file("work"),
            environment: plainEnvironment(home: folder.path, ["YARDSTICK_CATALOG": "/nonexistent"]))
        #expect(bad.status == 2)
        #expect(bad.stdout.contains("MISSING") && bad.stdout.contains("/nonexistent"), "\(bad.stdout)")
    }

    @Test func doctorReportsTheSchemaOfAnExistingStore() throws {
        let folder = try installedCopy()
        defer { folder.cleanup() }
        let env = plainEnvironment(home: folder.path)
        _ = try runIsolated(
            folder.file("bin/yardstick"), ["run", "pipelines/china-2022.yaml", "-q"], in: folder.file("work"),
            environment: env)
        let doctor = try runIsolated(
            folder.file("bin/yardstick"), ["doctor"], in: folder.file("work"), environment: env)
        #expect(doctor.status == 0)
        let line = try #require(doctor.stdout.split(separator: "\n").first { $0.contains("store") })
        #expect(line.hasPrefix("ok") && line.contains("schema v") && line.contains("(current)"), "\(line)")
    }
}

/// `yardstick init`: a working pipeline in an empty folder.
@Suite struct InitCommandTests {
    @Test func initWritesAPipelineThatRunsAndChecksAtOnce() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let env = plainEnvironment(home: folder.path, ["NO_COLOR": "1"])
        let made = try runIsolated(Package.yardstick, ["init", "x"], in: folder.path, environment: env)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("cd x && yardstick run pipeline.yaml"))
        let run = try runIsolated(
            Package.yardstick, ["run", "pipeline.yaml", "--format", "json"], in: folder.file("x"), environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let results = try #require(document["results"] as? [[String: Any]])
        let statuses = results.compactMap { $0["status"] as? String }
        #expect(statuses.contains("met"), "\(statuses)")
        #expect(statuses.contains("missed"), "\(statuses)")
        #expect(!statuses.contains("no_data"), "\(statuses)")
        #expect(results.count == 5)
        // The table form prints the verdicts too.
        let table = try runIsolated(
            Package.yardstick, ["report", "pipeline.yaml"], in: folder.file("x"), environment: env)
        #expect(table.status == 0)
        // (status words in the report's language: Chinese for this Chinese pipeline, else English)
        #expect(table.stdout.contains("未达成") || table.stdout.contains("missed"), "\(table.stdout)")
        // A second init into the same folder overwrites nothing.
        let again = try runIsolated(Package.yardstick, ["init", "x"], in: folder.path, environment: env)
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists"))
    }
}
