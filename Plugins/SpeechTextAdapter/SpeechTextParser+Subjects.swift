import IndicatorKit

/// A subject's span once the words around it are stripped, with what the stripped words said.
struct StrippedPhrase {
    var lo: Int
    var hi: Int
    /// Words stripped from the end, nearest the figure first.
    var trailing: [[UInt32]]
    /// A comparator written before the figure (不低于, 控制在…).
    var comparator: TargetComparator?

    var isEmpty: Bool { lo >= hi }
}

/// Finding a figure's subject: the words before or after it, less connectives, time, place and cue words.
extension SpeechTextParser {
    /// Strips connectives, time and place words, cue words and verbs around a subject in `lo..<hi`.
    func strip(_ line: LineText, _ lo0: Int, _ hi0: Int) -> StrippedPhrase {
        var lo = lo0
        var hi = hi0
        var trailing: [[UInt32]] = []
        var comparator: TargetComparator?
        func isSpace(_ c: UInt32) -> Bool { c == 0x20 || c == 0x09 || c == 0x3001 }
        func stripLeading(keepingGrowthWords: Bool) {
            while lo < hi {
                let c = line.norm[lo]
                if isSpace(c) || c == 0x28 || c == 0x29 {
                    lo += 1
                    continue
                }
                // Strip a leading word unless one character would be left ("完成率" stays whole).
                if let w = line.prefix(Lexicon.leadingNoise, lo, hi), hi - lo - w.count != 1,
                    !(keepingGrowthWords && Lexicon.growthWords.contains(w)),
                    !(lo + w.count < hi && Lexicon.boundSuffixes.contains(line.norm[lo + w.count])
                        && !line.matches(Lexicon.finance, at: lo + w.count, hi))
                {
                    lo += w.count
                    continue
                }
                // A year, a date or a span of months ("2021年", "到2025年", "1-9月").
                var k = lo
                if line.norm[k] == Lexicon.toChar || line.norm[k] == Lexicon.untilChar { k += 1 }
                let digitsStart = k
                while k < hi && (Lexicon.isDigit(line.norm[k]) || line.norm[k] == 0x2D) { k += 1 }
                if k > digitsStart && k < hi
                    && (line.norm[k] == Lexicon.yearChar || line.norm[k] == Lexicon.monthChar
                        || line.norm[k] == Lexicon.dayChar)
                {
                    lo = k + 1
                    if lo < hi && line.norm[k] == Lexicon.monthChar && line.norm[lo] == Lexicon.portionChar { lo += 1 }
                    continue
                }
                // A span of years in words: "五年", "十年来".
                if Lexicon.isChineseDigit(c) || c == Lexicon.ten {
                    var e = lo
                    while e < hi && (Lexicon.isChineseDigit(line.norm[e]) || line.norm[e] == Lexicon.ten) { e += 1 }
                    if e < hi && line.norm[e] == Lexicon.yearChar && hi - e > 2 {
                        lo = e + 1
                        if lo < hi && line.norm[lo] == Lexicon.comeChar { lo += 1 }
                        continue
                    }
                }
                // "新增规上服务业企业": the count of new ones names the enterprises.
                if line.matches(Lexicon.newlyAdded, at: lo, hi), line.prefix(Lexicon.aboveSize, lo + 2, hi) != nil {
                    lo += 2
                    continue
                }
                // A span of months, which is the period ("一季度生猪出栏").
                if let w = line.prefix(Lexicon.monthSpanWords, lo, hi), hi - lo - w.count > 1 {
                    lo += w.count
                    continue
                }
                // A bullet: "一是", "（一）".
                if hi - lo > 2, Lexicon.isChineseDigit(c), line.norm[lo + 1] == Lexicon.isChar {
                    lo += 2
                    continue
                }
                break
            }
        }
        // Leading words first ("基本建成3000套" is all verb), then trailing, then leading again.
        stripLeading(keepingGrowthWords: true)
        while hi > lo {
            if isSpace(line.norm[hi - 1]) {
                hi -= 1
                continue
            }
            if comparator == nil, let candidates = Lexicon.prefixComparatorsByLast[line.norm[hi - 1]],
                let (w, cmp) = candidates.first(where: {
                    hi - $0.0.count >= lo && line.matches($0.0, at: hi - $0.0.count, hi)
                })
            {
                comparator = cmp
                trailing.append(w)
                hi -= w.count
                continue
            }
            if let w = line.suffix(Lexicon.trailingNoise, lo, hi), hi - lo - w.count != 1,
                !Self.splitsAverage(line, w, hi)
            {
                trailing.append(w)
                hi -= w.count
                continue
            }
            // A year or a span of months right before the figure ("2021年", "1-9月").
            if line.norm[hi - 1] == Lexicon.yearChar || line.norm[hi - 1] == Lexicon.monthChar {
                var k = hi - 1
                while k > lo && (Lexicon.isDigit(line.norm[k - 1]) || line.norm[k - 1] == 0x2D) { k -= 1 }
                if k < hi - 1 {
                    hi = k
                    continue
                }
            }
            break
        }
        stripLeading(keepingGrowthWords: false)
        return StrippedPhrase(lo: lo, hi: hi, trailing: trailing, comparator: comparator)
    }

    /// A place name (ending in 县, 市, 省, 区, 州 or 旗) at the start of a subject that follows a year
    /// ("2021年柘城县生产总值"), and the subject without it.
    func regionPrefix(_ line: LineText, _ clauseStart: Int, _ lo: Int, _ hi: Int) -> (String, Int)? {
        var k = lo - 1
        while k >= clauseStart && line.norm[k] == 0x20 { k -= 1 }
        guard k >= clauseStart + 4, line.norm[k] == Lexicon.yearChar, Lexicon.isDigit(line.norm[k - 1]) else {
            return nil
        }
        // "某市" is a place of two characters; real names have three or more.
        var e = line.norm[lo] == Lexicon.someChar ? lo + 1 : lo + 2
        while e < min(hi - 2, lo + 7) {
            if Lexicon.placeSuffixes.contains(line.norm[e]) {
                return (subjectText(line, lo, e + 1), e + 1)
            }
            e += 1
        }
        return nil
    }

    /// Whether `lo..<hi` compares with another region ("高于全省", "比全国快", "与全市持平").
    func comparesWithOtherRegion(_ line: LineText, _ lo: Int, _ hi: Int) -> Bool {
        var k = lo
        while k < hi {
            if let w = line.prefix(Lexicon.regionComparisons, k, hi) {
                var a = k + w.count
                if a < hi && line.norm[a] == 0x20 { a += 1 }
                if line.prefix(Lexicon.otherRegions, a, hi) != nil { return true }
                k += w.count
                continue
            }
            k += 1
        }
        return false
    }

    /// The noun phrase after a count ("53条河湖水系连通工程"), up to the next figure, stop word or clause end.
    func followingSubject(_ line: LineText, _ lo0: Int, _ bound: Int) -> (Int, Int)? {
        var lo = lo0
        var hi = bound
        if let d = line.lastIndex(of: [Lexicon.attributive], lo, hi), d + 1 < hi { lo = d + 1 }
        var k = lo + 1
        while k < hi {
            if line.prefix(Lexicon.followingStops, k, hi) != nil {
                hi = k
                break
            }
            k += 1
        }
        while let w = line.suffix(Lexicon.followingTrailing, lo, hi), hi - w.count > lo { hi -= w.count }
        while hi > lo && line.norm[hi - 1] == 0x20 { hi -= 1 }
        return lo < hi ? (lo, hi) : nil
    }

    /// The subjects of a 分别 list, one per figure, sharing a head where the first ones are modifiers
    /// ("城镇、农村居民人均可支配收入" → 城镇居民人均可支配收入, 农村居民人均可支配收入).
    func respectiveSubjects(_ line: LineText, _ head: StrippedPhrase, count: Int) -> [String]? {
        guard !head.isEmpty else { return nil }
        // Split on 、 first; 和/与/及 only when that does not give one subject per figure
        // ("普及率" holds a 及).
        func split(_ separators: Set<UInt32>) -> [(Int, Int)] {
            var items: [(Int, Int)] = []
            var s = head.lo
            for k in head.lo...head.hi where k == head.hi || separators.contains(line.norm[k]) {
                if k > s { items.append((s, k)) }
                s = k + 1
            }
            return items
        }
        var items = split([0x3001])
        if items.count != count { items = split(Lexicon.listSeparators) }
        guard items.count == count, let last = items.last else {
            let whole = subjectText(line, head.lo, head.hi)
            // "城乡居民人均可支配收入分别达到42316元和19873元": 城乡 is 城镇 and 农村.
            if count == 2, items.count == 1, whole.hasPrefix("城乡") || whole.hasPrefix("城鄉") {
                let rest = String(whole.dropFirst(2))
                return whole.hasPrefix("城乡") ? ["城镇" + rest, "农村" + rest] : ["城鎮" + rest, "農村" + rest]
            }
            return Array(repeating: whole, count: count)
        }
        let lastText = Array(subjectText(line, last.0, last.1))
        return items.map { item in
            let text = subjectText(line, item.0, item.1)
            let n = text.count
            if item != last && n <= 3 && lastText.count > n + 1 {
                return text + String(lastText[n...])
            }
            return text
        }
    }

    /// The text of a subject without footnote markers and stray punctuation.
    func subjectText(_ line: LineText, _ lo0: Int, _ hi0: Int) -> String {
        var lo = lo0
        var hi = hi0
        func stray(_ c: UInt32) -> Bool { c == 0x20 || c == 0x3001 || c == 0x3A || c == 0xFF1A }
        while lo < hi && stray(line.norm[lo]) { lo += 1 }
        while hi > lo && stray(line.norm[hi - 1]) { hi -= 1 }
        var bytes: [UInt8] = []
        bytes.reserveCapacity((hi - lo) * 3)
        var k = lo
        while k < hi {
            let c = line.norm[k]
            if c == 0x28 {  // "地区生产总值(GDP)": a gloss is no part of the subject
                if let close = line.firstIndex(of: 0x29, k + 1, hi) {
                    k = close + 1
                    continue
                }
                k += 1
                continue
            }
            if c == 0x29 {
                k += 1
                continue
            }
            if c == 0x5B {  // [2]
                var e = k + 1
                while e < hi && Lexicon.isDigit(line.norm[e]) { e += 1 }
                if e < hi && line.norm[e] == 0x5D {
                    k = e + 1
                    continue
                }
            }
            // "规模以上工业企业实现营业收入": the verb between the enterprises and their measure
            // is no part of the subject.
            if k >= lo + 2, line.matches(Lexicon.enterprise, at: k - 2, hi),
                let v = Lexicon.achieveVerbs.first(where: { line.matches($0, at: k, hi) }), k + v.count + 1 < hi
            {
                k += v.count
                continue
            }
            LineText.appendUTF8(line.orig[k], to: &bytes)
            k += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func clauseText(_ line: LineText, _ clause: Range<Int>) -> String {
        var a = clause.lowerBound
        var b = clause.upperBound
        while a < b && line.norm[a] == 0x20 { a += 1 }
        while b > a && line.norm[b - 1] == 0x20 { b -= 1 }
        return line.text(a, b)
    }
}
