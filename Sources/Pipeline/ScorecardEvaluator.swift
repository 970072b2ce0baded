import Foundation
import GoalCheck
import IndicatorKit
import Logging
import Normalize
import Reports
import Storage

/// The steps around a pipeline's sources, each its own method the runner calls in turn:
/// 1. `recordTransform`: normalize each record on its way into the store (the only normalization);
/// 2. `checkGoals` (ScorecardEvaluator+GoalChecks.swift): check the current goals against the
///    current observations;
/// 3. `saveChecks` (ScorecardEvaluator+SaveChecks.swift): store the checks under the run;
/// 4. `writeReports` (ScorecardEvaluator+Reports.swift): render the scorecard and write the report
///    files the pipeline asks for.
public struct ScorecardEvaluator: RunEvaluator {
    /// Catalog files layered on the built-in catalog, before the pipeline's own `catalog:` files
    /// (`YARDSTICK_CATALOG`, see `PipelineCatalog`).
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

    /// The files `YARDSTICK_CATALOG` names (see `PipelineCatalog.environmentFiles`).
    public static func environmentCatalogFiles(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> [String] {
        PipelineCatalog.environmentFiles(environment)
    }

    /// The catalog a pipeline's records are normalized and its goals checked with (see
    /// `PipelineCatalog`). Throws `CatalogError` naming a file that is missing or malformed.
    public func catalog(for config: PipelineConfig) throws -> Catalog {
        try catalogs.catalog(files: PipelineCatalog.files(for: config, environmentFiles: catalogFiles)).catalog
    }

    /// The sha256 of the catalog texts `config` uses, so a changed catalog re-reads its sources.
    public func normalizationHash(for config: PipelineConfig) throws -> String {
        try catalogs.catalog(files: PipelineCatalog.files(for: config, environmentFiles: catalogFiles)).hash
    }

    /// Step 1, normalize on insert: what every record goes through before it is stored. Stored
    /// records are not normalized again.
    public func recordTransform(for config: PipelineConfig) -> @Sendable (SourceRecord) -> SourceRecord {
        guard let catalog = try? catalog(for: config) else { return { $0 } }
        let normalizer = Normalizer(catalog: catalog)
        return { normalizer.normalize($0) }
    }

    /// The scorecard of the pipeline's current stored data, as reports show it: labels in
    /// `report.language` (or the documents' language) and origins relative to the pipeline file.
    public func scorecard(for config: PipelineConfig, store: any ResultStore, runID: Int64?) async throws -> Scorecard {
        try await checkGoals(config, runID: runID, store: store).mappingOrigins(config.sharedOrigin)
    }
}
