import Foundation
import GoalCheck
import IndicatorKit
import Reports

/// What a pipeline file says about a pipeline that the store does not keep: its title, region and
/// period, and how its origins are shown (relative to the pipeline file, without credentials).
public struct PipelineInfo: Sendable {
    public var id: String
    public var title: String?
    public var region: String?
    public var period: String?
    /// The source ids the file names, in order.
    public var sourceIDs: [String]
    /// Which sources state the goals (nil: every source).
    public var goalSources: [String]?
    /// The labels' language the file asks for (`report.language`).
    public var language: ReportLanguage?
    /// Maps a stored origin to the one a shared page shows.
    public var shareOrigin: @Sendable (String) -> String

    public init(
        id: String, title: String? = nil, region: String? = nil, period: String? = nil, sourceIDs: [String] = [],
        goalSources: [String]? = nil, language: ReportLanguage? = nil,
        shareOrigin: @escaping @Sendable (String) -> String = { ($0 as NSString).lastPathComponent }
    ) {
        self.id = id
        self.title = title
        self.region = region
        self.period = period
        self.sourceIDs = sourceIDs
        self.goalSources = goalSources
        self.language = language
        self.shareOrigin = shareOrigin
    }
}

/// Whether a pipeline's figures are current.
public enum Freshness: String, Sendable {
    /// The latest run read every source.
    case current
    /// The latest run finished but some source failed: some figures are from older runs.
    case partial
    /// The latest run failed, was interrupted or stopped: the figures shown are from an earlier run.
    case stale
    /// No run has finished yet.
    case never
}

/// One line of the index: a pipeline with its latest run and goal counts.
public struct PipelineSummary: Sendable {
    public var id: String
    public var title: String
    public var region: String?
    public var period: String
    /// The latest run, of any status.
    public var lastRun: RunInfo?
    /// The latest run with goal checks (the scorecard's run).
    public var checkedRunID: Int64?
    /// Goal counts by status code in the checked run.
    public var counts: [String: Int]
    public var freshness: Freshness
    public var runCount: Int

    public var total: Int { counts.values.reduce(0, +) }
}

/// A run as the site shows it.
public struct RunInfo: Sendable {
    public var id: Int64
    public var pipeline: String
    public var startedAt: Date
    public var finishedAt: Date?
    public var status: String
    public var records: Int
    /// Goal counts by status code, when the run checked goals.
    public var counts: [String: Int]
}

/// A pipeline's page: its scorecard, sources and recent runs.
public struct PipelinePage: Sendable {
    public var summary: PipelineSummary
    public var scorecard: Scorecard
    /// The figure anchor (`g12`, `o40`) of each result's goal and actual, in the order of results,
    /// on the source pages (nil when the figure is no longer among the source's current records).
    public var goalAnchors: [String?]
    public var actualAnchors: [String?]
    public var sources: [SourceSummary]
    public var runs: [RunInfo]
    /// What changed in each of the recent runs against the checked run before it, newest first.
    public var changes: [RunChanges]
}

/// One source of a pipeline, with its status in the latest run.
public struct SourceSummary: Sendable {
    public var pipeline: String
    public var id: String
    public var adapter: String
    public var origin: String
    public var status: String
    public var error: String?
    public var figures: Int
}

/// One fetched document of a source.
public struct SourceDocument: Sendable {
    public var origin: String
    public var sha256: String?
    public var bytes: Int
    public var mediaType: String?
    public var firstRun: Int64
    public var lastRun: Int64
    /// True for the document the source's current figures were read from.
    public var isCurrent: Bool
}

/// A source's page: its documents and every current figure with the text around it.
public struct SourcePage: Sendable {
    public var summary: SourceSummary
    public var pipelineTitle: String
    public var language: ReportLanguage
    public var documents: [SourceDocument]
    public var figures: [SourceFigure]
    /// Why excerpts could not be read from the document, when they could not.
    public var excerptNote: String?
}

/// A stored goal or observation with where it sits in its document.
public struct SourceFigure: Sendable {
    /// `g12` for goal row 12, `o40` for observation row 40.
    public var anchor: String
    public var record: SourceRecord
    public var provenance: Provenance
    public var excerpt: Excerpt?
}

/// Lines of a document around a figure, with the figure's own text marked.
public struct Excerpt: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public var number: Int
        public var text: String
        /// The marked part of `text`, as a range of characters, when this is the figure's line.
        public var mark: Range<Int>?
    }
    public var lines: [Line]
    /// The table's header row, for a CSV row.
    public var header: String?
}

/// An indicator across pipelines, regions and years.
public struct IndicatorPage: Sendable {
    public var code: String
    public var name: String
    public var language: ReportLanguage
    public var observations: [IndicatorPoint]
    public var goals: [IndicatorGoal]
}

/// One current observation of an indicator.
public struct IndicatorPoint: Sendable {
    public var pipeline: String
    public var region: String
    public var period: Period
    public var kind: FigureKind
    public var value: Double?
    public var unit: String
    public var sourceID: String
    public var anchor: String
}

/// One checked goal of an indicator.
public struct IndicatorGoal: Sendable {
    public var pipeline: String
    public var region: String
    public var period: String
    public var status: CheckStatus
    public var target: String
    public var actual: String
}

/// An entry of the indicator list.
public struct IndicatorSummary: Sendable {
    public var code: String
    public var name: String
    public var pipelines: [String]
    public var goals: Int
}

/// What changed between two checked runs of a pipeline.
public struct RunChanges: Sendable {
    public enum Kind: String, Sendable { case new, changed, gone }
    public struct Change: Sendable {
        public var kind: Kind
        public var subject: String
        public var before: String?
        public var after: String?
    }
    public var pipeline: String
    public var fromRun: Int64
    public var toRun: Int64
    public var changes: [Change]
}
