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
}
