/// A stated target: what a source says a value *should be* ("生产总值增长9.5%左右").
public struct Goal: Sendable, Hashable {
    /// The thing as the source names it ("生产总值").
    public var subject: String
    /// The catalog code once normalized ("gdp"), else `nil`.
    public var indicator: String?
    public var kind: FigureKind
    public var comparator: TargetComparator
    /// The target; for `TargetComparator.range`, `value` is the low end and `upper` the high end.
    public var quantity: Quantity
    public var period: Period
    public var region: String?
    /// True where the source masks the number.
    public var redacted: Bool
    /// The exact clause text the target came from.
    public var text: String?
    public var location: SourceLocation
    public var attributes: [String: String]

    public init(
        subject: String, indicator: String? = nil, kind: FigureKind, comparator: TargetComparator, quantity: Quantity,
        period: Period, region: String? = nil, redacted: Bool = false, text: String? = nil,
        location: SourceLocation = SourceLocation(), attributes: [String: String] = [:]
    ) {
        self.subject = subject
        self.indicator = indicator
        self.kind = kind
        self.comparator = comparator
        self.quantity = quantity
        self.period = period
        self.region = region
        self.redacted = redacted
        self.text = text
        self.location = location
        self.attributes = attributes
    }
}
