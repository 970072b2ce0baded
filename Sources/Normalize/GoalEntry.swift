import IndicatorKit

/// A stated target with where it came from.
public struct GoalEntry: Sendable, Hashable {
    public var goal: Goal
    public var provenance: Provenance
    /// This goal's own tolerance for `~`, overriding the pipeline's: percentage points for growth,
    /// share and change goals, a fraction of the target for level goals.
    public var tolerance: Double?

    public init(goal: Goal, provenance: Provenance, tolerance: Double? = nil) {
        self.goal = goal
        self.provenance = provenance
        self.tolerance = tolerance
    }
}
