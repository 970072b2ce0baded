import IndicatorKit
import Vocabulary

/// The indicator catalog: subjects and foreign codes to indicators.
///
/// Load the shipped `catalog/indicators.yaml` first, then any per-pipeline extras:
///
/// ```swift
/// let catalog = try Catalog.load(contentsOf: ["catalog/indicators.yaml", "pipelines/my-extras.yaml"])
/// catalog.indicator(forSubject: "全县地区生产总值")?.code   // "gdp"
/// ```
///
/// Subject matching folds traditional characters, punctuation and leading qualifiers (全年, 全县,
/// 全国, 地区, 年末, a year, the region's name), then takes an exact name or alias, or an alias
/// followed only by a word that says how the figure is expressed (涨幅, 增速, 平均值 …). Anything
/// less certain stays unmatched: a subject like 人均生产总值 never falls back to 生产总值.
public struct Catalog: Sendable {
    /// The entries, sorted by code.
    public private(set) var indicators: [Indicator]
    private var byCode: [String: Int] = [:]
    private var byKey: [String: Int] = [:]
    private var byForeign: [String: (index: Int, code: Indicator.ForeignCode)] = [:]
    /// Traditional → simplified pairs learnt from the entries' own names.
    private var learnt: [Character: Character] = [:]
    /// The units figures are converted with: the shipped ones plus the `units:` sections of the
    /// catalog files loaded.
    public internal(set) var units: UnitTable = .shipped

    /// A catalog of `indicators`; throws `CatalogError(.duplicate)` when two claim one name or code.
    public init(indicators: [Indicator]) throws {
        self.indicators = indicators.sorted { $0.code < $1.code }
        try index()
    }

    /// An empty catalog: nothing matches.
    public static let empty = Catalog()

    private init() {
        indicators = []
    }

    /// The entry with `code`.
    public func indicator(code: String) -> Indicator? {
        byCode[code].map { indicators[$0] }
    }

    /// The entry a subject phrase names, or `nil` when no entry matches with certainty.
    public func indicator(forSubject subject: String, region: String? = nil) -> Indicator? {
        match(subject: subject, region: region)?.indicator
    }

    /// The entry with World Bank code `code` (case-insensitive).
    public func indicator(worldBank code: String) -> Indicator? {
        foreignCode(code).flatMap { indicators[$0.index].worldBank.contains($0.code) ? indicators[$0.index] : nil }
    }

    /// The entry with SDMX series code `code` (case-insensitive).
    public func indicator(sdmx code: String) -> Indicator? {
        foreignCode(code).flatMap { indicators[$0.index].sdmx.contains($0.code) ? indicators[$0.index] : nil }
    }

    /// The entry with NBS data-service code `code` (`hgyd.A020101`, case-insensitive).
    public func indicator(nbs code: String) -> Indicator? {
        foreignCode(code).flatMap { indicators[$0.index].nbs.contains($0.code) ? indicators[$0.index] : nil }
    }

    /// The entry and the code details for a World Bank, SDMX or NBS code.
    public func foreign(_ code: String) -> (indicator: Indicator, code: Indicator.ForeignCode)? {
        foreignCode(code).map { (indicators[$0.index], $0.code) }
    }

    /// What a subject phrase matched, and what its qualifiers said about the figure's basis.
    public struct SubjectMatch: Sendable, Hashable {
        public var indicator: Indicator
        /// "average" (平均值), "year-end" (年末), or `nil`.
        public var basis: String?
    }

    /// Matches a subject phrase; `region` is stripped from its front when present.
    public func match(subject: String, region: String? = nil) -> SubjectMatch? {
        let folded = SubjectKey(subject, region: region, extra: learnt)
        if let m = match(key: folded.key, yearEnd: folded.yearEnd) { return m }
        // A leading place name the pipeline did not give: 柘城县…, 商丘市…, 河南省… (two to four
        // characters before 县/市/区/州/旗/省, so 城市… and 县级… stay whole).
        var rest = Array(folded.key)
        for _ in 0..<3 {
            guard let cut = (3...5).first(where: { $0 < rest.count && "县市区州旗省".contains(rest[$0 - 1]) }) else { break }
            rest = Array(rest[cut...])
            let again = SubjectKey(String(rest), extra: learnt)
            if let m = match(key: again.key, yearEnd: folded.yearEnd || again.yearEnd) { return m }
        }
        return nil
    }

    private func match(key: String, yearEnd: Bool) -> SubjectMatch? {
        guard !key.isEmpty else { return nil }
        var basis: String? = yearEnd ? "year-end" : nil
        if let i = byKey[key] { return SubjectMatch(indicator: indicators[i], basis: basis) }
        // The longest name that starts the phrase and leaves only a neutral suffix.
        var best: (index: Int, length: Int, suffix: String)?
        var prefixEnd = key.startIndex
        while prefixEnd < key.endIndex {
            prefixEnd = key.index(after: prefixEnd)
            let head = String(key[..<prefixEnd])
            guard let i = byKey[head] else { continue }
            let suffix = String(key[prefixEnd...])
            if SubjectKey.neutralSuffixes.contains(suffix) { best = (i, head.count, suffix) }
        }
        guard let best else { return nil }
        if SubjectKey.averageSuffixes.contains(best.suffix) { basis = "average" }
        return SubjectMatch(indicator: indicators[best.index], basis: basis)
    }

    /// The folded form of a subject, as unmatched subjects are grouped and goals without an
    /// indicator are matched to observations.
    public func subjectKey(_ subject: String, region: String? = nil) -> String {
        SubjectKey(subject, region: region, extra: learnt).key
    }

    private func foreignCode(_ code: String) -> (index: Int, code: Indicator.ForeignCode)? {
        byForeign[code.uppercased()]
    }

    private mutating func index() throws {
        byCode = [:]
        byKey = [:]
        byForeign = [:]
        learnt = [:]
        for ind in indicators {
            let hans = Array(ind.nameHans)
            let hant = Array(ind.nameHant)
            if hans.count == hant.count {
                for (t, s) in zip(hant, hans) where t != s && ChineseText.traditionalToSimplified[t] == nil {
                    learnt[t] = s
                }
            }
        }
        for (i, ind) in indicators.enumerated() {
            if let j = byCode[ind.code] {
                throw CatalogError(
                    .duplicate,
                    "indicator code '\(ind.code)' is listed twice (entries \(j + 1) and \(i + 1)); give one of them another code"
                )
            }
            byCode[ind.code] = i
            for name in ind.allNames {
                let key = SubjectKey(name, extra: learnt).key
                guard !key.isEmpty else { continue }
                if let j = byKey[key], j != i {
                    throw CatalogError(
                        .duplicate,
                        "the name '\(name)' of indicator '\(ind.code)' is already a name of '\(indicators[j].code)'; remove it from one of them"
                    )
                }
                byKey[key] = i
            }
            for code in ind.worldBank + ind.sdmx + ind.nbs {
                let k = code.code.uppercased()
                if let prior = byForeign[k], prior.index != i {
                    throw CatalogError(
                        .duplicate,
                        "the code '\(code.code)' of indicator '\(ind.code)' is already a code of '\(indicators[prior.index].code)'; remove it from one of them"
                    )
                }
                byForeign[k] = (i, code)
            }
        }
    }
}
