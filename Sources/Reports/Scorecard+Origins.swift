import GoalCheck
import IndicatorKit

extension Scorecard {
    /// The scorecard with every provenance's `origin` (goals, actuals, their inputs, alternatives,
    /// baselines) passed through `transform`: a shared report shows origins relative to the
    /// pipeline file, not the paths of the machine that ran it.
    public func mappingOrigins(_ transform: (String) -> String) -> Scorecard {
        func map(_ p: Provenance) -> Provenance {
            var p = p
            p.origin = transform(p.origin)
            return p
        }
        func map(_ e: ObservationEntry) -> ObservationEntry {
            var e = e
            e.provenance = map(e.provenance)
            e.derivedFrom = e.derivedFrom.map(map)
            return e
        }
        var s = self
        s.results = results.map { r in
            var r = r
            r.goal.provenance = map(r.goal.provenance)
            r.observation = r.observation.map(map)
            r.alternatives = r.alternatives.map(map)
            if var b = r.baseline {
                b.entry = map(b.entry)
                r.baseline = b
            }
            return r
        }
        return s
    }
}
