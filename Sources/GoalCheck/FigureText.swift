import Foundation
import IndicatorKit

/// Figures as people read them: at most a few decimals, no trailing zeros, no float noise.
public enum FigureText {
    /// `value` rounded to `places` decimals (6 by default) without trailing zeros ("15.606", "1100", "-2.5"); "—"
    /// for `nil`.
    public static func format(_ value: Double?, places: Int = 6) -> String {
        guard let value, value.isFinite else { return "—" }
        return format(Units.decimal(value), places: places)
    }

    /// A decimal rounded to `places` decimals without trailing zeros.
    public static func format(_ value: Decimal, places: Int = 6) -> String {
        let r = Units.rounded(value, places: places)
        var s = r.description
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    /// A figure with its unit: "5.5%", "1100万人", "2.5个百分点".
    public static func withUnit(_ value: Double?, _ unit: String, places: Int = 6) -> String {
        guard value != nil else { return "—" }
        return format(value, places: places) + unit
    }

    /// A signed figure: "+106", "-2.5".
    public static func signed(_ value: Double?, places: Int = 6) -> String {
        guard let value else { return "—" }
        let s = format(value, places: places)
        return value > 0 && s != "0" ? "+" + s : s
    }

    /// The target as stated: "≥ 1100万人", "~ 5.5%", "1–2所".
    public static func target(
        _ comparator: IndicatorKit.TargetComparator, _ value: Double?, upper: Double?, unit: String
    )
        -> String
    {
        guard value != nil else { return "masked" }
        let v = withUnit(value, unit)
        switch comparator {
        case .atLeast: return "≥ " + v
        case .above: return "> " + v
        case .atMost: return "≤ " + v
        case .below: return "< " + v
        case .about: return "~ " + v
        case .equal: return v
        case .range: return format(value) + "–" + withUnit(upper, unit)
        }
    }
}
