import IndicatorKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads an observation value: a number (scaled by a power of ten, exactly), a missing-value
/// marker, or text that is no number.
enum NumberText {
    enum Parsed: Equatable {
        case number(Double)
        /// `NaN`, empty, `-`, `..`, `NA`, `:` and the like: no figure, never a zero.
        case missing
        /// Neither a number nor a missing marker; the caller keeps the text.
        case notANumber
        /// A masked figure (`XX`, `***`).
        case masked
    }

    static let missingMarkers: Set<String> = [
        "", "-", "--", "…", "...", "..", ".", "NaN", "nan", "NAN", "NA", "N/A", "n/a", "na", ":", "null", "NULL",
    ]

    /// Parses a value given as UTF-8 bytes without making a string first (the common, plain case).
    static func parse(bytes: UnsafeBufferPointer<UInt8>, powerOfTen: Int = 0) -> Parsed {
        if let v = fastDecimal(bytes, powerOfTen: powerOfTen) { return .number(v) }
        return parse(String(decoding: bytes, as: UTF8.self), powerOfTen: powerOfTen)
    }

    private static let exactPowersOfTen: [Double] = (0...22).map { Double("1e\($0)")! }

    /// Plain decimals ("-12.345") of at most 15 digits, scaled by up to 10^±22: the digits and the
    /// power of ten are both exact doubles, so one multiplication or division rounds correctly.
    @inline(__always)
    static func fastDecimal(_ c: UnsafeBufferPointer<UInt8>, powerOfTen: Int) -> Double? {
        let count = c.count
        guard count > 0, let base = c.baseAddress else { return nil }
        var i = 0
        var negative = false
        if base[0] == 45 {  // "-"
            negative = true
            i = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fraction = 0
        var seenPoint = false
        while i < count {
            let b = base[i]
            if b >= 48 && b <= 57 {
                mantissa = mantissa &* 10 &+ UInt64(b - 48)
                digits += 1
                if seenPoint { fraction += 1 }
            } else if b == 46 && !seenPoint {  // "."
                seenPoint = true
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0, digits <= 15 else { return nil }
        let exponent = powerOfTen - fraction
        guard exponent >= -22 && exponent <= 22 else { return nil }
        var v = Double(mantissa)
        if exponent < 0 { v /= exactPowersOfTen[-exponent] } else if exponent > 0 { v *= exactPowersOfTen[exponent] }
        return negative ? -v : v
    }

    /// Parses `text` and multiplies by 10^`powerOfTen` by shifting the decimal exponent, so
    /// "3.14" with 5 gives exactly 314000.
    static func parse(_ text: String, powerOfTen: Int = 0, allowGrouping: Bool = false) -> Parsed {
        var s = text
        if s.utf8.contains(where: { $0 <= 0x20 }) { s = s.trimmingWhitespace() }
        if missingMarkers.contains(s) { return .missing }
        if allowGrouping {
            if s.allSatisfy({ $0 == "X" || $0 == "x" || $0 == "*" || $0 == "×" }) { return .masked }
            s = s.replacingAll(",", "").replacingAll("，", "")
            if s.hasSuffix("%") { s.removeLast() }
        }
        let scale = max(-400, min(400, powerOfTen))
        var factor = 1.0
        if scale != 0 {
            if s.contains(where: { $0 == "e" || $0 == "E" }) {
                factor = pow(10, Double(scale))
            } else {
                s += "e" + String(scale)
            }
        }
        // strtod is correctly rounded; require that it consumes the whole text.
        let result: Double? = s.withCString { c in
            var end: UnsafeMutablePointer<CChar>?
            let v = strtod(c, &end)
            guard let end, end != UnsafeMutablePointer(mutating: c), end.pointee == 0 else { return nil }
            return v
        }
        guard let v = result else { return .notANumber }
        if v.isNaN { return .missing }
        guard v.isFinite else { return .notANumber }
        return .number(v * factor)
    }
}

extension String {
    /// The string with every `target` replaced by `replacement`.
    func replacingAll(_ target: Character, _ replacement: String) -> String {
        guard contains(target) else { return self }
        var out = ""
        for c in self {
            if c == target { out += replacement } else { out.append(c) }
        }
        return out
    }
}
