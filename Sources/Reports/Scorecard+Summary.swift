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

    /// "2 达成 · 1 未达成 · 3 暂无数据" (or "2 met · 1 missed · 3 no data"), in the scorecard's language.
    public var summaryLine: String { labels.summary(statusCounts) }

    /// A plain sentence when no goal has an actual figure yet, else `nil`.
    public var noDataNotice: String? {
        guard !results.isEmpty, results.allSatisfy({ $0.status == .noData }) else { return nil }
        return labels.noDataNotice(period: period)
    }

    /// The name of each result's goal, in the order of `results`: its subject, and where several
    /// goals share a subject, the clause each was stated in ("高标准农田（新建高标准农田8万亩）"), or the
    /// target when the clauses do not tell them apart either.
    public var goalNames: [String] {
        // In a panel, goals share a subject across years and regions; only those of one year and
        // region need telling apart.
        func key(_ r: CheckResult) -> String {
            let g = r.goal.goal
            return isPanel ? g.subject + "\u{1}" + g.period.rawValue + "\u{1}" + (g.region ?? "") : g.subject
        }
        var perSubject: [String: Int] = [:]
        for r in results { perSubject[key(r), default: 0] += 1 }
        let (open, close) = language == .zh ? ("（", "）") : (" (", ")")
        var names = results.map { r -> String in
            let subject = r.goal.goal.subject
            guard perSubject[key(r), default: 0] > 1 else { return subject }
            let clause = Scorecard.clause(r.goal.goal.text ?? r.goal.provenance.text ?? "")
            return clause.isEmpty || clause == subject ? subject : subject + open + clause + close
        }
        var perName: [String: Int] = [:]
        func nameKey(_ i: Int) -> String { isPanel ? names[i] + "\u{1}" + key(results[i]) : names[i] }
        for i in names.indices { perName[nameKey(i), default: 0] += 1 }
        for (i, r) in results.enumerated() where perName[nameKey(i), default: 0] > 1 {
            let g = r.goal.goal
            names[i] += " " + FigureText.target(g.comparator, r.target, upper: r.targetUpper, unit: g.quantity.unit)
        }
        return names
    }

    /// A goal's clause cut to at most `limit` characters, on one line.
    static func clause(_ text: String, limit: Int = 24) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "，。；、,;")))
        guard flat.count > limit else { return flat }
        return String(flat.prefix(limit - 1)) + "…"
    }

    /// The policy areas of the results, sorted.
    public var areas: [String] { Array(Set(results.map(\.area))).sorted() }

    /// `generatedAt` as an ISO 8601 UTC timestamp.
    public var generatedAtText: String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: generatedAt)
    }

    /// Where a figure came from, short: "speech 第 31 行第 18 列" / "speech line 31, column 18".
    func place(_ p: Provenance) -> String {
        let loc = labels.location(p.location)
        return loc.isEmpty ? p.sourceID : "\(p.sourceID) \(loc)"
    }

    /// The source cell: the actual's place, or the derivation's inputs.
    func actualSource(_ r: CheckResult) -> String {
        guard let e = r.observation else { return "" }
        if e.isDerived { return labels.derivedFrom(e.derivedFrom.map(place)) }
        return place(e.provenance)
    }
}
