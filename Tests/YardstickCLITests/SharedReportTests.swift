import BuiltinAdapters
import Foundation
import Pipeline
import TestSupport
import Testing

/// Reports written by a run are fit to share: in the pipeline's language, with origins relative to
/// the pipeline file, and files that open as they are.
@Suite struct SharedReportTests {
    /// A pipeline folder laid out like the checkout: pipelines/p.yaml reading ../seeds/*.
    func countyFolder(report: String) throws -> TempFolder {
        let folder = try TempFolder()
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder.file("pipelines"), withIntermediateDirectories: true)
        try fm.createDirectory(atPath: folder.file("seeds"), withIntermediateDirectories: true)
        for seed in ["zhecheng-2022-economic-work-conference.txt", "zhecheng-2021-statistical-bulletin-excerpt.txt"] {
            try fm.copyItem(
                atPath: (Package.root as NSString).appendingPathComponent("seeds/" + seed),
                toPath: folder.file("seeds/" + seed))
        }
        try folder.write(
            "pipelines/p.yaml",
            """
            pipeline: county
            title: 柘城县 2022 年主要目标核查
            region: 柘城县
            period: 2022
            sources:
              - id: speech
                adapter: speech-text
                location: ../seeds/zhecheng-2022-economic-work-conference.txt
              - id: bulletin-2021
                adapter: speech-text
                location: ../seeds/zhecheng-2021-statistical-bulletin-excerpt.txt
                options: { mode: observations, year: 2021 }
            goals:
              sources: [speech]
            report:
            \(report)
            """)
        return folder
    }

    @Test func reportLanguageIsReadAndChecked() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try folder.copyFixture("indicators.csv")
        let loader = PipelineLoader(registry: builtinAdapters)
        let head = "pipeline: p\nsources:\n  - id: a\n    adapter: open-data\n    location: indicators.csv\n"
        let en = try loader.load(path: try folder.write("en.yaml", head + "report:\n  language: en\n"))
        #expect(en.report.language == "en")
        let unset = try loader.load(path: try folder.write("unset.yaml", head))
        #expect(unset.report.language == nil)
        do {
            _ = try loader.load(path: try folder.write("bad.yaml", head + "report:\n  language: zn\n"))
            Issue.record("accepted language zn")
        } catch let error as ConfigError {
            let problems = error.problems
            #expect(problems.count == 1)
            #expect(problems.first?.line == 7)
            #expect(problems.first?.message.contains("unknown report language 'zn'") == true)
            #expect(problems.first?.message.contains("did you mean 'zh'") == true)
        }
    }

    @Test func originsAreRelativeToThePipelineFile() throws {
        let folder = try countyFolder(report: "  formats: [table]")
        defer { folder.cleanup() }
        let config = try PipelineLoader(registry: builtinAdapters).load(path: folder.file("pipelines/p.yaml"))
        let seed = folder.file("seeds/zhecheng-2022-economic-work-conference.txt")
        #expect(config.sources[0].location == (seed as NSString).standardizingPath)
        #expect(
            config.sharedOrigin(config.sources[0].location!) == "../seeds/zhecheng-2022-economic-work-conference.txt")
        #expect(config.sharedOrigin("file://" + folder.file("pipelines/data/a%20b.csv")) == "data/a b.csv")
        #expect(config.sharedOrigin(folder.file("pipelines")) == ".")
        #expect(
            config.sharedOrigin("python3 " + folder.file("adapters/tool.py") + " --year 2022")
                == "python3 ../adapters/tool.py --year 2022")
        #expect(config.sharedOrigin("speech + bulletin-2021") == "speech + bulletin-2021")
        #expect(
            config.sharedOrigin("https://user:secret@data.example.gov.cn/api/x.csv?year=2022")
                == "https://data.example.gov.cn/api/x.csv?year=2022")
        #expect(config.sharedOrigin("https://data.example.gov.cn/x.json") == "https://data.example.gov.cn/x.json")
        // A path outside the pipeline's folder is still relative.
        let outside = config.sharedOrigin("/var/data/bulletin.xml")
        #expect(!outside.hasPrefix("/") && outside.hasSuffix("../var/data/bulletin.xml"), "\(outside)")
    }

    @Test func writtenReportsNameNoLocalPathAndSpeakTheDocumentsLanguage() throws {
        let folder = try countyFolder(report: "  formats: [table, html, json, markdown, csv]\n  directory: ../reports")
        defer { folder.cleanup() }
        let run = try yardstick(
            ["run", "pipelines/p.yaml", "--db", folder.file("db.sqlite"), "-q"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        // The printed table is Chinese, with the baseline and the change the target implies.
        #expect(run.stdout.contains("目标值") && run.stdout.contains("暂无数据"), "\(run.stdout)")
        let gdp = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("生产总值") })
        #expect(gdp.hasSuffix("2021年 3.2% → 9.5%（+6.3个百分点）"), "\(gdp)")
        #expect(run.stdout.contains("高标准农田（新建高标准农田8万亩）"))
        let reports = folder.file("reports")
        let files = try FileManager.default.contentsOfDirectory(atPath: reports).sorted()
        #expect(files == ["county.csv", "county.html", "county.json", "county.md"])
        for file in files {
            let text = try String(contentsOfFile: (reports as NSString).appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains(folder.path), "\(file) names the local folder")
        }
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: reports + "/county.json")))
                as? [String: Any])
        #expect(json["language"] as? String == "zh")
        let results = try #require(json["results"] as? [[String: Any]])
        let origins = Set(
            results.compactMap {
                (($0["goal"] as? [String: Any])?["provenance"] as? [String: Any])?["origin"] as? String
            })
        #expect(origins == ["../seeds/zhecheng-2022-economic-work-conference.txt"])
        #expect(results.first?["statusLabel"] as? String == "暂无数据")
        let csv = try Data(contentsOf: URL(fileURLWithPath: reports + "/county.csv"))
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let html = try String(contentsOfFile: reports + "/county.html", encoding: .utf8)
        #expect(
            html.contains("<html lang=\"zh-Hans\">")
                && html.contains("../seeds/zhecheng-2021-statistical-bulletin-excerpt.txt"))
        // `report` on the stored run shows the same relative origins.
        let report = try yardstick(
            ["report", "pipelines/p.yaml", "--db", folder.file("db.sqlite"), "--format", "json"], in: folder.path)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(!report.stdout.contains(folder.path) && report.stdout.contains("\"origin\": \"../seeds/"))
        // `report --language` picks the labels' language for one report.
        let english = try yardstick(
            ["report", "pipelines/p.yaml", "--db", folder.file("db.sqlite"), "--language", "en"], in: folder.path)
        #expect(english.status == 0, "\(english.stderr)")
        #expect(english.stdout.split(separator: "\n").contains { $0.hasPrefix("Goal ") }, "\(english.stdout)")
        let unknown = try yardstick(
            ["report", "pipelines/p.yaml", "--db", folder.file("db.sqlite"), "--language", "fr"], in: folder.path)
        #expect(unknown.status == 2 && unknown.stderr.contains("unknown language 'fr'"), "\(unknown.stderr)")
    }

    @Test func reportLanguageEnOverridesTheDocuments() throws {
        let folder = try countyFolder(report: "  formats: [table]\n  language: en")
        defer { folder.cleanup() }
        let run = try yardstick(["run", "pipelines/p.yaml", "--db", folder.file("db.sqlite"), "-q"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("Goal ") && $0.hasSuffix("Baseline → target") }, "\(run.stdout)")
        let gdp = try #require(lines.first { $0.hasPrefix("生产总值") })
        #expect(gdp.contains("no data") && gdp.hasSuffix("2021 3.2% → 9.5% (+6.3 pp)"), "\(gdp)")
        #expect(run.stdout.contains("No actual figures are available yet for 2022"))
    }
}
