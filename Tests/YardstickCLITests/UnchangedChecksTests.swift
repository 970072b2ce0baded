import Foundation
import Storage
import TestSupport
import Testing

/// Unchanged nights: with --skip-unchanged a run whose sources, pipeline file, catalog and report
/// options did not change records that and skips the checks and reports.
@Suite struct UnchangedChecksTests {
    /// The bundled 柘城县 pipeline and its seeds in a new folder.
    func bundled() throws -> TempFolder {
        let folder = try TempFolder()
        try FileManager.default.createDirectory(atPath: folder.file("pipelines"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Package.root + "/seeds", toPath: folder.file("seeds"))
        try FileManager.default.copyItem(
            atPath: Package.root + "/pipelines/zhecheng-2022.yaml", toPath: folder.file("pipelines/z.yaml"))
        return folder
    }

    @Test func anUnchangedRunSkipsChecksAndReportsAndAnyChangeRunsThemAgain() throws {
        let folder = try bundled()
        defer { folder.cleanup() }
        let db = folder.file("db.sqlite")
        let args = ["run", "pipelines/z.yaml", "--db", db, "--skip-unchanged", "-q"]
        let first = try yardstick(args, in: folder.path)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(!first.stdout.contains("nothing changed since run"))
        let report = folder.file("reports/zhecheng-2022/zhecheng-2022.json")
        let reportBefore = try FileManager.default.attributesOfItem(atPath: report)[.modificationDate] as? Date

        let second = try yardstick(args, in: folder.path)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("nothing changed since run 1"), "\(second.stdout)")
        let store = try SQLiteStore(path: db)
        #expect(try store.checks(runID: 2).isEmpty)
        #expect(try store.checks(runID: 1).count > 0)
        #expect(try store.run(id: 2)?.summary == store.run(id: 1)?.summary)
        #expect(try store.runSources(runID: 2).contains { $0.sourceID == "#checks" && $0.status == "unchanged" })
        let reportAfter = try FileManager.default.attributesOfItem(atPath: report)[.modificationDate] as? Date
        #expect(reportAfter == reportBefore, "the report was written again")

        // An edited pipeline file (a tolerance, say) is a change: the checks run again.
        let text = try String(contentsOfFile: folder.file("pipelines/z.yaml"), encoding: .utf8)
        try (text + "\n# edited\n").write(toFile: folder.file("pipelines/z.yaml"), atomically: true, encoding: .utf8)
        let third = try yardstick(args, in: folder.path)
        #expect(third.status == 0, "\(third.stderr)")
        #expect(!third.stdout.contains("nothing changed since run"), "\(third.stdout)")
        #expect(try store.checks(runID: 3).count == store.checks(runID: 1).count)

        // Without the flag, or with --full-refresh, they always run.
        let plain = try yardstick(["run", "pipelines/z.yaml", "--db", db, "-q"], in: folder.path)
        #expect(!plain.stdout.contains("nothing changed since run"))
        #expect(try store.checks(runID: 4).count == store.checks(runID: 1).count)
        let refresh = try yardstick(args + ["--full-refresh"], in: folder.path)
        #expect(!refresh.stdout.contains("nothing changed since run"))
        #expect(try store.checks(runID: 5).count == store.checks(runID: 1).count)
        // And the state says so again afterwards.
        let last = try yardstick(args, in: folder.path)
        #expect(last.stdout.contains("nothing changed since run 5"), "\(last.stdout)")
    }
}
