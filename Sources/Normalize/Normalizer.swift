import Foundation
import IndicatorKit

/// Sets each record's `indicator` from the catalog.
///
/// Looks at, in order: the record's attributes that carry series codes (`INDICATOR`, `SERIES`,
/// `series`, `code`), an indicator the adapter already set (kept when the catalog knows it), the
/// subject phrase, and the subject as a World Bank or SDMX code or series key (`A.CN.GDP_GROWTH`). A foreign code that fixes a
/// kind sets the record's kind; a basis (annual average, year-end) from the code or the phrase (平均值,
/// 年末, or an adapter's `point` attribute) is kept in the attribute `basis`. A record nothing matches keeps `indicator == nil`.
public struct Normalizer: Sendable {
    public let catalog: Catalog
    /// Subject and code lookups already made: a source repeats the same few subjects many times.
    private let memo = Memo()

    public init(catalog: Catalog) {
        self.catalog = catalog
    }

    /// A lock-protected memo of catalog lookups.
    final class Memo: @unchecked Sendable {
        private let lock = NSLock()
        private var subjects: [String: Catalog.SubjectMatch?] = [:]
        private var codes: [String: (indicator: Indicator, code: Indicator.ForeignCode)?] = [:]

        func subject(_ key: String, _ compute: () -> Catalog.SubjectMatch?) -> Catalog.SubjectMatch? {
            memoized(\.subjects, key, compute)
        }

        func code(_ key: String, _ compute: () -> (indicator: Indicator, code: Indicator.ForeignCode)?)
            -> (indicator: Indicator, code: Indicator.ForeignCode)?
        {
            memoized(\.codes, key, compute)
        }

        /// The value kept in `table` for `key` (a kept nil counts), else `compute()`, kept while the
        /// table holds fewer than 100,000 entries; `compute` runs outside the lock.
        private func memoized<Value>(
            _ table: ReferenceWritableKeyPath<Memo, [String: Value?]>, _ key: String, _ compute: () -> Value?
        ) -> Value? {
            if let hit = lock.withLock({ self[keyPath: table][key] }) { return hit }
            let value = compute()
            lock.withLock {
                if self[keyPath: table].count < 100_000 { self[keyPath: table][key] = value }
            }
            return value
        }
    }

    func foreign(_ code: String) -> (indicator: Indicator, code: Indicator.ForeignCode)? {
        memo.code(code) { catalog.foreign(code) }
    }

    func match(subject: String, region: String?) -> Catalog.SubjectMatch? {
        memo.subject(subject + "\u{1}" + (region ?? "")) { catalog.match(subject: subject, region: region) }
    }

    /// Attribute keys that may hold a foreign series code.
    static let codeAttributes = ["INDICATOR", "indicator", "SERIES", "series", "SERIES_CODE", "code", "seriesCode"]

    /// The record with `indicator` set when the catalog matches it.
    public func normalize(_ record: SourceRecord) -> SourceRecord {
        var r = record
        var basis: String?
        var kind: FigureKind?
        var code: String?
        let seriesKeyParts = r.subject.split(separator: ".").map(String.init)
        if let f = Normalizer.codeAttributes.lazy.compactMap({ r.attributes[$0] }).compactMap({ foreign($0) })
            .first
        {
            (code, kind, basis) = (f.indicator.code, f.code.kind, f.code.basis)
        } else if let existing = r.indicator, catalog.indicator(code: existing) != nil {
            code = existing
        } else if let m = match(subject: r.subject, region: r.region) {
            (code, basis) = (m.indicator.code, m.basis)
        } else if let f = ([r.subject] + seriesKeyParts).lazy.compactMap({ foreign($0) }).first {
            // A foreign code or an SDMX series key (A.CN.GDP_GROWTH) as the subject.
            (code, kind, basis) = (f.indicator.code, f.code.kind, f.code.basis)
        }
        if basis == nil, let point = r.attributes["point"] ?? r.attributes["basis"],
            ["year-end", "average"].contains(point)
        {
            basis = point
        }
        if basis == nil, let text = r.text, code != nil {
            basis = Normalizer.basis(inText: text, subject: r.subject)
        }
        guard let code else {
            r.indicator = nil
            return r
        }
        switch r {
        case .observation(var o):
            o.indicator = code
            if let kind { o.kind = kind }
            if let basis, o.attributes["basis"] == nil { o.attributes["basis"] = basis }
            return .observation(o)
        case .goal(var g):
            g.indicator = code
            if let basis, g.attributes["basis"] == nil { g.attributes["basis"] = basis }
            return .goal(g)
        }
    }

    /// The basis a clause states just before the subject: 年末… → year-end, …平均值 → average.
    static func basis(inText text: String, subject: String) -> String? {
        let t = ChineseText.simplified(text)
        if let range = t.range(of: ChineseText.simplified(subject)) {
            let before = t[..<range.lowerBound].suffix(6)
            let after = t[range.upperBound...].prefix(4)
            if after.hasPrefix("平均") || before.hasSuffix("平均") { return "average" }
            if before.contains("年末") || before.contains("年底") { return "year-end" }
        }
        return nil
    }
}
