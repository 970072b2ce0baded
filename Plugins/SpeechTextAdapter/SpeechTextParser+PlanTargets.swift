import IndicatorKit

/// Targets of a multi-year plan: a level to reach by the plan's end year ("到2025年生产总值达到3000
/// 亿元") and an amount over the whole span ("十四五期间累计新建5G基站8万个"). Both get the plan's
/// period, a span of years (`2021/2025`), so they are kept apart from the goals of one year; a sum
/// has attribute `cumulative: true` (docs/panels.md, "Plan goals"). Average growth rates
/// ("年均增长7%以上") get their span in `emitFigure` (attribute `average: annual`).
extension SpeechTextParser {
    /// How a plan target relates to its span of years.
    enum PlanTarget: String {
        /// A level (or share) to reach by the end year: checked against that year's figure.
        case endYear = "end-year"
        /// An amount summed over the span's years.
        case cumulative
    }

    /// Words that sum a figure over a span (matched on the folded text, so traditional script too).
    private static let cumulativeWords = WordSet(["累计", "共计", "合计", "总计"])
    /// Words that say a span of years is meant: 十四五期间, 五年内.
    private static let duringWords = WordSet(["期间", "时期"])

    /// Whether the figure at `at` (of `kind`) is a plan target, and the plan's first and last year.
    ///
    /// - End year: the year governing the figure is written 到2025年 or 至2025年, later than the
    ///   document's year, and ends a plan span the text names: the document's (a title or heading
    ///   "十四五规划"), or one named in the sentence (十四五, 2021-2025年).
    /// - Cumulative: a level after 累计 (共计, 合计) in a sentence that names a span (十四五期间,
    ///   2021-2025年), or that says 期间 in a document about a span.
    func planTarget(_ line: LineText, cues: SentenceCues, clauseStart: Int, at: Int, kind: FigureKind)
        -> (PlanTarget, (Int, Int))?
    {
        guard kind == .level || kind == .share else { return nil }
        let named = namedSpan(line, cues.start, at)
        if kind == .level, let sum = line.firstPosition(of: Self.cumulativeWords, clauseStart, at), sum < at {
            if let named { return (.cumulative, named) }
            if let documentSpan, line.firstPosition(of: Self.duringWords, cues.start, at) != nil {
                return (.cumulative, documentSpan)
            }
        }
        guard let written = cues.years.last(where: { $0.position < at && !$0.isDate }), written.position > 0 else {
            return nil
        }
        let before = line.norm[written.position - 1]
        guard before == Lexicon.toChar || before == Lexicon.untilChar else { return nil }
        if let docYear = documentYear, written.year <= docYear { return nil }
        // Only a plan the text names: "到2025年" in a 2023 work report is that year's goal.
        for span in [named, documentSpan].compactMap({ $0 }) where span.1 == written.year { return (.endYear, span) }
        return nil
    }

    /// A span of years the sentence names before `hi`: two years joined ("2021-2025年") or a plan
    /// period (十四五).
    private func namedSpan(_ line: LineText, _ lo: Int, _ hi: Int) -> (Int, Int)? {
        if let span = writtenSpan(line, lo, hi) { return span }
        if let p = line.firstPosition(of: Lexicon.planPeriods, lo, hi),
            let w = line.prefix(Lexicon.planPeriods, p, hi)
        {
            return Lexicon.planPeriodYears[w]
        }
        return nil
    }
}
