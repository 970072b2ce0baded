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

    /// Parses `text` and multiplies by 10^`powerOfTen` by shifting the decimal exponent, so
    /// "3.14" with 5 gives exactly 314000.
    static func parse(_ text: String, powerOfTen: Int = 0, allowGrouping: Bool = false) -> Parsed {
        var s = text
        if s.utf8.contains(where: { $0 <= 0x20 }) { s = s.trimmedSpace() }
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
