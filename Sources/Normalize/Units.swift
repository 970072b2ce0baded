import Foundation

/// Unit reading and exact conversion between units of one dimension.
///
/// Conversions run in `Decimal`, so 16.5 亿斤 → 万吨 is exactly 82.5, not 82.4999…. Units are read
/// as written, traditional forms included (萬 億 噸 畝 公頃 …), with 十/百/千/万/亿 multipliers in
/// front of a base unit (万亿元, 亿斤, 万平方米, 万户). Counts keep their measure word: 万个 converts
/// to 个, but 家 never converts to 个.
public enum Units {
    /// Converts `value` from one unit to another, or returns `nil` when either unit is unknown or
    /// the two measure different things.
    public static func convert(_ value: Decimal, from: String, to: String) -> Decimal? {
        guard let a = parse(from), let b = parse(to), a.dimension == b.dimension else { return nil }
        if a.factor == b.factor { return value }
        return value * a.factor / b.factor
    }

    /// Converts a `Double` as written (its shortest decimal form) and returns a `Double`.
    public static func convert(_ value: Double, from: String, to: String) -> Double? {
        convert(decimal(value), from: from, to: to).map(double)
    }

    /// What `unit` measures, or `nil` for a unit this type does not know.
    public static func dimension(of unit: String) -> UnitDimension? {
        parse(unit)?.dimension
    }

    /// Reads `unit` into a dimension and a factor to the dimension's base unit.
    public static func parse(_ unit: String) -> ParsedUnit? {
        var s = ChineseText.simplified(unit).filter { !$0.isWhitespace }
        if let code = sdmxUnits[s.uppercased()] { s = code }
        if s.hasPrefix("个百分点") { s.removeFirst() }
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
            guard let first = rest.first, let m = multipliers[first] else { return nil }
            factor *= m
            rest = rest.dropFirst()
        }
    }

    /// The exact decimal a `Double` was written as (its shortest round-tripping text).
    public static func decimal(_ value: Double) -> Decimal {
        if value == value.rounded(), abs(value) < 1e15 { return Decimal(Int64(value)) }
        return Decimal(string: "\(value)", locale: Locale(identifier: "en_US_POSIX")) ?? Decimal(value)
    }

    /// The nearest `Double` to a decimal.
    public static func double(_ value: Decimal) -> Double {
        Double(value.description) ?? NSDecimalNumber(decimal: value).doubleValue
    }

    /// `value` rounded to `places` decimal places (half away from zero).
    public static func rounded(_ value: Decimal, places: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, places, .plain)
        return result
    }

    // MARK: - Tables

    /// SDMX-style unit codes (UNIT_MEASURE) and English names, to the Chinese unit they mean.
    static let sdmxUnits: [String: String] = [
        "PC": "%", "PCT": "%", "PERCENT": "%", "PER_CENT": "%", "PPT": "百分点", "PP": "百分点", "PCPT": "百分点",
        "CNY": "元", "CNY_10K": "万元", "CNY_100M": "亿元", "10K_CNY": "万元", "100M_CNY": "亿元", "YUAN": "元",
        "PS": "人", "PERS": "人", "PERSONS": "人", "PERSON": "人", "10K_PERSONS": "万人", "PERSONS_10K": "万人",
        "T": "吨", "TONNE": "吨", "TONNES": "吨", "10K_T": "万吨", "10K_TONNES": "万吨", "TONNES_10K": "万吨",
        "KG": "公斤", "HA": "公顷", "HECTARES": "公顷", "MU": "亩", "KM": "公里", "M2": "平方米", "KM2": "平方公里",
        "NUMBER": "个", "NR": "个", "UNITS": "个",
    ]

    static let multipliers: [Character: Decimal] = [
        "十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000,
    ]

    /// Measure words of counts.
    static let countWords: Set<String> = [
        "个", "家", "所", "座", "条", "套", "户", "人", "人次", "头", "羽", "只", "件", "项", "处", "台", "辆",
        "张", "间", "栋", "名", "位", "批", "次", "天", "例", "床", "株", "棵", "口", "篇", "场", "期", "班",
    ]

    static let baseUnits: [String: (dimension: UnitDimension, factor: Decimal)] = [
        // Ratios, in ‰.
        "%": (.ratio, 10), "％": (.ratio, 10), "‰": (.ratio, 1), "percent": (.ratio, 10),
        // Percentage points.
        "百分点": (.percentagePoints, 1), "pp": (.percentagePoints, 1), "p.p.": (.percentagePoints, 1),
        // Money, in 元.
        "元": (.money, 1), "人民币": (.money, 1), "元人民币": (.money, 1), "CNY": (.money, 1), "RMB": (.money, 1),
        "美元": (.moneyUSD, 1), "USD": (.moneyUSD, 1),
        // Mass, in 克.
        "克": (.mass, 1), "g": (.mass, 1), "公斤": (.mass, 1000), "千克": (.mass, 1000), "kg": (.mass, 1000),
        "斤": (.mass, 500), "市斤": (.mass, 500), "吨": (.mass, 1_000_000), "公吨": (.mass, 1_000_000),
        "t": (.mass, 1_000_000),
        // Area, in 1/15 平方米.
        "平方米": (.area, 15), "㎡": (.area, 15), "m2": (.area, 15), "m²": (.area, 15), "亩": (.area, 10_000),
        "市亩": (.area, 10_000), "公顷": (.area, 150_000), "ha": (.area, 150_000), "顷": (.area, 1_000_000),
        "平方公里": (.area, 15_000_000), "平方千米": (.area, 15_000_000), "km2": (.area, 15_000_000),
        "km²": (.area, 15_000_000),
        // Length, in 米.
        "米": (.length, 1), "m": (.length, 1), "公里": (.length, 1000), "千米": (.length, 1000),
        "km": (.length, 1000),
    ]
}
