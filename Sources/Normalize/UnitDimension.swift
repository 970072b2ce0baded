/// What a unit measures. Two units convert into each other only when their dimensions are equal.
///
/// Counts carry their measure word: `个` and `家` are different dimensions, so 3 家 never silently
/// compares with 3 个.
public struct UnitDimension: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// Money in yuan (元, 万元, 亿元, 万亿元).
    public static let money = UnitDimension(rawValue: "money")
    /// Money in US dollars (美元, 亿美元).
    public static let moneyUSD = UnitDimension(rawValue: "money-usd")
    /// Mass (克, 公斤, 斤, 吨 and their multiples); 1 吨 = 2000 斤.
    public static let mass = UnitDimension(rawValue: "mass")
    /// Area (平方米, 亩, 公顷, 平方公里); 1 公顷 = 15 亩.
    public static let area = UnitDimension(rawValue: "area")
    /// Length (米, 公里).
    public static let length = UnitDimension(rawValue: "length")
    /// A ratio (%, ‰).
    public static let ratio = UnitDimension(rawValue: "ratio")
    /// A difference of two ratios, in percentage points (百分点, 个百分点).
    public static let percentagePoints = UnitDimension(rawValue: "percentage-points")
    /// A count of things named by `measureWord` (个, 家, 户, 人 …); an empty measure word is a bare number.
    public static func count(_ measureWord: String) -> UnitDimension {
        UnitDimension(rawValue: measureWord.isEmpty ? "count" : "count:\(measureWord)")
    }

    /// True for counts of any measure word.
    public var isCount: Bool { rawValue == "count" || rawValue.hasPrefix("count:") }
}
