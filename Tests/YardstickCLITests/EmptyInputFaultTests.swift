import Foundation
import Storage
import TestSupport
import Testing

/// An emptied file, an exec program that prints nothing, an HTML maintenance page served with 200:
/// the source's last good data stays current unless the source says `on-empty: accept`, and the run
/// says which rule applied (exit code, source line, `runs show`, scorecard notes).
@Suite(.serialized) struct EmptyInputFaultTests {
    static let speech = (Package.root as NSString).appendingPathComponent(
        "seeds/zhecheng-2022-economic-work-conference.txt")

    /// Copies the speech into `folder` and writes p.yaml reading it with the on-empty `rule`.
    func speechPipeline(_ folder: TempFolder, rule: String?) throws {
        try FileManager.default.copyItem(atPath: Self.speech, toPath: folder.file("speech.txt"))
        try folder.write(
            "p.yaml",
            """
            pipeline: emptied
            region: 柘城县
            period: 2022
            sources:
              - id: speech
                adapter: speech-text
                location: speech.txt
                options: { mode: goals }
            \(rule.map { "    on-empty: \($0)" } ?? "")
            """)
    }

    /// Writes the pipeline with `rule` and runs it once, which must succeed; returns its store.
    func firstRun(_ folder: TempFolder, rule: String?) throws -> SQLiteStore {
        try speechPipeline(folder, rule: rule)
        let first = try yardstick(["run", "p.yaml", "--db", "db.sqlite", "-q"], in: folder.path)
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        return try SQLiteStore(path: folder.file("db.sqlite"))
    }

    @Test(arguments: [nil, "fail"] as [String?])
    func anEmptiedFileFailsAndThePreviousGoalsStayCurrent(rule: String?) throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let store = try firstRun(folder, rule: rule)
        let before = try #require(try store.currentRecordCount(pipeline: "emptied", sourceID: "speech"))
        #expect(before.records > 50)
        let goalsBefore = try store.currentGoals(pipeline: "emptied").count

        try Data().write(to: URL(fileURLWithPath: folder.file("speech.txt")))
        let second = try yardstick(["run", "p.yaml", "--db", "db.sqlite"], in: folder.path)
        #expect(second.status == 3, "\(second.stdout)\(second.stderr)")
        #expect(second.stdout.contains("speech: FAILED"))
        #expect(second.stdout.contains("no records"))
        #expect(second.stdout.contains("on-empty: fail"))
        // The scorecard's note (labels are Chinese for this Chinese pipeline).
        #expect(second.stdout.contains("备注：speech:"))
        #expect(try store.currentRecordCount(pipeline: "emptied", sourceID: "speech") == before)
        #expect(try store.currentGoals(pipeline: "emptied").count == goalsBefore)
        let runs = try store.runs(pipeline: "emptied")
        let shown = try yardstick(["runs", "show", "\(runs[0].id)", "--db", "db.sqlite"], in: folder.path)
        #expect(shown.stdout.contains("on-empty: fail"))
    }

    @Test func keepWarnsKeepsThePreviousGoalsAndStillExitsNonZero() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let store = try firstRun(folder, rule: "keep")
        let before = try #require(try store.currentRecordCount(pipeline: "emptied", sourceID: "speech"))
        try Data().write(to: URL(fileURLWithPath: folder.file("speech.txt")))
        let second = try yardstick(["run", "p.yaml", "--db", "db.sqlite", "-q"], in: folder.path)
        #expect(second.status == 3)
        #expect(second.stdout.contains("speech: KEPT the previous data"))
        #expect(second.stdout.contains("on-empty: keep"))
        #expect(try store.currentRecordCount(pipeline: "emptied", sourceID: "speech") == before)
        let runs = try store.runs(pipeline: "emptied")
        #expect(runs[0].status == "partial")
        let shown = try yardstick(["runs", "show", "\(runs[0].id)", "--db", "db.sqlite"], in: folder.path)
        #expect(shown.stdout.contains("kept"))
        #expect(shown.stdout.contains("warning: speech:"))
    }

    @Test func acceptStoresTheEmptyResultAndExitsZero() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let store = try firstRun(folder, rule: "accept")
        #expect(try store.currentRecordCount(pipeline: "emptied", sourceID: "speech")?.records ?? 0 > 50)
        try Data().write(to: URL(fileURLWithPath: folder.file("speech.txt")))
        let second = try yardstick(["run", "p.yaml", "--db", "db.sqlite", "-q"], in: folder.path)
        #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
        #expect(second.stdout.contains("speech: stored 0 records"))
        #expect(second.stdout.contains("on-empty: accept"))
        #expect(try store.currentRecordCount(pipeline: "emptied", sourceID: "speech")?.records == 0)
        #expect(try store.currentGoals(pipeline: "emptied").isEmpty)
    }

    @Test func anExecProgramThatExitsZeroWithNoOutputFails() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try folder.write(
            "tool.sh",
            """
            #!/bin/sh
            # Prints one observation, or nothing at all once empty.flag exists; exits 0 either way.
            [ -f empty.flag ] && exit 0
            echo '{"type":"observation","subject":"粮食产量","kind":"level","value":98.5,"unit":"万吨","period":"2021","text":"粮食产量98.5万吨","location":{"line":1}}'
            """)
        try folder.write(
            "p.yaml",
            """
            pipeline: exec-empty
            region: 测试县
            sources:
              - id: tool
                adapter: exec
                command: ["sh", "tool.sh"]
                timeout: 30
            """)
        #expect(try yardstick(["run", "p.yaml", "--db", "db.sqlite", "-q"], in: folder.path).status == 0)
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        let before = try #require(try store.currentRecordCount(pipeline: "exec-empty", sourceID: "tool"))
        #expect(before.records == 1)
        try folder.write("empty.flag", "")
        let second = try yardstick(["run", "p.yaml", "--db", "db.sqlite", "-q"], in: folder.path)
        #expect(second.status == 3)
        #expect(second.stdout.contains("tool: FAILED"))
        #expect(second.stdout.contains("no records"))
        #expect(try store.currentRecordCount(pipeline: "exec-empty", sourceID: "tool") == before)
        #expect(try store.runSources(runID: try store.runs(pipeline: "exec-empty")[0].id).first?.status == "failed")
    }

    @Test func anHTMLMaintenancePageServedWith200IsRefused() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let folder = try TempFolder()
        defer { folder.cleanup() }
        func write(_ path: String, notice: String) throws {
            try folder.write(
                "p.yaml",
                """
                pipeline: maintenance
                region: 测试县
                sources:
                  - id: portal
                    adapter: open-data
                    location: \(server.url(path))
                  - id: notice
                    adapter: speech-text
                    location: \(server.url(notice))
                    options: { mode: goals }
                """)
        }
        try write("/ok.csv", notice: "/seed?name=zhecheng-2022-economic-work-conference.txt")
        let first = try yardstick(["run", "p.yaml", "--db", "db.sqlite", "-q"], in: folder.path)
        #expect(first.stdout.contains("portal: stored 2 records"), "\(first.stdout)\(first.stderr)")
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        let before = try #require(try store.currentRecordCount(pipeline: "maintenance", sourceID: "portal"))
        #expect(before.records == 2)

        let goalsBefore = try #require(try store.currentRecordCount(pipeline: "maintenance", sourceID: "notice"))
        #expect(goalsBefore.records > 50)
        try write("/maintenance", notice: "/maintenance")
        let second = try yardstick(["run", "p.yaml", "--db", "db.sqlite", "-q"], in: folder.path)
        #expect(second.status == 3)
        // open-data does not read text/html: refused before the adapter runs.
        #expect(second.stdout.contains("portal: FAILED"))
        #expect(second.stdout.contains("text/html"))
        #expect(try store.currentRecordCount(pipeline: "maintenance", sourceID: "portal") == before)
        // speech-text reads the page as text and finds nothing: the on-empty rule keeps its goals.
        #expect(second.stdout.contains("notice: FAILED"))
        #expect(second.stdout.contains("on-empty: fail"))
        #expect(try store.currentRecordCount(pipeline: "maintenance", sourceID: "notice") == goalsBefore)
    }

    /// An XML or JSON file truncated to 0 bytes is an empty input like an emptied text file: the
    /// on-empty rule applies (not a parser error about a missing document), and `accept` stores it.
    @Test(arguments: ["fail", "accept"])
    func anEmptiedXMLFileFollowsTheOnEmptyRule(rule: String) throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try FileManager.default.copyItem(
            atPath: (Package.root as NSString).appendingPathComponent("seeds/china-2022-bulletin.xml"),
            toPath: folder.file("bulletin.xml"))
        try folder.write(
            "p.yaml",
            """
            pipeline: emptied-xml
            period: 2022
            sources:
              - id: bulletin
                adapter: xml-bulletin
                location: bulletin.xml
                on-empty: \(rule)
            """)
        #expect(try yardstick(["run", "p.yaml", "--db", "db.sqlite", "-q"], in: folder.path).status == 0)
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        let before = try #require(try store.currentRecordCount(pipeline: "emptied-xml", sourceID: "bulletin"))
        #expect(before.records == 7)
        try Data().write(to: URL(fileURLWithPath: folder.file("bulletin.xml")))
        let second = try yardstick(["run", "p.yaml", "--db", "db.sqlite", "-q"], in: folder.path)
        #expect(!second.stdout.contains("malformed XML"), "\(second.stdout)")
        if rule == "fail" {
            #expect(second.status == 3, "\(second.stdout)\(second.stderr)")
            #expect(second.stdout.contains("bulletin: FAILED"))
            #expect(second.stdout.contains("the input is empty (0 bytes)"))
            #expect(second.stdout.contains("on-empty: fail"))
            #expect(try store.currentRecordCount(pipeline: "emptied-xml", sourceID: "bulletin") == before)
        } else {
            #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
            #expect(second.stdout.contains("bulletin: stored 0 records"))
            #expect(try store.currentRecordCount(pipeline: "emptied-xml", sourceID: "bulletin")?.records == 0)
        }
    }
}
