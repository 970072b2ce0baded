import Foundation
import GoalCheck
import IndicatorKit

extension Scorecard {
    /// How many results have each status, in report order, statuses with none left out.
    public var statusCounts: [(status: CheckStatus, count: Int)] {
        var counts: [CheckStatus: Int] = [:]
        for r in results { counts[r.status, default: 0] += 1 }
        return counts.keys.sorted().map { ($0, counts[$0]!) }
    }

    /// "2 met · 1 missed · 3 no_data".
    public var summaryLine: String {
        let parts = statusCounts.map { "\($0.count) \($0.status.rawValue)" }
        return parts.isEmpty ? "no goals" : parts.joined(separator: " · ")
    }

    /// A plain sentence when no goal has an actual figure yet, else `nil`.
    public var noDataNotice: String? {
        guard !results.isEmpty, results.allSatisfy({ $0.status == .noData }) else { return nil }
        return "No actual figures are available yet for \(period): every goal is no_data. "
            + "Add a source with \(period) figures (for example the \(period) statistical bulletin) and run again."
    }

    /// The policy areas of the results, sorted.
    public var areas: [String] { Array(Set(results.map(\.area))).sorted() }

    /// `generatedAt` as an ISO 8601 UTC timestamp.
    public var generatedAtText: String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: generatedAt)
    }

    /// Where a figure came from, short: "speech line 31, column 18".
    static func place(_ p: Provenance) -> String {
        let loc = p.location.summary
        return loc.isEmpty ? p.sourceID : "\(p.sourceID) \(loc)"
    }

    /// The source cell: the actual's place, or the derivation's inputs.
    static func actualSource(_ r: CheckResult) -> String {
        guard let e = r.observation else { return "" }
        if e.isDerived { return "derived from " + e.derivedFrom.map(place).joined(separator: " and ") }
        return place(e.provenance)
    }
}
