import BuiltinAdapters
import Foundation
import Logging
import Pipeline

/// The loader with this build's adapters and schedule check.
func makeLoader() -> PipelineLoader {
    PipelineLoader(registry: builtinAdapters, scheduleCheck: { text in
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

/// The goal checks and reports run after the sources.
func makeEvaluator(logger: Logger) -> (any RunEvaluator)? {
    guard let catalog = ScorecardEvaluator.findCatalog() else {
        logger.warning("no indicator catalog found (catalog/indicators.yaml); goals are not checked. Set YARDSTICK_CATALOG or run from the checkout")
        return nil
    }
    return ScorecardEvaluator(catalogPath: catalog, logger: logger, colour: StandardOutput.isTerminal)
}
