import IndicatorKit

/// Finds the figures of one sentence: Arabic numbers (decimals, thousands separators, full-width
/// digits), Chinese numerals (十八, 一百二十, 百分之九点五), masked figures (XX, XXXX亿元), ranges
/// (1-2所, 4.5%-5%, 五到十个), each with its unit and trailing comparator.
///
/// What is no quantity is passed over: years (2021年), dates, ranks (第1位), footnote markers
/// ([2]), codes and names made of digits ("5G", "361015工程", "8121"), and anything in quotes.
struct FigureScanner {
    let norm: [UInt32]
    let orig: [UInt32]

    /// The figures in `lo..<hi`, in order.
    func scan(_ lo: Int, _ hi: Int) -> [Figure] {
        var figures: [Figure] = []
        var quoteDepth = 0
        var i = lo
        let flags = Lexicon.flags
        while i < hi {
            let c = norm[i]
            let flag = c < 0x10000 ? flags[Int(c)] : 0
            if c >= 0x80 && flag == 0 {
                i += 1
                continue
            }
            if c < 0x80 {
                if c == 0x22 {  // ASCII quotes toggle
                    quoteDepth = quoteDepth > 0 ? 0 : 1
                    i += 1
                    continue
                }
                if c == 0x5B, let close = footnoteEnd(i, hi) {  // [2]
                    i = close
                    continue
                }
                if Lexicon.isDigit(c) || c == 0x58 {
                    let isMask = c == 0x58
                    if quoteDepth > 0
                        || (i > lo
                            && (Lexicon.isLatin(norm[i - 1]) || Lexicon.isDigit(norm[i - 1])
                                || norm[i - 1] == 0x2E))
                    {
                        i = skipToken(i, hi)
                        continue
                    }
                    if let (figure, next) = isMask ? maskedFigure(i, lo, hi) : arabicFigure(i, lo, hi) {
                        figures.append(figure)
                        i = next
                    } else {
                        i = skipToken(i, hi)
                    }
                    continue
                }
                i += 1
                continue
            }
            if flag & Lexicon.openQuoteFlag != 0 {
                quoteDepth += 1
                i += 1
                continue
            }
            if flag & Lexicon.closeQuoteFlag != 0 {
                quoteDepth = max(0, quoteDepth - 1)
                i += 1
                continue
            }
            if quoteDepth == 0, flag & Lexicon.percentWordFlag != 0,
                let (figure, next) = percentWordFigure(i, hi)
            {
                figures.append(figure)
                i = next
                continue
            }
            if quoteDepth == 0, flag & Lexicon.chineseDigitFlag != 0 || c == Lexicon.ten {
                if let (figure, next) = chineseFigure(i, lo, hi) {
                    figures.append(figure)
                    i = next
                    continue
                }
                i = skipChinese(i, hi)
                continue
            }
            i += 1
        }
        return figures
    }

    // MARK: - Arabic and masked figures

    private func arabicFigure(_ i: Int, _ lo: Int, _ hi: Int) -> (Figure, Int)? {
        guard let (value, afterNumber) = arabicNumber(i, hi) else { return nil }
        if i > lo && norm[i - 1] == Lexicon.ordinal { return nil }  // 第1位
        var k = afterNumber
        if k < hi {
            let n = norm[k]
            if Lexicon.isLatin(n) && n != 0x58 { return nil }  // 5G, 4A
            if n == Lexicon.monthChar || n == Lexicon.dayChar || n == 0x2E && k + 1 < hi && Lexicon.isDigit(norm[k + 1])
            {
                return nil
            }
            if n == Lexicon.yearChar && afterNumber - i == 4 { return nil }  // 2021年
        }
        var upper: Double?
        // A range: 1-2所, 4.5%-5%, 3至5个.
        var percentInRange = false
        if k + 1 < hi && norm[k] == 0x25 && Lexicon.rangeJoiners.contains(norm[k + 1]) && k + 2 < hi
            && Lexicon.isDigit(norm[k + 2])
        {
            percentInRange = true
            k += 1
        }
        if k + 1 < hi && Lexicon.rangeJoiners.contains(norm[k]) && Lexicon.isDigit(norm[k + 1]) {
            if let (second, after) = arabicNumber(k + 1, hi), second > value {
                if after < hi && norm[after] == Lexicon.yearChar { return nil }  // 2021-2025年
                upper = second
                k = after
            } else if percentInRange {
                k -= 1
            }
        } else if percentInRange {
            k -= 1
        }
        return finish(start: i, value: value, upper: upper, redacted: false, chinese: false, at: k, hi)
    }

    private func maskedFigure(_ i: Int, _ lo: Int, _ hi: Int) -> (Figure, Int)? {
        if i > lo && norm[i - 1] == Lexicon.ordinal { return nil }  // 第X位
        var k = i
        while k < hi
            && (norm[k] == 0x58 || Lexicon.isDigit(norm[k]) || (norm[k] == 0x2E && k + 1 < hi && norm[k + 1] == 0x58))
        {
            k += 1
        }
        if k < hi && Lexicon.isLatin(norm[k]) { return nil }
        return finish(start: i, value: nil, upper: nil, redacted: true, chinese: false, at: k, hi)
    }

    /// Reads digits with thousands separators and a decimal part.
    private func arabicNumber(_ i: Int, _ hi: Int) -> (Double, Int)? {
        var k = i
        var mantissa: UInt64 = 0
        var digits = 0
        var decimals = 0
        var inFraction = false
        while k < hi {
            let c = norm[k]
            if Lexicon.isDigit(c) {
                if digits < 18 {
                    mantissa = mantissa * 10 + UInt64(c - 0x30)
                    digits += 1
                    if inFraction { decimals += 1 }
                } else if !inFraction {
                    return nil  // longer than any quantity: a code or an identifier
                }
                k += 1
            } else if c == 0x2C && !inFraction && digits > 0 && k + 3 < hi && Lexicon.isDigit(norm[k + 1])
                && Lexicon.isDigit(norm[k + 2]) && Lexicon.isDigit(norm[k + 3])
                && (k + 4 >= hi || !Lexicon.isDigit(norm[k + 4]))
            {
                k += 1  // thousands separator
            } else if c == 0x2E && !inFraction && k + 1 < hi && Lexicon.isDigit(norm[k + 1]) {
                inFraction = true
                k += 1
            } else {
                break
            }
        }
        guard digits > 0 else { return nil }
        return (Double(mantissa) / Self.powersOfTen[decimals], k)
    }

    static let powersOfTen: [Double] = (0...18).map { n in (0..<n).reduce(1.0) { r, _ in r * 10 } }

    // MARK: - Chinese numerals

    private func percentWordFigure(_ i: Int, _ hi: Int) -> (Figure, Int)? {
        let isPercent = matches(Lexicon.percentWord, at: i, hi)
        guard isPercent || matches(Lexicon.permilleWord, at: i, hi) else { return nil }
        let k = i + 3
        guard k < hi else { return nil }
        let parsed: (Double, Int)?
        if Lexicon.isDigit(norm[k]) {
            parsed = arabicNumber(k, hi)
        } else {
            parsed = chineseNumber(k, hi).map { ($0.value * $0.multiplier, $0.end) }
        }
        guard let (value, end) = parsed else { return nil }
        var f = Figure(
            start: i, unitStart: i, unitEnd: i + 3, end: end, value: value, upper: nil, redacted: false,
            unit: isPercent ? "%" : "‰", unitClass: isPercent ? .percent : .permille, suffix: nil, more: false,
            chinese: true)
        if let (cmp, after) = suffixComparator(end, hi) {
            f.suffix = cmp
            f.end = after
        }
        return (f, f.end)
    }

    private func chineseFigure(_ i: Int, _ lo: Int, _ hi: Int) -> (Figure, Int)? {
        if i > lo && (norm[i - 1] == Lexicon.ordinal || Lexicon.isChinesePlace(norm[i - 1])) { return nil }
        guard let number = chineseNumber(i, hi) else { return nil }
        var k = number.end
        var upper: Double?
        // 五到十个
        if k + 1 < hi && Lexicon.rangeJoiners.contains(norm[k]), let second = chineseNumber(k + 1, hi),
            second.value > number.value, second.multiplierLength == 0
        {
            upper = second.value
            k = second.end
        }
        guard
            var (figure, next) = finish(
                start: i, value: number.value, upper: upper, redacted: false, chinese: true,
                at: k - number.multiplierLength, hi)
        else { return nil }
        // Chinese numerals name things far more often than they count them ("四个口袋", "两个高于",
        // "三大产业"): keep only what reads as an amount.
        let hasMultiplier = figure.unitStart < figure.unitEnd && Lexicon.isChinesePlace(norm[figure.unitStart])
        let accepted =
            upper != nil || hasMultiplier || figure.unitClass.isRatio
            || (number.value >= 10 && figure.unitClass != .time)
            || (number.value >= 2 && (figure.unitClass == .money || figure.unitClass == .physical))
        guard accepted else { return nil }
        figure.chinese = true
        next = figure.end
        return (figure, next)
    }

    /// A Chinese numeral run; a trailing 万/亿 is left for the unit ("十八万亩" → 18, 万亩).
    private func chineseNumber(_ i: Int, _ hi: Int) -> (
        value: Double, multiplier: Double, multiplierLength: Int, end: Int
    )? {
        var k = i
        var run: [UInt32] = []
        while k < hi {
            let c = norm[k]
            if Lexicon.isChineseDigit(c) || Lexicon.isChinesePlace(c)
                || (c == Lexicon.chinesePoint && !run.isEmpty && k + 1 < hi && Lexicon.isChineseDigit(norm[k + 1]))
            {
                run.append(c)
                k += 1
            } else {
                break
            }
        }
        guard let first = run.first, Lexicon.isChineseDigit(first) || first == Lexicon.ten else { return nil }
        // Leave a trailing 万, 亿 or 万亿 to the unit.
        var multiplierLength = 0
        var multiplier = 1.0
        while let last = run.last, last == Lexicon.tenThousand || last == Lexicon.hundredMillion, run.count > 1 {
            multiplier *= Lexicon.chinesePlaces[last]!
            run.removeLast()
            multiplierLength += 1
        }
        guard let value = ChineseNumeral.value(of: run) else { return nil }
        return (value, multiplier, multiplierLength, k)
    }

    // MARK: - Units and comparators

    /// Completes a figure whose number ends at `k`: 多/余, the unit, a trailing comparator.
    private func finish(
        start: Int, value: Double?, upper: Double?, redacted: Bool, chinese: Bool, at k0: Int, _ hi: Int
    ) -> (Figure, Int)? {
        var k = k0
        if start > 0 && norm[start - 1] == Lexicon.topRank && k < hi
            && Lexicon.rankUnits.contains(LineText.string([orig[k]]))
        {
            return nil  // 前10位
        }
        var more = false
        if k < hi && Lexicon.moreChars.contains(norm[k]) {
            more = true
            k += 1
        }
        guard let unit = self.unit(at: k, hi) else { return nil }
        var f = Figure(
            start: start, unitStart: k, unitEnd: unit.end, end: unit.end, value: value, upper: upper,
            redacted: redacted, unit: unit.text, unitClass: unit.unitClass, suffix: nil, more: more || unit.more,
            chinese: chinese)
        if let (cmp, after) = suffixComparator(unit.end, hi) {
            f.suffix = cmp
            f.end = after
        }
        return (f, f.end)
    }

    private func unit(at k: Int, _ hi: Int) -> (end: Int, unitClass: Lexicon.UnitClass, text: String, more: Bool)? {
        guard k < hi else { return nil }
        if norm[k] == 0x25 { return (k + 1, .percent, "%", false) }
        if norm[k] == 0x2030 { return (k + 1, .permille, "‰", false) }
        if let (len, cls) = baseUnit(at: k, hi) {
            return (k + len, cls, unitText(k, k + len, cls), false)
        }
        guard Lexicon.isChinesePlace(norm[k]) else { return nil }
        for m in Lexicon.multipliers where matches(m, at: k, hi) {
            var j = k + m.count
            var more = false
            if j < hi && Lexicon.moreChars.contains(norm[j]) {
                more = true
                j += 1
            }
            if let (len, cls) = baseUnit(at: j, hi), !cls.isRatio {
                return (j + len, cls, unitText(k, j + len, cls), more)
            }
            if Lexicon.bareMultipliers.contains(m) {
                return (j, .multiplier, unitText(k, k + m.count, .multiplier), more)
            }
            return nil
        }
        return nil
    }

    private func baseUnit(at k: Int, _ hi: Int) -> (Int, Lexicon.UnitClass)? {
        guard k < hi, let candidates = Lexicon.unitsByFirst[norm[k]] else { return nil }
        for (w, cls) in candidates where matches(w, at: k, hi) {
            if w.count == 1 && LineText.startsWith(Lexicon.unitLookalikes, norm, k, hi) { return nil }
            return (w.count, cls)
        }
        return nil
    }

    private func unitText(_ a: Int, _ b: Int, _ cls: Lexicon.UnitClass) -> String {
        switch cls {
        case .points: return "百分点"
        case .percent: return "%"
        case .permille: return "‰"
        default:
            return LineText.string(
                (a..<b).lazy.filter { !Lexicon.moreChars.contains(self.norm[$0]) }.map { self.orig[$0] })
        }
    }

    private func suffixComparator(_ k: Int, _ hi: Int) -> (TargetComparator, Int)? {
        for (w, cmp) in Lexicon.suffixComparators where matches(w, at: k, hi) { return (cmp, k + w.count) }
        return nil
    }

    // MARK: - Helpers

    @inline(__always)
    func matches(_ w: [UInt32], at k: Int, _ hi: Int) -> Bool {
        guard k >= 0, k + w.count <= hi else { return false }
        for (n, c) in w.enumerated() where norm[k + n] != c { return false }
        return true
    }

    private func footnoteEnd(_ i: Int, _ hi: Int) -> Int? {
        var k = i + 1
        while k < hi && k - i <= 4 && Lexicon.isDigit(norm[k]) { k += 1 }
        guard k > i + 1, k < hi, norm[k] == 0x5D else { return nil }
        return k + 1
    }

    private func skipToken(_ i: Int, _ hi: Int) -> Int {
        var k = i + 1
        while k < hi
            && (Lexicon.isDigit(norm[k]) || Lexicon.isLatin(norm[k]) || norm[k] == 0x2E
                || norm[k] == 0x2C && k + 1 < hi && Lexicon.isDigit(norm[k + 1]))
        {
            k += 1
        }
        return k
    }

    private func skipChinese(_ i: Int, _ hi: Int) -> Int {
        var k = i + 1
        while k < hi && (Lexicon.isChineseDigit(norm[k]) || Lexicon.isChinesePlace(norm[k])) { k += 1 }
        return k
    }
}
