import Foundation
import Reports
import Testing

struct ScorecardWriterTests {
    @Test func writesOneFilePerFormat() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reports-\(UUID().uuidString)/nested")
            .path
        defer { try? FileManager.default.removeItem(atPath: (dir as NSString).deletingLastPathComponent) }
        let s = try SampleScorecard.allNoData()
        let paths = try ScorecardWriter().write(s, formats: [.table, .html, .json, .markdown, .csv], to: dir)
        #expect(
            paths.map { ($0 as NSString).lastPathComponent } == [
                "zhecheng-2022.txt", "zhecheng-2022.html", "zhecheng-2022.json", "zhecheng-2022.md",
                "zhecheng-2022.csv",
            ])
        let html = try String(contentsOfFile: paths[1], encoding: .utf8)
        #expect(html == HTMLRenderer().render(s))
        let table = try String(contentsOfFile: paths[0], encoding: .utf8)
        #expect(!table.contains("\u{1B}["))
    }

    @Test func formatNames() throws {
        #expect(
            try ScorecardWriter.formats(named: ["table", "HTML", "md", "json"]) == [.table, .html, .markdown, .json])
        do {
            _ = try ScorecardWriter.formats(named: ["htlm"])
            Issue.record("accepted htlm")
        } catch let e as ReportError {
            #expect(e.code == .unknownFormat)
            #expect(e.message.contains("did you mean 'html'"))
        }
    }

    @Test func unwritableDirectoryIsAnError() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-dir-\(UUID().uuidString)").path
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        do {
            try ScorecardWriter().write(try SampleScorecard.allNoData(), formats: [.json], to: file + "/reports")
            Issue.record("wrote under a file")
        } catch let e as ReportError {
            #expect(e.code == .unwritable)
            #expect(e.message.contains(file))
        }
    }
}
