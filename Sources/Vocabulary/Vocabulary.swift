import Foundation
import IndicatorKit

/// The words every part of Yardstick reads, kept as data: units (dimension and factor), multipliers,
/// comparator words, the speech-text reader's cue words, and traditional → simplified folding.
///
/// The shipped defaults are `catalog/units.yaml`, compiled in (`BuiltInVocabulary`) and parsed once,
/// on first use of `shipped`. Readers build their lookup tables (tries, sets, flag tables) from it
/// once at load; nothing here is consulted per character. A pipeline adds units and comparator words
/// with a `units:` section in one of its catalog files (`adding(_:)`).
public struct Vocabulary: Sendable {
    /// Units, in file order; a later entry with the same `unit` replaces an earlier one.
    public var units: [UnitWord]
    /// Multiplier words (万, 亿, 万亿 …), in file order.
    public var multipliers: [MultiplierWord]
    /// SDMX UNIT_MEASURE codes and English names (upper case), and the unit each means.
    public var unitCodes: [String: String]
    /// Comparator words, in file order.
    public var comparators: [ComparatorWord]
    /// The speech-text reader's word lists by name ("growth", "leading-noise" …).
    public var cues: [String: [String]]
    /// Traditional → simplified character pairs, in file order.
    public var folding: [(traditional: Unicode.Scalar, simplified: Unicode.Scalar)]

    public init(
        units: [UnitWord] = [], multipliers: [MultiplierWord] = [], unitCodes: [String: String] = [:],
        comparators: [ComparatorWord] = [], cues: [String: [String]] = [:],
        folding: [(traditional: Unicode.Scalar, simplified: Unicode.Scalar)] = []
    ) {
        self.units = units
        self.multipliers = multipliers
        self.unitCodes = unitCodes
        self.comparators = comparators
        self.cues = cues
        self.folding = folding
    }

    /// The shipped vocabulary (catalog/units.yaml at build time).
    ///
    /// It is checked by `VocabularyTests` and by `scripts/embed-vocabulary.sh`; a build whose
    /// compiled-in text does not parse stops at first use with the file, line and problem.
    public static let shipped: Vocabulary = {
        do {
            return try Vocabulary.parse(yaml: BuiltInVocabulary.text, file: BuiltInVocabulary.name)
        } catch {
            preconditionFailure("\(error); fix catalog/units.yaml and run bash scripts/embed-vocabulary.sh")
        }
    }()

    /// The words of the cue list `name`; empty when there is none.
    public func cue(_ name: String) -> [String] { cues[name] ?? [] }

    /// Units by word (the last entry of a word wins).
    public var unitsByWord: [String: UnitWord] {
        var map: [String: UnitWord] = [:]
        for u in units { map[u.unit] = u }
        return map
    }

    /// Folding as a map of scalars.
    public var foldingMap: [UInt32: UInt32] {
        var map: [UInt32: UInt32] = [:]
        for pair in folding where map[pair.traditional.value] == nil {
            map[pair.traditional.value] = pair.simplified.value
        }
        return map
    }

    /// This vocabulary with `other`'s entries added after its own: a unit, multiplier or comparator
    /// word already present is replaced, cue lists gain the other's words, folding pairs are added.
    public func adding(_ other: Vocabulary) -> Vocabulary {
        var result = self
        let newUnits = Set(other.units.map(\.unit))
        result.units = units.filter { !newUnits.contains($0.unit) } + other.units
        let newMultipliers = Set(other.multipliers.map(\.word))
        result.multipliers = multipliers.filter { !newMultipliers.contains($0.word) } + other.multipliers
        result.unitCodes.merge(other.unitCodes) { _, new in new }
        let newComparators = Set(other.comparators.map { "\($0.position.rawValue) \($0.word)" })
        result.comparators =
            comparators.filter { !newComparators.contains("\($0.position.rawValue) \($0.word)") } + other.comparators
        for (name, words) in other.cues { result.cues[name, default: []] += words }
        let newFolding = Set(other.folding.map(\.traditional))
        result.folding = other.folding + folding.filter { !newFolding.contains($0.traditional) }
        return result
    }
}

/// A unit: what it measures and how many of its dimension's base unit one of it is.
public struct UnitWord: Sendable, Hashable {
    /// How the speech-text reader treats a figure in a unit.
    public enum Reading: String, Sendable, Hashable, CaseIterable {
        case percent, permille, points, money, count, physical, time, qualifier
    }

    /// The unit as written ("千瓦时", "户次").
    public var unit: String
    /// What it measures ("energy", "money", "count" …); `count` counts things named by the unit.
    public var dimension: String
    /// How many base units of the dimension one of this unit is.
    public var factor: Decimal
    /// How the speech-text reader treats it.
    public var reading: Reading
    /// Whether the speech-text reader looks for it in running text.
    public var inText: Bool
    /// Where it was written ("catalog/units.yaml:42:5").
    public var location: String

    public init(
        unit: String, dimension: String, factor: Decimal = 1, reading: Reading? = nil, inText: Bool = true,
        location: String = ""
    ) {
        self.unit = unit
        self.dimension = dimension
        self.factor = factor
        self.reading = reading ?? UnitWord.defaultReading(dimension: dimension, factor: factor)
        self.inText = inText
        self.location = location
    }

    /// The reading a unit of `dimension` gets when its entry names none.
    public static func defaultReading(dimension: String, factor: Decimal) -> Reading {
        switch dimension {
        case "count": return .count
        case "percentage-points": return .points
        case "ratio": return factor == 1 ? .permille : .percent
        case "duration", "age", "months", "working-days": return .time
        default: return dimension.hasPrefix("money") ? .money : .physical
        }
    }
}

/// A multiplier word in front of a unit ("万" in 8万亩).
public struct MultiplierWord: Sendable, Hashable {
    public var word: String
    public var factor: Decimal
    /// Whether the word stands alone as a unit ("油料3.33万").
    public var alone: Bool
    /// Whether the speech-text reader reads it as a multiplier in running text.
    public var inText: Bool

    public init(word: String, factor: Decimal, alone: Bool = false, inText: Bool = true) {
        self.word = word
        self.factor = factor
        self.alone = alone
        self.inText = inText
    }
}

/// A word that states how a goal compares ("以上", "不低于").
public struct ComparatorWord: Sendable, Hashable {
    /// Where the word stands relative to the figure.
    public enum Position: String, Sendable, Hashable {
        case before, after
    }

    public var word: String
    public var comparator: TargetComparator
    public var position: Position
    /// Whether the speech-text reader looks for it in running text (false: only a whole cell or
    /// field that is the word, as open-data comparator columns).
    public var inText: Bool

    public init(word: String, comparator: TargetComparator, position: Position, inText: Bool = true) {
        self.word = word
        self.comparator = comparator
        self.position = position
        self.inText = inText
    }
}
