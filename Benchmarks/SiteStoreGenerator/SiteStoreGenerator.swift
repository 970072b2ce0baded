import Foundation
import GoalCheck
import IndicatorKit
import Normalize
import Storage

/// Fills a store with PIPELINES pipelines × RUNS runs through the store's own write API, for the
/// `yardstick serve` load benchmark (scripts/bench-serve.sh): each run stores a goals source and an
/// observations source, checks the goals with the real checker and saves the checks, as a run does.
///
/// Usage: yardstick-site-store DB [PIPELINES] [RUNS]   (defaults 1000 and 10; DB must not exist)
@main
struct SiteStoreGenerator {
    /// The goals every pipeline states: indicator, kind, comparator, target, unit, subject.
    static let goals: [(String, FigureKind, TargetComparator, Double, String, String)] = [
        ("gdp", .growth, .about, 6, "%", "地区生产总值"),
        ("gdp_per_capita", .growth, .atLeast, 5.5, "%", "人均地区生产总值"),
        ("industrial_va", .growth, .atLeast, 7, "%", "规模以上工业增加值"),
        ("fixed_asset_investment", .growth, .atLeast, 8, "%", "固定资产投资"),
        ("retail_sales", .growth, .about, 6.5, "%", "社会消费品零售总额"),
        ("public_budget_revenue", .growth, .atLeast, 5, "%", "一般公共预算收入"),
        ("urbanization_rate", .share, .atLeast, 55, "%", "常住人口城镇化率"),
        ("cpi", .growth, .atMost, 3, "%", "居民消费价格涨幅"),
        ("urban_unemployment_rate", .share, .atMost, 5.5, "%", "城镇调查失业率"),
        ("urban_new_jobs", .level, .atLeast, 1.2, "万人", "城镇新增就业"),
        ("tertiary_va", .growth, .atLeast, 6.5, "%", "第三产业增加值"),
        ("primary_va", .growth, .atLeast, 3.5, "%", "第一产业增加值"),
    ]

    static func main() async throws {
        let args = CommandLine.arguments
        guard args.count >= 2 else {
            FileHandle.standardError.write(Data("usage: yardstick-site-store DB [PIPELINES] [RUNS]\n".utf8))
            exit(64)
        }
        let path = args[1]
        let pipelines = args.count > 2 ? Int(args[2]) ?? 1000 : 1000
        let runs = args.count > 3 ? Int(args[3]) ?? 10 : 10
        guard !FileManager.default.fileExists(atPath: path) else {
            FileHandle.standardError.write(Data("\(path): already exists; give a new file\n".utf8))
            exit(2)
        }
        let store = try SQLiteStore(path: path)
        let catalog = try Catalog.load([.shipped])
        let checker = GoalChecker(catalog: catalog)
        let started = Date()
        for run in 0..<runs {
            for p in 0..<pipelines {
                try await writeRun(store: store, checker: checker, pipeline: p, run: run)
            }
            FileHandle.standardError.write(Data("run \(run + 1) of \(runs) for \(pipelines) pipelines stored\n".utf8))
        }
        let seconds = Date().timeIntervalSince(started)
        print("stored \(pipelines) pipelines × \(runs) runs in \(path) (\(String(format: "%.1f", seconds)) s)")
    }

    static func writeRun(store: SQLiteStore, checker: GoalChecker, pipeline p: Int, run: Int) async throws {
        let id = String(format: "bench-%04d", p)
        let region = String(format: "样本县%04d", p)
        let runID = try store.beginRun(
            pipeline: id, file: "/bench/\(id).yaml", host: "bench", pid: 1, fullRefresh: false)
        let goalsOrigin = "/bench/\(id)-goals.txt"
        let factsOrigin = "/bench/\(id)-bulletin-\(run).txt"
        // Goals: the same every run (the speech does not change).
        let goalRecords = goals.enumerated().map { i, g -> SourceRecord in
            let text = "\(g.5)增长\(FigureText.format(g.3))\(g.4)"
            return .goal(
                Goal(
                    subject: g.5, indicator: g.0, kind: g.1, comparator: g.2, quantity: Quantity(value: g.3, unit: g.4),
                    period: Period(year: 2024), region: region, text: text,
                    location: SourceLocation(line: i + 3, column: 1)))
        }
        // Observations: each run's bulletin moves the figures a little, so runs differ.
        let factRecords = goals.enumerated().map { i, g -> SourceRecord in
            let wobble = Double((p * 7 + i * 13 + run * 5) % 21 - 10) / 10
            let value = ((g.3 + wobble * (g.4 == "万人" ? 0.1 : 1)) * 10).rounded() / 10
            return .observation(
                Observation(
                    subject: g.5, indicator: g.0, kind: g.1, quantity: Quantity(value: value, unit: g.4),
                    period: Period(year: 2024), region: region, text: "\(g.5)\(FigureText.format(value))\(g.4)",
                    location: SourceLocation(line: i + 1, column: 1)))
        }
        var goalEntries: [GoalEntry] = []
        var observationEntries: [ObservationEntry] = []
        for (sourceID, origin, records) in [
            ("speech", goalsOrigin, goalRecords), ("bulletin", factsOrigin, factRecords),
        ] {
            let sha = SHA256.hex(of: Array("\(origin)#\(run)".utf8))
            let info = SourceWriteInfo(
                runID: runID, pipeline: id, sourceID: sourceID, adapter: "speech-text", origin: origin, sha256: sha,
                optionsHash: "bench")
            let counts = try await store.writeSource(info) { sink in
                for r in records { try sink.emit(r) }
            }
            try store.recordSource(
                runID: runID,
                RunSourceRecord(
                    sourceID: sourceID, adapter: "speech-text", origin: origin, status: "stored",
                    records: counts.records,
                    observations: counts.observations, goals: counts.goals, bytes: 1024, sha256: sha))
        }
        let stored = try store.currentRecords(pipeline: id)
        var goalIDs: [Int64] = []
        for s in stored {
            switch s.record {
            case .goal(let g):
                goalEntries.append(GoalEntry(goal: g, provenance: s.provenance))
                goalIDs.append(s.id)
            case .observation(let o):
                observationEntries.append(ObservationEntry(observation: o, provenance: s.provenance))
            }
        }
        let results = checker.check(goalEntries, against: observationEntries)
        try store.saveChecks(
            runID: runID, pipeline: id,
            zip(goalIDs, results).map { goalID, r in
                StoredCheck(
                    goalID: goalID, subject: r.goal.goal.subject, indicator: r.indicator?.code,
                    status: r.status.rawValue,
                    target: r.target, actual: r.actual, unit: r.unit, margin: r.margin, attainment: r.attainment,
                    detail: r.detailJSON())
            })
        var counts: [String: Int] = [:]
        for r in results { counts[r.status.rawValue, default: 0] += 1 }
        let summary = "{" + counts.keys.sorted().map { "\"\($0)\":\(counts[$0]!)" }.joined(separator: ",") + "}"
        try store.finishRun(id: runID, status: "succeeded", records: stored.count, summary: summary)
    }
}
