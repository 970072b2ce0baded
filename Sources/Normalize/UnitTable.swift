import Foundation
import Vocabulary

/// The units one vocabulary knows, indexed once for reading unit text: base units by name, count
/// measure words, multiplier words and unit codes.
///
/// `UnitTable.shipped` reads catalog/units.yaml as compiled in; a catalog with a `units:` section
/// carries a table with those units added (`Catalog.units`).
public struct UnitTable: Sendable {
    private var baseUnits: [String: (dimension: UnitDimension, factor: Decimal)] = [:]
    private var countWords: Set<String> = []
    /// Multiplier words by first character, longest first.
    private var multipliers: [Character: [(word: String, factor: Decimal)]] = [:]
    private var codes: [String: String] = [:]

    /// The units of `vocabulary`.
    public init(_ vocabulary: Vocabulary) {
        for u in vocabulary.units {
            let word = ChineseText.simplified(u.unit).filter { !$0.isWhitespace }
            if u.dimension == "count" {
                countWords.insert(word)
                baseUnits[word] = nil
            } else {
                baseUnits[word] = (UnitDimension(rawValue: u.dimension), u.factor)
                countWords.remove(word)
            }
        }
        for m in vocabulary.multipliers {
            guard let first = m.word.first else { continue }
            multipliers[first, default: []].removeAll { $0.word == m.word }
            multipliers[first, default: []].append((m.word, m.factor))
            multipliers[first]!.sort { $0.word.count > $1.word.count }
        }
        for (code, unit) in vocabulary.unitCodes { codes[code.uppercased()] = unit }
    }

    /// The shipped units (catalog/units.yaml at build time).
    public static let shipped = UnitTable(.shipped)

    /// The unit words this table knows (base units and count measure words), for listing and tests.
    public var words: Set<String> { countWords.union(baseUnits.keys) }

    /// Reads `unit` into a dimension and a factor to the dimension's base unit, or `nil` when it is
    /// not a known unit after any multipliers (十, 百, 千, 万, 亿 and their compounds).
    public func parse(_ unit: String) -> ParsedUnit? {
        var s = ChineseText.simplified(unit).filter { !$0.isWhitespace }
        if let code = codes[s.uppercased()] { s = code }
        var factor = Decimal(1)
        var rest = Substring(s)
        while true {
            if let base = baseUnits[String(rest)] {
                return ParsedUnit(
                    text: unit, dimension: base.dimension, factor: factor * base.factor, baseName: String(rest))
            }
            if countWords.contains(String(rest)) {
                return ParsedUnit(text: unit, dimension: .count(String(rest)), factor: factor, baseName: String(rest))
            }
            if rest.isEmpty {
                return ParsedUnit(text: unit, dimension: .count(""), factor: factor, baseName: "")
            }
            guard let first = rest.first, let m = multipliers[first]?.first(where: { rest.hasPrefix($0.word) }) else {
                return nil
            }
            factor *= m.factor
            rest = rest.dropFirst(m.word.count)
        }
    }

    /// Converts `value` from one unit to another, or `nil` when either unit is unknown or the two
    /// measure different things.
    public func convert(_ value: Decimal, from: String, to: String) -> Decimal? {
        guard let a = parse(from), let b = parse(to), a.dimension == b.dimension else { return nil }
        if a.factor == b.factor { return value }
        return value * a.factor / b.factor
    }

    /// What `unit` measures, or `nil` for a unit this table does not know.
    public func dimension(of unit: String) -> UnitDimension? {
        parse(unit)?.dimension
    }
}
