import IndicatorKit

/// Turns the lines of a Chinese speech, work report or statistical bulletin into goal and
/// observation records, one line at a time.
///
/// It keeps what a reader keeps in mind while reading: the document's year (from a `year:`
/// option, a title line or the section headings), whether the current section reviews the past
/// or plans ahead, and whether the document is a statistical bulletin (统计公报), which only
/// reports. Each sentence is then split into clauses and figures (`FigureScanner`), and each
/// figure gets its subject, comparator, kind, period and type (`SpeechTextParser+Figures`).
struct SpeechTextParser {
    /// Which records to emit.
    enum Mode: String, Sendable {
        case goals, observations, both
    }

    /// What the current section of the document does.
    enum Section: Sendable {
        case none, review, plan
    }

    let mode: Mode
    /// The year the document is about (`year:` option), overriding what the text says.
    let optionYear: Int?
    /// The pipeline's period, a last resort for the document year.
    let defaultYear: Int?
    /// The region records carry (the pipeline's default); the text rarely names one.
    let region: String?

    var titleYear: Int?
    var isBulletin = false
    var section: Section = .none
    var sectionYear: Int?
    var planYear: Int?
    var reviewYear: Int?
    var contentLines = 0
    /// The latest year the text has named (no date, no target 到2025年), a last resort.
    var seenYear: Int?
    /// Inside a list of targets opened by "…目标是：" on the current line.
    var inGoalList = false
    /// The year that list is about.
    var goalListYear: Int?
    /// The subject of the last figure in the current paragraph.
    var paragraphSubject: String?
    /// Whether a line other than a "# title" has been read since the last title.
    var sawBody = false
    /// Goals emitted so far (bounded), so a target stated twice is emitted once.
    var emittedGoals: Set<GoalKey> = []
    /// The table being read, once its header row is known.
    var table: TableState?
    /// A caption ("表3 主要工业产品产量") or unit line ("单位：万元") read before a table.
    var tablePreamble = TablePreamble()
    /// Lines read since the last table row.
    var tableLinesSince = 0
    /// Set while the cells of a table row are read as text: the row and column records get, and
    /// whether they are goals (a target column) or observations (an outcome column).
    var cellContext: CellContext?
    /// The last observation emitted and its sentence (line, piece, start), so a figure restated at
    /// once is emitted once.
    var lastObservation: GoalKey?
    var lastObservationPlace: [Int] = []
    /// The span of years a title or heading named, for average growth rates.
    var documentSpan: (Int, Int)?
    /// The span of months ("前三季度，") that opened a sentence ended by ；, for the sentences after it
    /// on the line (`carryMonthSpan`).
    var carriedMonthSpan: (first: Int, last: Int)?

    init(mode: Mode, optionYear: Int?, defaultYear: Int?, region: String?) {
        self.mode = mode
        self.optionYear = optionYear
        self.defaultYear = defaultYear
        self.region = region
    }

    /// Names the input in errors.
    var name = "input"

    /// True the first time a goal is seen: a target stated twice (in a summary and again in the
    /// details, or in prose and in a table) is one target. The memory is bounded.
    mutating func firstStatement(of goal: GoalKey) -> Bool {
        if emittedGoals.contains(goal) { return false }
        if emittedGoals.count >= 100_000 { emittedGoals.removeAll() }
        emittedGoals.insert(goal)
        return true
    }

    /// Emits `goal` unless one with the same folded subject, kind, comparator, quantity and period
    /// came before: a target stated twice (in the summary and again in the details, in a sentence
    /// and again in a table) is one target.
    mutating func emitFirstStatement(of goal: Goal, emit: (SourceRecord) throws -> Void) throws {
        let key = GoalKey(
            subject: LineText.string(goal.subject.unicodeScalars.map { Lexicon.normalize($0.value) }), kind: goal.kind,
            comparator: goal.comparator, value: goal.quantity.value, upper: goal.quantity.upper,
            unit: goal.quantity.unit, period: goal.period.rawValue)
        guard firstStatement(of: key) else { return }
        try emit(.goal(goal))
    }

    func invalidUTF8(_ line: Int) -> AdapterError {
        AdapterError(.unsupportedEncoding, "\(name):\(line): not valid UTF-8; check the file's encoding")
    }

    /// The year 今年 refers to.
    var documentYear: Int? {
        optionYear ?? planYear ?? titleYear ?? reviewYear.map { $0 + 1 } ?? defaultYear ?? seenYear
    }

    /// Reads one line of UTF-8 (or a piece of a very long one, starting at `columnOffset`) and emits
    /// its records. `origin` places the line in a paged or marked-up document.
    mutating func consume(
        utf8 bytes: UnsafeBufferPointer<UInt8>, number: Int, columnOffset: Int = 0, origin: LineOrigin? = nil,
        emit: (SourceRecord) throws -> Void
    ) throws {
        var orig = [UInt32](repeating: 0, count: bytes.count)
        var norm = [UInt32](repeating: 0, count: bytes.count)
        var count = 0
        var interesting = false
        let table = Lexicon.normalizedBMP
        let flags = Lexicon.flags
        let wanted = Lexicon.interestingFlag | Lexicon.chineseDigitFlag | Lexicon.chinesePlaceFlag
        var i = 0
        let n = bytes.count
        while i < n {
            let b0 = UInt32(bytes[i])
            var v: UInt32
            if b0 < 0x80 {
                v = b0
                i += 1
            } else if b0 >= 0xE0 && b0 < 0xF0 && i + 2 < n && bytes[i + 1] & 0xC0 == 0x80 && bytes[i + 2] & 0xC0 == 0x80
            {
                v = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                guard v >= 0x800 && (v < 0xD800 || v > 0xDFFF) else { throw invalidUTF8(number) }
                i += 3
            } else if b0 >= 0xC2 && b0 < 0xE0 && i + 1 < n && bytes[i + 1] & 0xC0 == 0x80 {
                v = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                i += 2
            } else if b0 >= 0xF0 && b0 < 0xF5 && i + 3 < n && bytes[i + 1] & 0xC0 == 0x80
                && bytes[i + 2] & 0xC0 == 0x80 && bytes[i + 3] & 0xC0 == 0x80
            {
                v =
                    (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                    | UInt32(bytes[i + 3] & 0x3F)
                guard v >= 0x10000 && v <= 0x10FFFF else { throw invalidUTF8(number) }
                i += 4
            } else {
                throw invalidUTF8(number)
            }
            orig[count] = v
            let m = v < 0x10000 ? UInt32(table[Int(v)]) : v
            norm[count] = m
            if m < 0x10000 && flags[Int(m)] & wanted != 0 { interesting = true }
            count += 1
        }
        orig.removeLast(n - count)
        norm.removeLast(n - count)
        if columnOffset == 0, try readTableLine(orig: orig, norm: norm, number: number, origin: origin, emit: emit) {
            tableLinesSince = 0
            return
        }
        let columns = ReprintNoise.clean(orig: &orig, norm: &norm)
        var lo = 0
        while lo < norm.count && (norm[lo] == 0x20 || norm[lo] == 0x09 || norm[lo] == 0xFEFF || norm[lo] == 0x0D) {
            lo += 1
        }
        var hi = norm.count
        while hi > lo && (norm[hi - 1] == 0x20 || norm[hi - 1] == 0x09 || norm[hi - 1] == 0x0D) { hi -= 1 }
        guard lo < hi else {
            endTable()
            return
        }
        contentLines += 1
        let line = LineText(
            orig: orig, norm: norm, number: number, columnOffset: columnOffset, origin: origin, columns: columns)
        if columnOffset == 0 && readTableContext(line, lo, hi) { return }
        // "注：固定资产投资统计口径为计划总投资500万元及以上项目": a note defines scope or names
        // sources; its figures are thresholds, not observations.
        if columnOffset == 0 && Self.isNote(norm, lo, hi) { return }
        if columnOffset == 0 {
            if norm[lo] == 0x23 {  // "# title": names the source; after text, a new document begins
                if sawBody { startDocument() }
                readTitle(line, lo, hi)
                return
            }
            sawBody = true
            if contentLines <= 3 && hi - lo <= 60 && line.contains(Lexicon.bulletinTitle, lo, hi) {
                readTitle(line, lo, hi)
                return
            }
            // "某县2023年国民经济和社会发展计划", "…主要预期目标": a document of targets, whose
            // statements are goals without cue words until a heading says otherwise.
            if contentLines <= 3 && hi - lo <= 60 && section == .none && line.containsAny(Lexicon.planTitles, lo, hi)
                && !line.containsAny(Lexicon.reviewHeadings, lo, hi)
                && !line.containsAny(Lexicon.observationCues, lo, hi)
                && line.firstIndex(of: 0x3002, lo, hi) == nil
            {
                section = .plan
                if let y = line.years(lo, hi).first(where: { !$0.isDate })?.year {
                    planYear = planYear ?? y
                    sectionYear = y
                }
            }
            readHeading(line, lo, hi)
            // A title or heading naming a span of years ("2021-2025年", "十四五") gives average
            // growth rates their period.
            if hi - lo <= 60 {
                if let span = writtenSpan(line, lo, hi) {
                    documentSpan = span
                } else if let p = line.firstPosition(of: Lexicon.planPeriods, lo, hi),
                    let w = line.prefix(Lexicon.planPeriods, p, hi)
                {
                    documentSpan = Lexicon.planPeriodYears[w]
                }
            }
        }
        guard interesting else { return }
        if optionYear == nil && planYear == nil && titleYear == nil && reviewYear == nil && defaultYear == nil {
            for y in line.years(lo, hi) where !y.isDate && !y.isBase {
                let target =
                    y.position > 0
                    && (norm[y.position - 1] == Lexicon.toChar || norm[y.position - 1] == Lexicon.untilChar)
                if !target { seenYear = max(seenYear ?? y.year, y.year) }
            }
        }
        // Sentences; "主要预期目标是：A；B；C" makes a list of targets up to the line's end.
        inGoalList = false
        paragraphSubject = nil
        carriedMonthSpan = nil
        var s = lo
        var k = lo
        while k <= hi {
            if k == hi || Lexicon.endsSentence(norm[k]) {
                if k > s { try sentence(line, s, k, emit: emit) }
                s = k + 1
            }
            k += 1
        }
        // "今年发展主要预期目标是:" opens a list of targets.
        if norm[hi - 1] == 0x3A, line.containsAny(Lexicon.goalCues, lo, hi) || line.contains(Lexicon.task, lo, hi) {
            section = .plan
        }
    }

    /// Whether a line is a note under a table or a bulletin ("注：…", "註1：…", "注:").
    static func isNote(_ norm: [UInt32], _ lo: Int, _ hi: Int) -> Bool {
        guard hi - lo >= 3, norm[lo] == 0x6CE8 || norm[lo] == 0x8A3B else { return false }
        var k = lo + 1
        while k < hi && (Lexicon.isDigit(norm[k]) || norm[k] == 0x20) { k += 1 }
        return k < hi && (norm[k] == 0x3A || norm[k] == 0xFF1A)
    }

    // MARK: - Titles and headings

    /// Forgets what the previous document said (a "# title" line after text starts another one).
    private mutating func startDocument() {
        titleYear = nil
        isBulletin = false
        section = .none
        sectionYear = nil
        planYear = nil
        reviewYear = nil
        seenYear = nil
        goalListYear = nil
        emittedGoals.removeAll()
        table = nil
        tablePreamble = TablePreamble()
        documentSpan = nil
        contentLines = 1
        sawBody = false
    }

    private mutating func readTitle(_ line: LineText, _ lo: Int, _ hi: Int) {
        if line.contains(Lexicon.bulletinTitle, lo, hi) { isBulletin = true }
        // Prefer a year inside 《…》, else the first year that is not part of a date.
        let open = line.firstIndex(of: 0x300A, lo, hi)
        var candidates = line.years(lo, hi)
        if let open {
            let inside = candidates.filter { $0.position > open }
            if !inside.isEmpty { candidates = inside }
        }
        if let y = candidates.first(where: { !$0.isDate }) ?? candidates.first {
            if titleYear == nil { titleYear = y.year }
        }
        // "# 2019年《政府工作报告》 — 主要预期目标(摘录)": an excerpt of targets, read as a plan.
        if !isBulletin && section == .none && line.containsAny(Lexicon.planTitles, lo, hi)
            && !line.containsAny(Lexicon.reviewHeadings, lo, hi)
        {
            section = .plan
            if let titleYear { sectionYear = sectionYear ?? titleYear }
        }
    }

    /// Reads a section heading ("一、关于2021年工作回顾", "二、2022年重点工作"): a short line without
    /// sentence punctuation that names a review or a plan.
    private mutating func readHeading(_ line: LineText, _ lo: Int, _ hi: Int) {
        guard hi - lo <= 40 else { return }
        for k in lo..<hi {
            let c = line.norm[k]
            if Lexicon.endsSentence(c) || c == 0xFF0C || c == 0x2C { return }
        }
        var plan = line.containsAny(Lexicon.planHeadings, lo, hi)
        var review = line.containsAny(Lexicon.reviewHeadings, lo, hi)
        let year = line.years(lo, hi).first(where: { !$0.isDate })?.year
        // A numbered heading without those words: a later year than the review's opens the plan
        // ("二、奋力推动2022年高质量发展"), an earlier one than the plan's reopens a review.
        if !plan && !review, let year, Lexicon.isChineseDigit(line.norm[lo]) || line.norm[lo] == 0x28 {
            if let reviewYear, year > reviewYear { plan = true }
            if let planYear, year < planYear { review = true }
        }
        guard plan || review else { return }
        if plan && !review {
            section = .plan
            sectionYear = year
            if let year { planYear = year }
        } else {
            section = .review
            sectionYear = year
            if let year { reviewYear = year }
        }
    }
}

/// Where a line handed to the parser sits in a document that is not plain text: the page of a
/// PDF (then the line number counts within the page) or the element path of an HTML block or
/// table row. Readers of such documents pass it with each line; plain text passes none.
struct LineOrigin: Sendable, Hashable {
    var page: Int?
    var path: String?

    init(page: Int? = nil, path: String? = nil) {
        self.page = page
        self.path = path
    }
}

/// One line's scalars as written and normalized, with where it sits in the input.
struct LineText {
    /// The scalars as written.
    let orig: [UInt32]
    /// The scalars normalized (`Lexicon.normalize`).
    let norm: [UInt32]
    let number: Int
    let columnOffset: Int
    var origin: LineOrigin? = nil
    /// Where each character sits in the line as written, when reprint noise was removed
    /// (`ReprintNoise`); nil when the two are the same.
    var columns: [Int]? = nil

    /// The location of the character at `position` of this line.
    func location(at position: Int) -> SourceLocation {
        let written =
            columns.map { position < $0.count ? $0[position] : ($0.last.map { $0 + 1 } ?? position) } ?? position
        return SourceLocation(
            line: number, column: columnOffset + written + 1, path: origin?.path, page: origin?.page)
    }

    /// A year written as digits and 年, and whether a month follows (a date).
    struct Year {
        var year: Int
        var position: Int
        var isDate: Bool
        /// Written after 比/较/与: a base of comparison, not the period.
        var isBase: Bool
    }

    func text(_ a: Int, _ b: Int) -> String {
        guard a < b else { return "" }
        return LineText.string(orig[a..<b])
    }

    /// A string of scalars, encoded through UTF-8 at once.
    static func string<S: Sequence<UInt32>>(_ scalars: S) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.underestimatedCount * 3)
        for v in scalars { appendUTF8(v, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    @inline(__always)
    static func appendUTF8(_ v: UInt32, to bytes: inout [UInt8]) {
        if v < 0x80 {
            bytes.append(UInt8(v))
        } else if v < 0x800 {
            bytes.append(UInt8(0xC0 | v >> 6))
            bytes.append(UInt8(0x80 | v & 0x3F))
        } else if v < 0x10000 {
            bytes.append(UInt8(0xE0 | v >> 12))
            bytes.append(UInt8(0x80 | (v >> 6) & 0x3F))
            bytes.append(UInt8(0x80 | v & 0x3F))
        } else {
            bytes.append(UInt8(0xF0 | v >> 18))
            bytes.append(UInt8(0x80 | (v >> 12) & 0x3F))
            bytes.append(UInt8(0x80 | (v >> 6) & 0x3F))
            bytes.append(UInt8(0x80 | v & 0x3F))
        }
    }

    @inline(__always)
    func matches(_ w: [UInt32], at k: Int, _ hi: Int) -> Bool {
        guard k >= 0, k + w.count <= hi else { return false }
        for (n, c) in w.enumerated() where norm[k + n] != c { return false }
        return true
    }

    func contains(_ w: [UInt32], _ lo: Int, _ hi: Int) -> Bool {
        firstIndex(of: w, lo, hi) != nil
    }

    func firstIndex(of w: [UInt32], _ lo: Int, _ hi: Int) -> Int? {
        guard !w.isEmpty, hi - lo >= w.count else { return nil }
        let first = w[0]
        var k = lo
        while k + w.count <= hi {
            if norm[k] == first && matches(w, at: k, hi) { return k }
            k += 1
        }
        return nil
    }

    func lastIndex(of w: [UInt32], _ lo: Int, _ hi: Int) -> Int? {
        guard !w.isEmpty, hi - lo >= w.count else { return nil }
        var k = hi - w.count
        while k >= lo {
            if norm[k] == w[0] && matches(w, at: k, hi) { return k }
            k -= 1
        }
        return nil
    }

    func firstIndex(of c: UInt32, _ lo: Int, _ hi: Int) -> Int? {
        var k = lo
        while k < hi {
            if norm[k] == c { return k }
            k += 1
        }
        return nil
    }

    /// The years written in `lo..<hi` ("2021年"), in order.
    func years(_ lo: Int, _ hi: Int) -> [Year] {
        var out: [Year] = []
        var k = lo
        while k + 4 < hi {
            if Lexicon.isDigit(norm[k]) && (k == lo || !Lexicon.isDigit(norm[k - 1])) && Lexicon.isDigit(norm[k + 1])
                && Lexicon.isDigit(norm[k + 2]) && Lexicon.isDigit(norm[k + 3]) && norm[k + 4] == Lexicon.yearChar
            {
                var y = 0
                for d in 0..<4 { y = y * 10 + Int(norm[k + d] - 0x30) }
                if y >= 1900 && y <= 2100 {
                    var j = k + 5
                    var isDate = false
                    while j < hi && j <= k + 7 && Lexicon.isDigit(norm[j]) { j += 1 }
                    if j > k + 5 && j < hi && norm[j] == Lexicon.monthChar { isDate = true }
                    let isBase = suffix(Lexicon.comparisonBases, max(lo, k - 2), k) != nil
                    out.append(Year(year: y, position: k, isDate: isDate, isBase: isBase))
                }
                k += 5
                continue
            }
            k += 1
        }
        return out
    }
}
