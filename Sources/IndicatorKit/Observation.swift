/// A reported figure: what a source says a value *was* ("生产总值比上年增长3.0%").
public struct Observation: Sendable, Hashable {
    /// The thing as the source names it ("生产总值").
    public var subject: String
    /// The catalog code once normalized ("gdp"), else `nil`.
    public var indicator: String?
    public var kind: FigureKind
    public var quantity: Quantity
    public var period: Period
    public var region: String?
    /// True where the source masks the number (XX, XXXX亿元): `quantity.value` is then `nil`.
    public var redacted: Bool
    /// The exact clause, element or row text the figure came from.
    public var text: String?
    public var location: SourceLocation
    /// Source-specific attributes kept alongside (SDMX `OBS_STATUS`, series key parts).
    public var attributes: [String: String]

    @inlinable
    public init(
        subject: String, indicator: String? = nil, kind: FigureKind, quantity: Quantity, period: Period,
        region: String? = nil, redacted: Bool = false, text: String? = nil, location: SourceLocation = SourceLocation(),
        attributes: [String: String] = [:]
    ) {
        self.subject = subject
        self.indicator = indicator
        self.kind = kind
        self.quantity = quantity
        self.period = period
        self.region = region
        self.redacted = redacted
        self.text = text
        self.location = location
        self.attributes = attributes
    }
}
