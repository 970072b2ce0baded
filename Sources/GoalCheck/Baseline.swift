/// The latest figure before a goal's period, and the change the target implies against it.
///
/// For 粮食总产 ≥ 16.5 亿斤 against 2021's 78.03 万吨: `value` is 15.606 (亿斤, the goal's unit),
/// `impliedChange` 5.73 and `impliedChangeUnit` "%".
public struct Baseline: Sendable, Hashable {
    /// The figure used as the baseline, with its provenance.
    public var entry: ObservationEntry
    /// Its value in `unit`, or `nil` when the source masks it.
    public var value: Double?
    /// The unit of `value` (the goal's unit where they convert).
    public var unit: String
    /// The change from the baseline to the target: % for level goals, percentage points for growth
    /// and share goals; `nil` where it cannot be computed.
    public var impliedChange: Double?
    /// "%" or "百分点".
    public var impliedChangeUnit: String?
    /// For a change goal (提高2.5个百分点), the rate the target implies (baseline + change), in %.
    public var impliedLevel: Double?

    public init(
        entry: ObservationEntry, value: Double?, unit: String, impliedChange: Double? = nil,
        impliedChangeUnit: String? = nil, impliedLevel: Double? = nil
    ) {
        self.entry = entry
        self.value = value
        self.unit = unit
        self.impliedChange = impliedChange
        self.impliedChangeUnit = impliedChangeUnit
        self.impliedLevel = impliedLevel
    }
}
