import IndicatorKit

extension Normalizer {
    /// The subjects of normalized records that no catalog entry matched, once each (by folded
    /// subject), in the order first seen: what `yardstick run` lists for the user to add.
    public func unmatchedSubjects(in records: [SourceRecord]) -> [String] {
        var seen: Set<String> = []
        var out: [String] = []
        for r in records where r.indicator == nil {
            let key = catalog.subjectKey(r.subject, region: r.region)
            guard !key.isEmpty, seen.insert(key).inserted else { continue }
            out.append(r.subject)
        }
        return out
    }
}
