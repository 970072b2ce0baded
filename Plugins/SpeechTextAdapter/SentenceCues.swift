/// What a sentence says about time and intent, found once per sentence.
struct SentenceCues {
    /// Years written in the sentence that are no base of comparison.
    var years: [LineText.Year]
    /// 今年 (0), 去年 (-1), 明年 (+1) and where they are, outside comparisons (比去年).
    var relatives: [(position: Int, offset: Int)] = []
    var firstGoalCue: Int?
    var firstObservationCue: Int?
    /// Where a list of targets starts ("主要预期目标是：…"), in this sentence or an earlier one of the line.
    var goalListStart: Int?
    /// Where 现有, 目前, 已建成… are.
    var presentCues: [Int] = []
    /// Spans of months ("1-9月", "上半年", "前三季度") and where they are.
    var spans: [(position: Int, first: Int, last: Int)] = []
    /// Where 预计, 初步核算… mark the figures after them as estimates.
    var estimateAt: Int?
    /// Where the sentence starts.
    var start: Int

    init(_ line: LineText, _ lo: Int, _ hi: Int) {
        start = lo
        years = line.years(lo, hi).filter { !$0.isBase }
        let monthSpanWords = Lexicon.monthSpanWords
        let relativeYears = Lexicon.relativeYears
        var m = lo
        while m < hi {
            let c = line.norm[m]
            if Lexicon.isDigit(c) && (m == lo || !Lexicon.isDigit(line.norm[m - 1])) {
                var k = m
                var first = 0
                while k < hi && Lexicon.isDigit(line.norm[k]) && k - m < 2 {
                    first = first * 10 + Int(line.norm[k] - 0x30)
                    k += 1
                }
                if k + 1 < hi && (line.norm[k] == 0x2D || line.norm[k] == 0x7E || line.norm[k] == Lexicon.untilChar) {
                    var j = k + 1
                    var last = 0
                    while j < hi && Lexicon.isDigit(line.norm[j]) && j - k <= 2 {
                        last = last * 10 + Int(line.norm[j] - 0x30)
                        j += 1
                    }
                    if j > k + 1 && j < hi && line.norm[j] == Lexicon.monthChar { spans.append((m, first, last)) }
                } else if k + 1 < hi && line.norm[k] == Lexicon.monthChar && line.norm[k + 1] == Lexicon.portionChar
                    && (m == lo || line.norm[m - 1] != 0x2D)
                {
                    spans.append((m, first, first))  // "6月份": one month
                }
                m = k
                continue
            }
            if let w = line.prefix(monthSpanWords, m, hi), let span = Lexicon.monthSpans[w] {
                spans.append((m, span.0, span.1))
                m += w.count
                continue
            }
            m += 1
        }
        var k = lo
        while k < hi {
            if let w = line.prefix(relativeYears, k, hi) {
                if line.suffix(Lexicon.comparisonBases, max(lo, k - 2), k) == nil {
                    relatives.append((k, Lexicon.relativeYearOffsets[w] ?? 0))
                }
                k += w.count
                continue
            }
            k += 1
        }
        firstGoalCue = line.firstPosition(of: Lexicon.goalCues, lo, hi)
        estimateAt = line.firstPosition(of: Lexicon.estimateCues, lo, hi)
        firstObservationCue = line.firstPosition(of: Lexicon.observationCues, lo, hi)
        var p = lo
        while let k = line.firstPosition(of: Lexicon.presentCues, p, hi) {
            presentCues.append(k)
            p = k + 1
        }
    }
}
