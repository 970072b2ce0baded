import Foundation

/// How far a goal for a plan's span (`2021/2025`) has come, after Open SDG's progress measure: the
/// average annual growth achieved since the base year against the growth the target requires
/// (docs/goal-checks.md, "Plan targets").
public struct PlanProgress: Sendable, Hashable {
    /// What the goal asks of the span.
    public struct Kind: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// A level to reach by the end year ("到2025年生产总值达到3000亿元").
        public static let level = Kind(rawValue: "level")
        /// An average annual growth over the span ("年均增长7%以上").
        public static let averageGrowth = Kind(rawValue: "average_growth")
        /// A sum over the span's years ("十四五期间累计新建…").
        public static let cumulative = Kind(rawValue: "cumulative")
    }

    public var kind: Kind
    /// The span's first and last years (2021, 2025).
    public var startYear: Int
    public var endYear: Int
    /// The year before the span (2020): the figure the path starts from.
    public var baseYear: Int
    /// The base year's figure in the goal's unit (a level goal; for an average-growth goal read
    /// from levels), when known.
    public var baseValue: Double?
    /// The latest year with a figure, within the span.
    public var latestYear: Int?
    /// The years elapsed since the base year (latest − base), and the span's length (end − base).
    public var elapsedYears: Int
    public var totalYears: Int
    /// The average annual growth the target requires from the base year, in % (CAGR_T); for a
    /// cumulative goal, the yearly amount the target requires on average (target ÷ years).
    public var required: Double?
    /// The average annual growth achieved since the base year, in % (CAGR_i); for a cumulative goal,
    /// the yearly amount achieved on average.
    public var achieved: Double?
    /// achieved ÷ required (Open SDG's R); on track from 0.95.
    public var ratio: Double?
    /// The years whose figures went into `achieved`.
    public var years: [Int]

    public init(
        kind: Kind, startYear: Int, endYear: Int, baseValue: Double? = nil, latestYear: Int? = nil,
        required: Double? = nil, achieved: Double? = nil, ratio: Double? = nil, years: [Int] = []
    ) {
        self.kind = kind
        self.startYear = startYear
        self.endYear = endYear
        self.baseYear = startYear - 1
        self.baseValue = baseValue
        self.latestYear = latestYear
        self.elapsedYears = (latestYear ?? (startYear - 1)) - (startYear - 1)
        self.totalYears = endYear - (startYear - 1)
        self.required = required
        self.achieved = achieved
        self.ratio = ratio
        self.years = years
    }

    /// The ratio from which a path counts as on track (Open SDG: "R ≥ 95%").
    public static let onTrackRatio = 0.95

    /// The compound annual growth rate from `from` to `to` over `years` years, in %:
    /// ((to ÷ from)^(1/years) − 1) × 100. Nil for a non-positive figure or no years.
    public static func compoundGrowth(from: Double, to: Double, years: Int) -> Double? {
        guard from > 0, to > 0, years > 0 else { return nil }
        return (pow(to / from, 1 / Double(years)) - 1) * 100
    }

    /// The average of yearly growth rates (in %), compounded: ((Π(1 + gᵢ/100))^(1/n) − 1) × 100.
    public static func averageGrowth(_ rates: [Double]) -> Double? {
        guard !rates.isEmpty else { return nil }
        var product = 1.0
        for r in rates {
            guard r > -100 else { return nil }
            product *= 1 + r / 100
        }
        return (pow(product, 1 / Double(rates.count)) - 1) * 100
    }

    /// Open SDG's ratio R of achieved to required growth; nil when nothing is required (a zero
    /// required growth).
    public static func ratio(achieved: Double, required: Double) -> Double? {
        guard required != 0 else { return nil }
        return achieved / required
    }
}
