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

    /// Catalogs already parsed, by their file list: a run normalizes every source and then checks
    /// goals with the same catalog, which is parsed once.
    private let catalogs = CatalogCache()

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
        try catalogs.catalog(files: [catalogPath] + config.catalogFiles)
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
        for stored in try store.currentGoals(pipeline: config.id, sources: config.goals.sources) {
            guard case .goal(let g) = normalizer.normalize(stored.record) else { continue }
            if let periodYear, g.period.year != periodYear { continue }
            goals.append(GoalEntry(goal: g, provenance: stored.provenance))
            goalIDs.append(stored.id)
        }
        // Only the observations these goals can be checked against (their indicators, or their subjects
        // when the catalog knows none), not every stored figure.
        let indicators = Set(goals.compactMap { $0.goal.indicator })
        let subjects = Set(goals.filter { $0.goal.indicator == nil }.map { $0.goal.subject })
        for stored in try store.currentObservations(
            pipeline: config.id, matching: (indicators.sorted(), subjects.sorted()))
        {
            if case .observation(let o) = normalizer.normalize(stored.record) {
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
        var scorecard = try scorecard(for: config, store: store, runID: runID)
        // Which on-empty rule applied to a source of this run, if any.
        scorecard.notes += summary.sources.compactMap { s in
            s.error.flatMap { $0.contains("(on-empty: ") ? TerminalText.visible($0) : nil }
        }
        try store.saveChecks(
            runID: runID, pipeline: config.id,
            zip(scorecard.goalIDs, scorecard.results).map { id, r in
                StoredCheck(
                    goalID: id, subject: r.goal.goal.subject, indicator: r.indicator?.code, status: r.status.rawValue,
                    target: r.target, actual: r.actual, unit: r.unit, margin: r.margin, attainment: r.attainment,
                    detail: r.detailJSON())
            })
        for (status, count) in scorecard.statusCounts { summary.statusCounts[status.rawValue] = count }
        summary.unmatchedSubjects = scorecard.unmatchedSubjects
        summary.scorecardJSON = JSONRenderer().render(scorecard).trimmingCharacters(in: .newlines)
        summary.table = TableRenderer(colour: colour).render(scorecard)
        let formats = try ScorecardWriter.formats(named: options.reportFormats ?? config.report.formats)
            .filter { $0 != .table }
        guard !formats.isEmpty, let directory = options.reportDirectory ?? config.report.directory else { return }
        summary.reportFiles = try ScorecardWriter().write(scorecard, formats: formats, to: directory)
    }
}

/// Parsed catalogs by file list, keyed also by the files' modification times so an edited catalog
/// is read again (the scheduler keeps one evaluator for many runs).
final class CatalogCache: @unchecked Sendable {
    private let lock = NSLock()
    private var loaded: [String: Catalog] = [:]

    func catalog(files: [String]) throws -> Catalog {
        let key = files.map { f -> String in
            let modified = (try? FileManager.default.attributesOfItem(atPath: f))?[.modificationDate] as? Date
            return "\(f)@\(modified?.timeIntervalSince1970 ?? 0)"
        }.joined(separator: "\n")
        lock.lock()
        if let hit = loaded[key] {
            lock.unlock()
            return hit
        }
        lock.unlock()
        let catalog = try Catalog.load(contentsOf: files)
        lock.lock()
        loaded[key] = catalog
        lock.unlock()
        return catalog
    }
}
