import IndicatorKit

extension PipelineConfig {
    /// Whether a goal of `period` belongs to this pipeline's scorecard: in a panel pipeline, a
    /// goal of one of its years or a plan goal whose span overlaps them; in a single-period
    /// pipeline, a goal of its year (every goal when the period names no year).
    public func includesGoal(period: Period) -> Bool {
        if let years {
            if let y = period.year { return years.contains(y) }
            if let span = period.yearSpan { return years.contains { span.contains($0) } }
            return false
        }
        guard let year = self.period.flatMap({ Period(parsing: $0)?.year }) else { return true }
        return period.year == year
    }

    /// The years a panel scorecard shows: the pipeline's years, or for a single period over several
    /// regions its one year; nil for a single-region, single-period pipeline.
    public var panelYears: [Int]? {
        if let years { return years }
        guard isPanel else { return nil }
        return [period.flatMap { Period(parsing: $0)?.year }].compactMap { $0 }
    }
}
