/// Removes the noise that reprints and PDF text add to a line before it is read: spaces between
/// CJK characters or between a number and its unit ("收入完 成 8.61 亿元"), thin and ideographic
/// spaces, soft hyphens and zero-width characters, and inline pinyin glosses after characters
/// (生產(chǎn)總值 → 生產總值).
///
/// The line is compacted in place; `columns[k]` is then the index in the line as written of the
/// character now at `k`, so records still point at the original column.
enum ReprintNoise {
    /// Characters that are dropped wherever they are.
    @inline(__always) static func isInvisible(_ c: UInt32) -> Bool {
        c == 0x00AD || (c >= 0x200B && c <= 0x200F) || c == 0x2060 || c == 0xFEFF || c == 0x180E
    }

    /// Spaces of any width (ideographic spaces are already 0x20 in the normalized text).
    @inline(__always) static func isSpace(_ c: UInt32) -> Bool {
        c == 0x20 || c == 0x09 || c == 0xA0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F
            || c == 0x205F
    }

    /// Characters next to which a space is no word boundary: Han, CJK punctuation and full-width
    /// forms, and the signs that attach to a number.
    @inline(__always) static func isTight(_ c: UInt32) -> Bool {
        Lexicon.isHan(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) || c == 0x25 || c == 0x2030
            || c == 0x28 || c == 0x29 || c == 0x2C || c == 0x2E || c == 0x3A || c == 0x3B || c == 0x5B || c == 0x5D
            || c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 || c == 0x7E || c == 0x2D
    }

    /// Latin letters a pinyin gloss is written with, and whether the letter carries a tone mark.
    @inline(__always) static func pinyinLetter(_ c: UInt32) -> (isLetter: Bool, toned: Bool) {
        if (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) { return (true, false) }
        switch c {
        case 0xE0, 0xE1, 0xE8, 0xE9, 0xEC, 0xED, 0xF2, 0xF3, 0xF9, 0xFA, 0xFC, 0x101, 0x113, 0x11B, 0x12B, 0x14D,
            0x16B, 0x1CE, 0x1D0, 0x1D2, 0x1D4, 0x1D6, 0x1D8, 0x1DA, 0x1DC, 0x144, 0x148, 0x1F9, 0x1E3F, 0xEA, 0x1EBF,
            0x1EC1:
            return (true, true)
        default: return (false, false)
        }
    }

    /// The end (index after the closing bracket) of a pinyin gloss starting at `k` ("(chǎn)",
    /// "（chan3）", "(shēng chǎn)"), or nil. A gloss needs a tone mark or a tone digit, so
    /// "(GDP)" and "(km)" stay.
    static func glossEnd(_ orig: [UInt32], _ k: Int, _ n: Int) -> Int? {
        guard orig[k] == 0x28 || orig[k] == 0xFF08 else { return nil }
        var j = k + 1
        var letters = 0
        var toned = false
        while j < n && j - k <= 40 {
            let c = orig[j]
            let (isLetter, t) = pinyinLetter(c)
            if isLetter {
                letters += 1
                if t { toned = true }
            } else if c >= 0x31 && c <= 0x35 && letters > 0
                && !(j + 1 < n && orig[j + 1] >= 0x30 && orig[j + 1] <= 0x39)
            {
                toned = true  // tone digit: chan3
            } else if c == 0x20 || c == 0x27 || c == 0x2019 {
                // syllables separated by a space or an apostrophe
            } else if c == 0x29 || c == 0xFF09 {
                return letters > 0 && toned ? j + 1 : nil
            } else {
                return nil
            }
            j += 1
        }
        return nil
    }

    /// Compacts `orig` and `norm` (same length) and returns the column map, or nil when nothing
    /// was removed. Leading and trailing spaces are kept (they show indentation in tables).
    static func clean(orig: inout [UInt32], norm: inout [UInt32]) -> [Int]? {
        let n = norm.count
        // Most lines carry no noise: one quick look first.
        var noisy = false
        for k in 0..<n {
            let c = orig[k]
            if isInvisible(c) || ((isSpace(c) || isSpace(norm[k])) && k > 0 && k + 1 < n)
                || ((c == 0x28 || c == 0xFF08) && k + 1 < n && pinyinLetter(orig[k + 1]).isLetter)
            {
                noisy = true
                break
            }
        }
        guard noisy else { return nil }
        var first = 0
        while first < n && (isSpace(norm[first]) || isSpace(orig[first])) { first += 1 }
        var last = n
        while last > first && (isSpace(norm[last - 1]) || isSpace(orig[last - 1])) { last -= 1 }
        var o: [UInt32] = []
        var m: [UInt32] = []
        var cols: [Int] = []
        o.reserveCapacity(n)
        m.reserveCapacity(n)
        cols.reserveCapacity(n)
        func keep(_ k: Int) {
            o.append(orig[k])
            m.append(norm[k])
            cols.append(k)
        }
        /// The last kept character that is not a space.
        func previousVisible() -> UInt32? {
            var j = m.count - 1
            while j >= 0 && m[j] == 0x20 { j -= 1 }
            return j >= 0 ? m[j] : nil
        }
        var removed = false
        for k in 0..<first { keep(k) }
        var k = first
        while k < last {
            let c = orig[k]
            if isInvisible(c) {
                removed = true
                k += 1
                continue
            }
            if isSpace(c) || isSpace(norm[k]) {
                var e = k
                while e < last && (isSpace(orig[e]) || isSpace(norm[e]) || isInvisible(orig[e])) { e += 1 }
                let before = previousVisible()
                let after = e < last ? norm[e] : nil
                let tight = (before.map(isTight) ?? false) || (after.map(isTight) ?? false)
                // A thin space between groups of three digits is a thousands separator.
                let thin =
                    e - k == 1 && (c == 0x2009 || c == 0x202F || c == 0xA0) && before.map(Lexicon.isDigit) == true
                    && e + 2 < last && Lexicon.isDigit(norm[e]) && Lexicon.isDigit(norm[e + 1])
                    && Lexicon.isDigit(norm[e + 2]) && (e + 3 >= last || !Lexicon.isDigit(norm[e + 3]))
                // "2 0 2 2 年": digits spaced out one by one, as a letter-spaced PDF line gives them.
                func isolated(_ j: Int) -> Bool { j < 0 || j >= last || isSpace(orig[j]) || Lexicon.isHan(norm[j]) }
                let spacedDigits =
                    e - k == 1 && k >= 1 && e < last && Lexicon.isDigit(norm[k - 1]) && Lexicon.isDigit(norm[e])
                    && isolated(k - 2) && isolated(e + 1)
                if tight || thin || spacedDigits {
                    removed = true
                } else {
                    o.append(0x20)
                    m.append(0x20)
                    cols.append(k)
                    if e - k > 1 { removed = true }
                }
                k = e
                continue
            }
            if c == 0x28 || c == 0xFF08, let before = previousVisible(), Lexicon.isHan(before),
                let end = glossEnd(orig, k, last)
            {
                removed = true
                k = end
                continue
            }
            keep(k)
            k += 1
        }
        for k in last..<n { keep(k) }
        guard removed else { return nil }
        orig = o
        norm = m
        return cols
    }
}
