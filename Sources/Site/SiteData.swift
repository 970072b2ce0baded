import Foundation
import GoalCheck
import IndicatorKit
import Normalize
import Reports
import Storage

/// Everything the site shows, read from the store. This is the only file of the site that talks to
/// the store; every page is built from what it returns.
///
/// Scorecards are the goal checks the runs stored (`checks.detail`), so a page shows exactly what
/// the run that made it printed, without reading a source or a catalog file again.
public final class SiteData: Sendable {
    public let store: SQLiteStore
    /// What the pipeline files say, by pipeline id (title, region, period, origins as shared).
    public let infos: [String: PipelineInfo]
    /// Limits the site to these pipelines (nil: every pipeline in the store).
    public let only: Set<String>?
    /// The labels' language.
    public let language: ReportLanguage
    private let catalog: Catalog

    public init(
        store: SQLiteStore, infos: [PipelineInfo] = [], only: [String]? = nil, language: ReportLanguage = .zh,
        catalog: Catalog? = nil
    ) {
        self.store = store
        self.infos = Dictionary(infos.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.only = only.map(Set.init)
        self.language = language
        self.catalog = catalog ?? ((try? Catalog.load([.shipped])) ?? .empty)
    }

    /// A value that changes whenever the store file changes (its size and modification time, and
    /// those of its write-ahead log), so rendered pages can be kept until then.
    public func fingerprint() -> String {
        var parts: [String] = []
        for path in [store.path, store.path + "-wal"] {
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
            let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            parts.append("\(size)@\(modified)")
        }
        return parts.joined(separator: "|")
    }

    // MARK: Pipelines

    /// Every pipeline in the store (or in `only`), sorted by id, with its latest run and goal counts.
    public func pipelines() throws -> [PipelineSummary] {
        var byPipeline: [String: [RunRecord]] = [:]
        for run in try store.runs(limit: Int.max) where only?.contains(run.pipeline) ?? true {
            byPipeline[run.pipeline, default: []].append(run)
        }
        return try byPipeline.keys.sorted().map { try summary(id: $0, runs: byPipeline[$0]!) }
    }

    /// One pipeline's summary; nil when the store has no run of it.
    public func pipeline(id: String) throws -> PipelineSummary? {
        guard only?.contains(id) ?? true else { return nil }
        let runs = try store.runs(pipeline: id, limit: Int.max)
        return runs.isEmpty ? nil : try summary(id: id, runs: runs)
    }

    /// `runs` newest first.
    private func summary(id: String, runs: [RunRecord]) throws -> PipelineSummary {
        let info = infos[id]
        let last = runs.first
        let checked = runs.first { $0.summary != nil }
        var freshness = Freshness.never
        if let finished = runs.first(where: { $0.status != "running" }) {
            switch finished.status {
            case "succeeded": freshness = .current
            case "partial": freshness = .partial
            default: freshness = .stale
            }
        }
        var region = info?.region
        var period = info?.period
        if region == nil || period == nil, let checked,
            let first = try store.checks(runID: checked.id).first?.detail,
            let result = try? CheckResult(detail: first, catalog: catalog)
        {
            region = region ?? result.goal.goal.region
            period = period ?? result.goal.goal.period.rawValue
        }
        return PipelineSummary(
            id: id, title: info?.title ?? id, region: region, period: period ?? "", lastRun: last.map(runInfo),
            checkedRunID: checked?.id, counts: checked.map { SiteData.counts($0.summary) } ?? [:],
            freshness: freshness, runCount: runs.count)
    }

    /// The pipeline's page; nil when the store has no run of it.
    public func pipelinePage(id: String, historyLimit: Int = 20) throws -> PipelinePage? {
        guard let summary = try pipeline(id: id) else { return nil }
        let info = infos[id]
        var scorecard = Scorecard(
            title: summary.title, pipeline: id, region: summary.region, period: summary.period,
            generatedAt: summary.lastRun?.finishedAt ?? summary.lastRun?.startedAt ?? Date(),
            runID: summary.checkedRunID,
            results: [], language: language)
        var goalIDs: [Int64] = []
        if let runID = summary.checkedRunID {
            for check in try store.checks(runID: runID) {
                guard let detail = check.detail, let result = try? CheckResult(detail: detail, catalog: catalog) else {
                    scorecard.notes.append(
                        language == .zh
                            ? "第 \(runID) 次运行的目标“\(check.subject)”无法读取，请重新运行该流水线。"
                            : "The stored check of '\(check.subject)' in run \(runID) cannot be read; run the pipeline again."
                    )
                    continue
                }
                scorecard.results.append(result)
                goalIDs.append(check.goalID)
            }
        }
        scorecard.goalIDs = goalIDs
        for r in scorecard.results
        where r.indicator == nil && !scorecard.unmatchedSubjects.contains(r.goal.goal.subject) {
            scorecard.unmatchedSubjects.append(r.goal.goal.subject)
        }
        let sources = try sourceSummaries(pipeline: id, lastRun: summary.lastRun?.id)
        scorecard.sourceWarnings = try warnings(pipeline: id, sources: sources)
        // Anchors of the actuals on the source pages: the current observation with the same provenance.
        var observationAnchors: [Provenance: String] = [:]
        for source in Set(scorecard.results.compactMap { $0.observation?.provenance.sourceID }) {
            for stored in try store.currentObservations(pipeline: id, sources: [source], matching: nil) {
                observationAnchors[stored.provenance] = "o\(stored.id)"
            }
        }
        let actualAnchors = scorecard.results.map { r -> String? in
            guard let e = r.observation else { return nil }
            return observationAnchors[e.provenance] ?? e.derivedFrom.lazy.compactMap { observationAnchors[$0] }.first
        }
        if let shareOrigin = info?.shareOrigin { scorecard = scorecard.mappingOrigins(shareOrigin) }
        let runs = try store.runs(pipeline: id, limit: historyLimit).map(runInfo)
        return PipelinePage(
            summary: summary, scorecard: scorecard, goalAnchors: goalIDs.map { "g\($0)" }, actualAnchors: actualAnchors,
            sources: sources, runs: runs, changes: try changes(pipeline: id, runs: runs.map(\.id)))
    }

    /// The sources of a pipeline: those its file names, then any other the latest run read.
    private func sourceSummaries(pipeline: String, lastRun: Int64?) throws -> [SourceSummary] {
        let outcomes = try lastRun.map { try store.runSources(runID: $0) } ?? []
        var ids = infos[pipeline]?.sourceIDs ?? []
        for o in outcomes where !ids.contains(o.sourceID) { ids.append(o.sourceID) }
        let share = infos[pipeline]?.shareOrigin ?? { ($0 as NSString).lastPathComponent }
        return try ids.map { sourceID in
            let outcome = outcomes.first { $0.sourceID == sourceID }
            let current = try store.currentRecordCount(pipeline: pipeline, sourceID: sourceID)
            return SourceSummary(
                pipeline: pipeline, id: sourceID, adapter: outcome?.adapter ?? "", origin: share(outcome?.origin ?? ""),
                status: outcome?.status ?? "not-read", error: outcome?.error, figures: current?.records ?? 0)
        }
    }

    /// A line per failing source: since which run, and which run its figures are from.
    private func warnings(pipeline: String, sources: [SourceSummary]) throws -> [String] {
        var out: [String] = []
        for source in sources {
            let health = try store.sourceHealth(pipeline: pipeline, sourceID: source.id)
            guard let first = health.failures.first else { continue }
            let from = health.dataRun.map { String($0.id) }
            if language == .zh {
                out.append(
                    "来源 \(source.id) 自第 \(first.runID) 次运行起读取失败（\(health.failures.count) 次）；"
                        + (from.map { "此处其数据来自第 \($0) 次运行。" } ?? "尚无其存储数据。"))
            } else {
                out.append(
                    "Source '\(source.id)' has failed since run \(first.runID) (\(health.failures.count) time(s)); "
                        + (from.map { "its figures here are from run \($0)." } ?? "it has no stored data."))
            }
        }
        return out
    }

    // MARK: Sources

    /// A source's page; nil when the pipeline or source is unknown.
    public func sourcePage(pipeline: String, source sourceID: String) throws -> SourcePage? {
        guard let summary = try self.pipeline(id: pipeline),
            let source = try sourceSummaries(pipeline: pipeline, lastRun: summary.lastRun?.id).first(where: {
                $0.id == sourceID
            })
        else { return nil }
        let state = try store.sourceState(pipeline: pipeline, sourceID: sourceID)
        let share = infos[pipeline]?.shareOrigin ?? { ($0 as NSString).lastPathComponent }
        // Every document fetched for the source, once per content hash, oldest first.
        var documents: [SourceDocument] = []
        var readable: (path: String, sha256: String?)?
        for run in try store.runs(pipeline: pipeline, limit: 50).reversed() {
            for f in try store.fetches(runID: run.id) where f.sourceID == sourceID && f.status != "failed" {
                let isCurrent = state.map { $0.sha256 == f.sha256 && $0.origin == f.origin } ?? false
                if isCurrent { readable = (f.cachePath ?? SiteData.localPath(f.origin) ?? "", f.sha256) }
                if let i = documents.firstIndex(where: { $0.sha256 == f.sha256 && $0.origin == share(f.origin) }) {
                    documents[i].lastRun = run.id
                    documents[i].isCurrent = documents[i].isCurrent || isCurrent
                } else {
                    documents.append(
                        SourceDocument(
                            origin: share(f.origin), sha256: f.sha256, bytes: f.bytes, mediaType: f.mediaType,
                            firstRun: run.id, lastRun: run.id, isCurrent: isCurrent))
                }
            }
        }
        let records = try store.currentRecords(pipeline: pipeline, sources: [sourceID])
        var lines: [Substring]?
        var note: String?
        if let readable, !readable.path.isEmpty {
            switch DocumentText.read(path: readable.path, sha256: readable.sha256) {
            case .success(let text): lines = text
            case .failure(let why): note = why.message(language)
            }
        } else if !records.isEmpty {
            note = DocumentText.Problem.missing.message(language)
        }
        let figures = records.map { stored -> SourceFigure in
            var p = stored.provenance
            p.origin = share(p.origin)
            let anchor = (stored.record.goal != nil ? "g" : "o") + String(stored.id)
            return SourceFigure(
                anchor: anchor, record: stored.record, provenance: p,
                excerpt: lines.flatMap { Excerpt.around(stored.record, in: $0) })
        }
        return SourcePage(
            summary: source, pipelineTitle: summary.title, language: language, documents: documents, figures: figures,
            excerptNote: note)
    }

    static func localPath(_ origin: String) -> String? {
        if origin.hasPrefix("file://") { return URL(string: origin)?.path }
        return origin.hasPrefix("/") ? origin : nil
    }

    // MARK: Indicators

    /// The indicators the stored checks name, with the pipelines that have goals for each.
    public func indicators() throws -> [IndicatorSummary] {
        var byCode: [String: (pipelines: [String], goals: Int)] = [:]
        for p in try pipelines() {
            guard let runID = p.checkedRunID else { continue }
            for check in try store.checks(runID: runID) {
                guard let code = check.indicator else { continue }
                var entry = byCode[code] ?? ([], 0)
                if entry.pipelines.last != p.id { entry.pipelines.append(p.id) }
                entry.goals += 1
                byCode[code] = entry
            }
        }
        return byCode.keys.sorted().map { code in
            IndicatorSummary(
                code: code, name: indicatorName(code), pipelines: byCode[code]!.pipelines, goals: byCode[code]!.goals)
        }
    }

    /// An indicator's page: every current observation of it and every checked goal, across
    /// pipelines; nil when no pipeline has a goal or figure for it.
    public func indicatorPage(code: String) throws -> IndicatorPage? {
        var points: [IndicatorPoint] = []
        var goals: [IndicatorGoal] = []
        for p in try pipelines() {
            for stored in try store.currentObservations(
                pipeline: p.id, matching: RecordMatch(indicators: [code], subjects: []))
            {
                guard case .observation(let o) = stored.record, o.indicator == code else { continue }
                points.append(
                    IndicatorPoint(
                        pipeline: p.id, region: o.region ?? p.region ?? p.id, period: o.period, kind: o.kind,
                        value: o.quantity.value, unit: o.quantity.unit, sourceID: stored.provenance.sourceID,
                        anchor: "o\(stored.id)"))
            }
            guard let runID = p.checkedRunID else { continue }
            for check in try store.checks(runID: runID) where check.indicator == code {
                guard let detail = check.detail, let r = try? CheckResult(detail: detail, catalog: catalog) else {
                    continue
                }
                let g = r.goal.goal
                goals.append(
                    IndicatorGoal(
                        pipeline: p.id, region: g.region ?? p.region ?? p.id, period: g.period.rawValue,
                        status: r.status,
                        target: FigureText.target(g.comparator, r.target, upper: r.targetUpper, unit: g.quantity.unit),
                        actual: r.actual.map { FigureText.withUnit($0, r.unit) } ?? "—"))
            }
        }
        guard !points.isEmpty || !goals.isEmpty else { return nil }
        points.sort { ($0.region, $0.period) < ($1.region, $1.period) }
        return IndicatorPage(
            code: code, name: indicatorName(code), language: language, observations: points, goals: goals)
    }

    private func indicatorName(_ code: String) -> String {
        guard let i = catalog.indicator(code: code) else { return code }
        return language == .zh ? i.nameHans : i.nameEnglish
    }

    // MARK: Runs

    /// The latest runs of every pipeline in the site, newest first.
    public func recentRuns(limit: Int = 100) throws -> [RunInfo] {
        Array(
            try store.runs(limit: only == nil ? limit : Int.max).lazy.filter {
                self.only?.contains($0.pipeline) ?? true
            }
            .prefix(limit).map(runInfo))
    }

    /// What changed in each of `runs` (newest first) against the checked run of the same pipeline
    /// before it; runs without checks, or without an earlier checked run, are left out.
    public func changes(pipeline: String, runs: [Int64]) throws -> [RunChanges] {
        var out: [RunChanges] = []
        for runID in runs {
            let after = try store.checks(runID: runID)
            guard !after.isEmpty, let before = try store.latestCheckedRun(pipeline: pipeline, before: runID) else {
                continue
            }
            out.append(
                RunChanges(
                    pipeline: pipeline, fromRun: before, toRun: runID,
                    changes: RunChanges.between(try store.checks(runID: before), after)))
        }
        return out
    }

    private func runInfo(_ r: RunRecord) -> RunInfo {
        RunInfo(
            id: r.id, pipeline: r.pipeline, startedAt: r.startedAt, finishedAt: r.finishedAt, status: r.status,
            records: r.records, counts: SiteData.counts(r.summary))
    }

    static func counts(_ json: String?) -> [String: Int] {
        guard let json, let data = json.data(using: .utf8),
            let counts = try? JSONDecoder().decode([String: Int].self, from: data)
        else { return [:] }
        return counts
    }
}
