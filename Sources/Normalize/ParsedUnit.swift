import Foundation

/// A unit as written, read into a dimension and an exact factor to that dimension's base unit.
///
/// Base units are chosen so that every factor is a whole number: money 元, mass 克 (1 斤 = 500 克),
/// area 1/15 平方米 (so 1 亩 = 10 000 and 1 公顷 = 150 000), length 米, ratio ‰ (1 % = 10),
/// percentage points 百分点, counts one item.
public struct ParsedUnit: Hashable, Sendable {
    /// The unit as given.
    public var text: String
    /// What it measures.
    public var dimension: UnitDimension
    /// How many base units one of this unit is.
    public var factor: Decimal
    /// The unit without its multiplier ("吨" for "万吨"); empty for a bare count.
    public var baseName: String

    public init(text: String, dimension: UnitDimension, factor: Decimal, baseName: String) {
        self.text = text
        self.dimension = dimension
        self.factor = factor
        self.baseName = baseName
    }
}
