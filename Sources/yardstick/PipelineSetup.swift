import BuiltinAdapters
import Foundation
import Logging
import Pipeline

/// The loader with this build's adapters and schedule check.
func makeLoader() -> PipelineLoader {
    PipelineLoader(registry: builtinAdapters)
}

/// The lines `validate` prints about a pipeline's schedule.
func scheduleLines(_ config: PipelineConfig) -> [String] {
    guard let s = config.schedule else { return [] }
    return ["schedule: \(s)"]
}

/// The goal checks and reports run after the sources.
func makeEvaluator(logger: Logger) -> (any RunEvaluator)? {
    nil
}
