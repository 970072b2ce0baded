import Foundation
import GoalCheck
import IndicatorKit
import Logging
import Normalize
import Reports
import Storage

/// Normalizes records on their way into the store, and after the sources checks the pipeline's goals
/// against its current data, stores the checks and writes the reports the pipeline asks for.
public struct ScorecardEvaluator: RunEvaluator {
    /// Catalog files layered on the built-in catalog, before the pipeline's own `catalog:` files
    /// (`YARDSTICK_CATALOG`); each adds entries or overrides the built-in ones with the same code.
    public var catalogFiles: [String]
    public var logger: Logger
    /// Colour the terminal table.
    public var colour: Bool

    /// Catalogs already parsed, by their file list: a run normalizes every source and then checks
    /// goals with the same catalog, which is parsed once.
    private let catalogs = CatalogCache()

    public init(catalogFiles: [String] = [], logger: Logger, colour: Bool) {
        self.catalogFiles = catalogFiles
        self.logger = logger
        self.colour = colour
    }

    /// The files `YARDSTICK_CATALOG` names (one path, or several separated by `:`); empty when unset.
    public static func environmentCatalogFiles(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> [String] {
        (environment["YARDSTICK_CATALOG"] ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty }
    }

    /// The catalog a pipeline's records are normalized and its goals checked with: the built-in
    /// catalog, then `catalogFiles`, then the pipeline's `catalog:` files. Throws `CatalogError`
    /// naming a file that is missing or malformed.
    public func catalog(for config: PipelineConfig) throws -> Catalog {
        try catalogs.catalog(files: catalogFiles + config.catalogFiles).catalog
    }

    /// The sha256 of the catalog texts `config` uses, so a changed catalog re-reads its sources.
    public func normalizationHash(for config: PipelineConfig) throws -> String {
        try catalogs.catalog(files: catalogFiles + config.catalogFiles).hash
    }

    public func recordTransform(for config: PipelineConfig) -> @Sendable (SourceRecord) -> SourceRecord {
        guard let catalog = try? catalog(for: config) else { return { $0 } }
        let normalizer = Normalizer(catalog: catalog)
        return { normalizer.normalize($0) }
    }

    /// The scorecard of the pipeline's current stored data, as reports show it: labels in
    /// `report.language` (or the documents' language) and origins relative to the pipeline file.
    public func scorecard(for config: PipelineConfig, store: SQLiteStore, runID: Int64?) throws -> Scorecard {
        try checkedScorecard(for: config, store: store, runID: runID).mappingOrigins(config.sharedOrigin)
    }

    /// The scorecard with the origins as stored (absolute paths), for the store's checks.
    func checkedScorecard(for config: PipelineConfig, store: SQLiteStore, runID: Int64?) throws -> Scorecard {
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
            pipeline: config.id, matching: RecordMatch(indicators: indicators.sorted(), subjects: subjects.sorted()))
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
        let language =
            config.report.language.flatMap(ReportLanguage.init(rawValue:))
            ?? ReportLanguage.detect(title: config.title, subjects: goals.map(\.goal.subject))
        var notes: [String] = []
        if goals.isEmpty {
            let sources = config.goals.sources?.joined(separator: ", ")
            notes.append(
                language == .zh
                    ? "存储的数据中没有 \(config.period ?? "该期间") 的目标" + (sources.map { "（来源：\($0)）" } ?? "") + "。"
                    : "No goals for \(config.period ?? "the period") in the stored data"
                        + (sources.map { " of \($0)" } ?? "") + ".")
        }
        var scorecard = Scorecard(
            title: config.title ?? config.id, pipeline: config.id, region: config.region,
            period: config.period ?? "", runID: runID, results: results, unmatchedSubjects: unmatched, notes: notes,
            language: language)
        scorecard.goalIDs = goalIDs
        scorecard.sourceWarnings = try SourceWarnings.lines(for: config, store: store)
        return scorecard
    }

    public func evaluate(
        _ config: PipelineConfig, runID: Int64, store: SQLiteStore, options: RunOptions, summary: inout RunSummary
    ) async throws {
        var checked = try checkedScorecard(for: config, store: store, runID: runID)
        // Which on-empty rule applied to a source of this run, if any.
        checked.notes += summary.sources.compactMap { s in
            s.error.flatMap { $0.contains("(on-empty: ") ? TerminalText.visible($0) : nil }
        }
        try store.saveChecks(
            runID: runID, pipeline: config.id,
            zip(checked.goalIDs, checked.results).map { id, r in
                StoredCheck(
                    goalID: id, subject: r.goal.goal.subject, indicator: r.indicator?.code, status: r.status.rawValue,
                    target: r.target, actual: r.actual, unit: r.unit, margin: r.margin, attainment: r.attainment)
            })
        let scorecard = checked.mappingOrigins(config.sharedOrigin)
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
    private var loaded: [String: (catalog: Catalog, hash: String)] = [:]

    /// The built-in catalog with `files` layered on it, and the sha256 of all their texts.
    func catalog(files: [String]) throws -> (catalog: Catalog, hash: String) {
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
        let texts = [CatalogText.shipped] + (try files.map(CatalogText.init(contentsOf:)))
        let catalog = try Catalog.load(texts)
        var bytes: [UInt8] = []
        for t in texts { bytes += Array(t.text.utf8) + [0] }
        let entry = (catalog: catalog, hash: SHA256.hex(of: bytes))
        lock.lock()
        loaded[key] = entry
        lock.unlock()
        return entry
    }
}
