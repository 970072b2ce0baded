/// A number with its unit as the source wrote it ("8" "万亩", "9.5" "%").
///
/// `value` is `nil` where the source masks the figure (XX, XXXX亿元) or where a statistical series
/// reports a missing observation; a missing value is never a zero.
public struct Quantity: Sendable, Hashable {
    /// The figure, or `nil` when the source gives none.
    public var value: Double?
    /// The high end of a range (`TargetComparator.range`), else `nil`.
    public var upper: Double?
    /// The unit as written, multipliers included: "万亩", "亿元", "%", "百分点", "个".
    public var unit: String

    @inlinable
    public init(value: Double?, upper: Double? = nil, unit: String) {
        self.value = value
        self.upper = upper
        self.unit = unit
    }
}
