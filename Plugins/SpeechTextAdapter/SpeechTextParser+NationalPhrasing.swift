import IndicatorKit

/// Phrasing met in the national work reports and in reprints of the NBS communiqués.
extension SpeechTextParser {
    /// "居民消费价格平均上涨2.5%", "城镇调查失业率平均为5.1%": the 均 that `strip` would take as
    /// trailing noise (…均为, …均上涨) belongs to 平均 here, so the subject keeps 平均 (an annual
    /// average, as the normalizer reads it) instead of ending in a stray 平.
    static func splitsAverage(_ line: LineText, _ word: [UInt32], _ hi: Int) -> Bool {
        word.count == 1 && word[0] == Self.evenChar && hi >= 2 && line.norm[hi - 2] == Self.flatChar
    }

    /// The subject of a growth rate written as a noun ("国内生产总值成长率6到6.5%左右",
    /// "经济增长率为5%"), without the rate word; nil when the subject names no growth rate.
    static func subjectOfGrowthRate(_ subject: String) -> String? {
        let folded = LineText.string(subject.unicodeScalars.map { Lexicon.normalize($0.value) })
        for rate in ["成长率", "增长率"] where folded.hasSuffix(rate) && folded.count > rate.count {
            return String(subject.dropLast(rate.count))
        }
        return nil
    }

    private static let evenChar = Lexicon.word("均")[0]
    private static let flatChar = Lexicon.word("平")[0]
}

extension SpeechTextParser {
    /// "前三季度，全国居民消费价格同比下降0.1%；全国城镇调查失业率平均值为5.2%；…。": a span of months
    /// that opens a sentence ended by ； is the period of the sentences after it up to the 。, unless
    /// they name a year or a span of their own.
    mutating func carryMonthSpan(_ cues: inout SentenceCues, _ lo: Int, endsAtSemicolon: Bool) {
        if let first = cues.spans.first {
            if endsAtSemicolon && first.position - lo <= 2 { carriedMonthSpan = (first.first, first.last) }
        } else if let carried = carriedMonthSpan, cues.years.isEmpty {
            cues.spans = [(lo, carried.first, carried.last)]
        }
    }
}
