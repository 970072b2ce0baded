import BuiltinAdapters
import Foundation
import Logging
import Normalize
import Pipeline
import Reports

/// The loader with this build's adapters and schedule check.
func makeLoader() -> PipelineLoader {
    PipelineLoader(
        registry: builtinAdapters,
        scheduleCheck: { text in
            do {
                _ = try CronSchedule(parsing: text)
                return nil
            } catch {
                return "schedule: \(error)"
            }
        })
}

/// The lines `validate` prints about a pipeline's schedule.
func scheduleLines(_ config: PipelineConfig) -> [String] {
    guard let s = config.schedule, let schedule = try? CronSchedule(parsing: s) else { return [] }
    let next = schedule.nextRuns(after: Date(), count: 3).map { PipelineScheduler.format($0, schedule.timeZone) }
    return ["schedule: \(s)", "next runs: " + next.joined(separator: ", ")]
}

/// The goal checks and reports run after the sources: the built-in catalog, then the files
/// `YARDSTICK_CATALOG` names, then each pipeline's `catalog:` files.
func makeEvaluator(logger: Logger, colour: Bool = StandardOutput.useColour) -> ScorecardEvaluator {
    ScorecardEvaluator(
        catalogFiles: ScorecardEvaluator.environmentCatalogFiles(), logger: logger, colour: colour)
}

/// Loads the catalog of every pipeline in `configs`, printing what is wrong with a catalog file and
/// exiting with the invalid-input code, so no run starts (or reports) without its catalog.
func checkCatalogs(_ configs: [PipelineConfig], evaluator: ScorecardEvaluator) throws {
    var failed = false
    var seen = Set<String>()
    for config in configs {
        do {
            _ = try evaluator.normalizationHash(for: config)
        } catch let error as CatalogError {
            failed = true
            if seen.insert(error.message).inserted { StandardOutput.error("error: \(error.message)") }
        }
    }
    if failed { throw ExitCodes.invalidInput }
}

/// Each pipeline's scorecard from its latest stored run (`export`, `report --compare`); a pipeline
/// with no runs yet is noted on stderr and shows its goals unchecked.
func latestScorecards(_ configs: [PipelineConfig], evaluator: ScorecardEvaluator, databasePath: String) async throws
    -> [Scorecard]
{
    let store = try await openExistingStore(databasePath)
    var scorecards: [Scorecard] = []
    for config in configs {
        let lastRun = try await store.runs(pipeline: config.id, limit: 1).first?.id
        if lastRun == nil {
            StandardOutput.error("note: pipeline '\(config.id)' has no runs in \(databasePath) yet")
        }
        scorecards.append(try await evaluator.scorecard(for: config, store: store, runID: lastRun))
    }
    return scorecards
}
