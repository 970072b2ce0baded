import IndicatorKit

/// One figure found in a line: a number (or a masked one) with its unit and the comparator written
/// right after it.
///
/// Positions are indices into the line's scalars: `start` is the figure's first character,
/// `unitStart..<unitEnd` its unit and `end` the index after a trailing comparator word.
struct Figure: Sendable {
    var start: Int
    var unitStart: Int
    var unitEnd: Int
    var end: Int
    /// The figure, `nil` when masked.
    var value: Double?
    /// The high end of a range.
    var upper: Double?
    var redacted: Bool
    /// The unit as written, multipliers included; `%` and `百分点` canonical.
    var unit: String
    var unitClass: Lexicon.UnitClass
    /// 以上, 以内, 左右… after the unit.
    var suffix: TargetComparator?
    /// 多 or 余 after the number ("20多个", "XX万余人").
    var more: Bool
    /// Written in Chinese numerals.
    var chinese: Bool
}
