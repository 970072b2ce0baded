import Foundation
import GoalCheck
import IndicatorKit
import Reports

/// The JSON documents of the API (`docs/openapi.json` describes them). The scorecard is the
/// documented scorecard schema (`JSONRenderer`); the others are written here.
public struct SiteAPI: Sendable {
    public let data: SiteData

    public init(data: SiteData) {
        self.data = data
    }

    struct PipelineItem: Encodable {
        var id: String
        var title: String
        var region: String?
        var period: String
        var freshness: String
        var counts: [String: Int]
        var total: Int
        var checkedRunID: Int64?
        var lastRun: RunItem?
        var runCount: Int
        var links: [String: String]
    }

    struct RunItem: Encodable {
        var id: Int64
        var pipeline: String
        var status: String
        var startedAt: String
        var finishedAt: String?
        var records: Int
        var counts: [String: Int]
    }

    struct ExportRow: Encodable {
        var pipeline: String
        var runID: Int64
        var region: String?
        var indicator: String?
        var subject: String
        var kind: String
        var period: String
        var comparator: String
        var target: Double?
        var targetUpper: Double?
        var actual: Double?
        var unit: String
        var margin: Double?
        var attainment: Double?
        var status: String
        var goalSource: String
        var actualSource: String?
        var actualPeriod: String?
    }

    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func time(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: d)
    }

    static func item(_ r: RunInfo) -> RunItem {
        RunItem(
            id: r.id, pipeline: r.pipeline, status: r.status, startedAt: time(r.startedAt),
            finishedAt: r.finishedAt.map(time), records: r.records, counts: r.counts)
    }

    /// `{"schema": "yardstick.pipelines/1", "pipelines": [...]}`: every pipeline with its counts.
    public func pipelines() throws -> String {
        struct Doc: Encodable {
            var schema = "yardstick.pipelines/1"
            var pipelines: [PipelineItem]
        }
        let items = try data.pipelines().map { p in
            PipelineItem(
                id: p.id, title: p.title, region: p.region, period: p.period, freshness: p.freshness.rawValue,
                counts: p.counts, total: p.total, checkedRunID: p.checkedRunID, lastRun: p.lastRun.map(SiteAPI.item),
                runCount: p.runCount,
                links: [
                    "html": "/" + SitePaths.pipeline(p.id),
                    "scorecard": "/api/pipelines/\(SitePaths.slug(p.id))/scorecard",
                ])
        }
        return SiteAPI.encode(Doc(pipelines: items))
    }

    /// The pipeline's scorecard in the documented schema (`yardstick.scorecard/1`); nil when unknown.
    public func scorecard(pipeline: String) throws -> String? {
        guard let page = try data.pipelinePage(id: pipeline, historyLimit: 1) else { return nil }
        return JSONRenderer().render(page.scorecard)
    }

    /// `{"schema": "yardstick.runs/1", "runs": [...]}`: the latest runs, newest first.
    public func runs(pipeline: String?, limit: Int) throws -> String? {
        struct Doc: Encodable {
            var schema = "yardstick.runs/1"
            var runs: [RunItem]
        }
        let runs: [RunInfo]
        if let pipeline {
            guard let page = try data.pipelinePage(id: pipeline, historyLimit: limit) else { return nil }
            runs = page.runs
        } else {
            runs = try data.recentRuns(limit: limit)
        }
        return SiteAPI.encode(Doc(runs: runs.map(SiteAPI.item)))
    }

    /// `{"schema": "yardstick.export/1", "rows": [...]}`: a row per goal of each pipeline's checked
    /// run, with its target and the actual it was checked against (a goal × actual panel).
    public func export(pipeline: String?) throws -> String? {
        struct Doc: Encodable {
            var schema = "yardstick.export/1"
            var rows: [ExportRow]
        }
        var rows: [ExportRow] = []
        let ids: [String]
        if let pipeline {
            guard try data.pipeline(id: pipeline) != nil else { return nil }
            ids = [pipeline]
        } else {
            ids = try data.pipelines().map(\.id)
        }
        for id in ids {
            guard let page = try data.pipelinePage(id: id, historyLimit: 1), let runID = page.scorecard.runID else {
                continue
            }
            for r in page.scorecard.results {
                let g = r.goal.goal
                rows.append(
                    ExportRow(
                        pipeline: id, runID: runID, region: g.region ?? page.summary.region, indicator: g.indicator,
                        subject: g.subject, kind: g.kind.rawValue, period: g.period.rawValue,
                        comparator: g.comparator.rawValue, target: r.target, targetUpper: r.targetUpper,
                        actual: r.actual, unit: r.unit, margin: r.margin, attainment: r.attainment,
                        status: r.status.rawValue, goalSource: r.goal.provenance.sourceID,
                        actualSource: r.observation?.provenance.sourceID,
                        actualPeriod: r.observation?.observation.period.rawValue))
            }
        }
        return SiteAPI.encode(Doc(rows: rows))
    }
}
