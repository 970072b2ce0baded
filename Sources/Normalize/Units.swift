import Foundation

/// Unit reading and exact conversion between units of one dimension, with the shipped units.
///
/// The units themselves are data: catalog/units.yaml (module Vocabulary), indexed by `UnitTable`.
/// Conversions run in `Decimal`, so 16.5 亿斤 → 万吨 is exactly 82.5, not 82.4999…. Units are read
/// as written, traditional forms included (萬 億 噸 畝 公頃 …), with 十/百/千/万/亿 multipliers in
/// front of a base unit (万亿元, 亿斤, 万平方米, 万户). Counts keep their measure word: 万个 converts
/// to 个, but 家 never converts to 个.
public enum Units {
    /// Converts `value` from one unit to another with the shipped units, or returns `nil` when
    /// either unit is unknown or the two measure different things. A catalog with extra units
    /// converts with `catalog.units.convert`.
    public static func convert(_ value: Decimal, from: String, to: String) -> Decimal? {
        UnitTable.shipped.convert(value, from: from, to: to)
    }

    /// Converts a `Double` as written (its shortest decimal form) and returns a `Double`.
    public static func convert(_ value: Double, from: String, to: String) -> Double? {
        convert(decimal(value), from: from, to: to).map(double)
    }

    /// What `unit` measures, or `nil` for a unit the shipped vocabulary does not know.
    public static func dimension(of unit: String) -> UnitDimension? {
        parse(unit)?.dimension
    }

    /// Reads `unit` into a dimension and a factor to the dimension's base unit, with the shipped units
    /// (catalog/units.yaml).
    public static func parse(_ unit: String) -> ParsedUnit? {
        UnitTable.shipped.parse(unit)
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
}
