import Foundation
import IndicatorKit
import TestSupport
import Testing

/// `yardstick site` over a store filled by running the bundled pipelines, checked as files a
/// reader opens.
@Suite struct SiteCommandTests {
    /// Runs both bundled pipelines into a fresh store; returns the folder and the scorecards' JSON
    /// as `run --format json` printed them.
    static func bundledStore() throws -> (folder: TempFolder, db: String, scorecards: [String: [String: Any]]) {
        let folder = try TempFolder()
        let db = folder.file("db.sqlite")
        var scorecards: [String: [String: Any]] = [:]
        for id in ["zhecheng-2022", "china-2022"] {
            let result = try yardstick(
                [
                    "run", "pipelines/\(id).yaml", "--format", "json", "--db", db, "--report-dir",
                    folder.file("reports"),
                ],
                in: Package.root)
            #expect(result.status == 0, "\(result.stderr)")
            scorecards[id] = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        }
        return (folder, db, scorecards)
    }

    static func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func indexLinksEveryPipelineAndEachFigureLeadsToItsClause() throws {
        let (folder, db, scorecards) = try Self.bundledStore()
        defer { folder.cleanup() }
        let storeBefore = try Data(contentsOf: URL(fileURLWithPath: db))
        let out = folder.file("site")
        let result = try yardstick(["site", out, "--db", db], in: Package.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2 pipelines"), "\(result.stdout)")

        let index = try Self.read(out + "/index.html")
        for id in ["zhecheng-2022", "china-2022"] {
            #expect(index.contains("href=\"pipelines/\(id).html\""), "index does not link \(id)")
            #expect(FileManager.default.fileExists(atPath: out + "/pipelines/\(id).html"))
        }
        #expect(index.contains("柘城县"), "the index shows the region")
        #expect(index.contains("<script src=\"assets/site.js\" defer></script>"))
        #expect(!index.contains("<script>"), "no inline script")
        #expect(try Self.read(out + "/assets/site.js").contains("f-status"))

        // Every goal of the China scorecard is a row with its status, as the run printed it.
        let china = try Self.read(out + "/pipelines/china-2022.html")
        let printed = try #require(scorecards["china-2022"]?["results"] as? [[String: Any]])
        let statuses = printed.compactMap { $0["status"] as? String }.sorted()
        let rows = china.components(separatedBy: "<tr class=\"item goal\"").dropFirst().compactMap { row -> String? in
            guard let r = row.range(of: "data-status=\"") else { return nil }
            return String(row[r.upperBound...].prefix { $0 != "\"" })
        }
        #expect(rows.sorted() == statuses)

        // Each target links to its goal on the source page, whose excerpt marks the clause.
        let zhecheng = try Self.read(out + "/pipelines/zhecheng-2022.html")
        let links = zhecheng.components(separatedBy: "class=\"fig goal-fig\" href=\"").dropFirst().map {
            String($0.prefix { $0 != "\"" })
        }
        #expect(links.count >= 10, "goal links: \(links.count)")
        for link in links {
            let parts = link.split(separator: "#", maxSplits: 1).map(String.init)
            let page = try Self.read(out + "/pipelines/" + parts[0])
            let anchor = "id=\"\(parts[1])\""
            let start = try #require(page.range(of: anchor), "\(link): no figure \(parts[1])")
            let figure = String(page[start.upperBound...].prefix { _ in true }.components(separatedBy: "</details>")[0])
            let mark = try #require(figure.range(of: "<mark>"), "\(link): nothing marked")
            let marked = String(figure[mark.upperBound...].prefix { $0 != "<" })
            let clause = try #require(figure.range(of: "<blockquote class=\"clause\">"))
            let clauseText = String(figure[clause.upperBound...].prefix { $0 != "<" })
            #expect(
                !marked.isEmpty && clauseText.contains(marked),
                "\(link): marked '\(marked)' is not the clause '\(clauseText)'")
        }
        // A figure's page shows the document's lines around it, numbered.
        let speech = try Self.read(out + "/sources/zhecheng-2022/speech.html")
        #expect(speech.contains("<pre class=\"excerpt\">"))
        #expect(speech.contains("生产总值增长"))

        // Indicator pages with a trend chart, and the run history.
        let indicators = try Self.read(out + "/indicators.html")
        #expect(indicators.contains("href=\"indicators/gdp.html\""))
        let gdp = try Self.read(out + "/indicators/gdp.html")
        #expect(gdp.contains("<svg class=\"chart\""))
        #expect(gdp.contains("pipelines/china-2022.html") && gdp.contains("pipelines/zhecheng-2022.html"))
        let runs = try Self.read(out + "/runs.html")
        #expect(runs.contains("id=\"run-1\"") && runs.contains("id=\"run-2\""))

        // The site only read the store.
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == storeBefore)
    }

    @Test func runHistoryShowsWhatChangedBetweenRuns() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let db = folder.file("db.sqlite")
        try folder.write(
            "goals.txt", "2023年主要预期目标：地区生产总值增长6%左右，一般公共预算收入增长5%。\n")
        try folder.write("actual.txt", "2023年，全县地区生产总值增长5.1%。\n")
        let pipeline = try folder.write(
            "p.yaml",
            """
            pipeline: history-test
            title: 历史测试
            region: 测试县
            period: 2023
            sources:
              - id: goals
                adapter: speech-text
                location: goals.txt
                options: { mode: goals }
              - id: actual
                adapter: speech-text
                location: actual.txt
                options: { mode: observations, year: 2023 }
            """)
        #expect(try yardstick(["run", pipeline, "--db", db]).status == 0)
        try folder.write("actual.txt", "2023年，全县地区生产总值增长6.4%。\n")
        let second = try yardstick(["run", pipeline, "--db", db])
        #expect(second.status == 0, "\(second.stderr)")
        let out = folder.file("site")
        let result = try yardstick(["site", out, "--db", db, pipeline])
        #expect(result.status == 0, "\(result.stderr)")
        let page = try Self.read(out + "/pipelines/history-test.html")
        #expect(page.contains("<h1>历史测试"))
        let history = try #require(page.range(of: "id=\"run-2\""))
        let row = String(page[history.upperBound...].components(separatedBy: "</tr>")[0])
        #expect(row.contains("missed (5.1 %) → met (6.4 %)"), "\(row)")
        let runs = try Self.read(out + "/runs.html")
        #expect(runs.contains("missed (5.1 %) → met (6.4 %)"))
    }

    @Test func aStoreThatIsNotThereIsAnErrorAndNothingIsCreated() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let result = try yardstick(["site", folder.file("site"), "--db", folder.file("none.sqlite")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no store at"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("none.sqlite")))
        #expect(!FileManager.default.fileExists(atPath: folder.file("site")))
    }
}
