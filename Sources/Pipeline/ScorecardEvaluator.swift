import Foundation
import GoalCheck
import IndicatorKit
import Logging
import Normalize
import Reports
import Store

/// Normalizes records on their way into the store, and after the sources checks the pipeline's goals
/// against its current data, stores the checks and writes the reports the pipeline asks for.
public struct ScorecardEvaluator: RunEvaluator {
    /// The shipped catalog file.
    public var catalogPath: String
    public var logger: Logger
    /// Colour the terminal table.
    public var colour: Bool

    public init(catalogPath: String, logger: Logger, colour: Bool) {
        self.catalogPath = catalogPath
        self.logger = logger
        self.colour = colour
    }

    /// The shipped catalog, looked for in `$YARDSTICK_CATALOG`, `./catalog/`, then beside and above the
    /// executable (a checkout's `.build/…/yardstick` finds the checkout's catalog).
    public static func findCatalog() -> String? {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["YARDSTICK_CATALOG"], fm.fileExists(atPath: env) { return env }
        var candidates = [(fm.currentDirectoryPath as NSString).appendingPathComponent("catalog/indicators.yaml")]
        if var dir = (try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe")).map({ ($0 as NSString).deletingLastPathComponent }) {
            for _ in 0..<6 {
                candidates.append((dir as NSString).appendingPathComponent("catalog/indicators.yaml"))
                candidates.append((dir as NSString).appendingPathComponent("share/yardstick/catalog/indicators.yaml"))
                dir = (dir as NSString).deletingLastPathComponent
            }
        }
        candidates.append("/usr/local/share/yardstick/catalog/indicators.yaml")
        candidates.append("/usr/share/yardstick/catalog/indicators.yaml")
        return candidates.first { fm.fileExists(atPath: $0) }
    }

    func catalog(for config: PipelineConfig) throws -> Catalog {
        try Catalog.load(contentsOf: [catalogPath] + config.catalogFiles)
    }

    public func recordTransform(for config: PipelineConfig) -> @Sendable (Record) -> Record {
        guard let catalog = try? catalog(for: config) else { return { $0 } }
        let normalizer = Normalizer(catalog: catalog)
        return { normalizer.normalize($0) }
    }

    /// The scorecard of the pipeline's current stored data.
    public func scorecard(for config: PipelineConfig, store: Store, runID: Int64?) throws -> Scorecard {
        let catalog = try catalog(for: config)
        let normalizer = Normalizer(catalog: catalog)
        let tolerance = try Tolerance.default.overriding(with: config.goals.tolerance)
        let periodYear = config.period.flatMap { Period(parsing: $0)?.year }
        var goals: [GoalEntry] = []
        var observations: [ObservationEntry] = []
        var goalIDs: [Int64] = []
        for stored in try store.currentRecords(pipeline: config.id) {
            switch normalizer.normalize(stored.record) {
            case .goal(let g):
                if let sources = config.goals.sources, !sources.contains(stored.provenance.sourceID) { continue }
                if let periodYear, g.period.year != periodYear { continue }
                goals.append(GoalEntry(goal: g, provenance: stored.provenance))
                goalIDs.append(stored.id)
            case .observation(let o):
                observations.append(ObservationEntry(observation: o, provenance: stored.provenance))
            }
        }
        let results = GoalChecker(catalog: catalog, tolerance: tolerance).check(goals, against: observations)
        var unmatched: [String] = []
        for g in goals where g.goal.indicator == nil && !unmatched.contains(g.goal.subject) {
            unmatched.append(g.goal.subject)
        }
        var notes: [String] = []
        if goals.isEmpty {
            notes.append(
                "No goals for \(config.period ?? "the period") in the stored data"
                    + (config.goals.sources.map { " of \($0.joined(separator: ", "))" } ?? "") + ".")
        }
        var scorecard = Scorecard(
            title: config.title ?? config.id, pipeline: config.id, region: config.region,
            period: config.period ?? "", runID: runID, results: results, unmatchedSubjects: unmatched, notes: notes)
        scorecard.goalIDs = goalIDs
        return scorecard
    }

    public func evaluate(
        _ config: PipelineConfig, runID: Int64, store: Store, options: RunOptions, summary: inout RunSummary
    ) async throws {
        let scorecard = try scorecard(for: config, store: store, runID: runID)
        try store.saveChecks(
            runID: runID, pipeline: config.id,
            zip(scorecard.goalIDs, scorecard.results).map { id, r in
                StoredCheck(
                    goalID: id, subject: r.goal.goal.subject, indicator: r.indicator?.code, status: r.status.rawValue,
                    target: r.target, actual: r.actual, unit: r.unit, margin: r.margin, attainment: r.attainment,
                    detail: r.explanation)
            })
        for (status, count) in scorecard.statusCounts { summary.statusCounts[status.rawValue] = count }
        summary.unmatchedSubjects = scorecard.unmatchedSubjects
        summary.scorecardJSON = JSONRenderer().render(scorecard).trimmingCharacters(in: .newlines)
        summary.table = TableRenderer(colour: colour).render(scorecard)
        let formats = (options.reportFormats ?? config.report.formats).compactMap(ReportFormat.init(rawValue:))
        let files = formats.filter { $0 != .table }
        guard !files.isEmpty, let directory = options.reportDirectory ?? config.report.directory else { return }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for format in files {
            let path = (directory as NSString).appendingPathComponent("scorecard.\(format.fileExtension)")
            try format.renderer().render(scorecard).write(toFile: path, atomically: true, encoding: .utf8)
            summary.reportFiles.append(path)
        }
    }
}
