import IndicatorKit

/// The subjects a sentence's figures take from the ones before them.
struct RunningSubjects {
    /// The last subject named; a figure without one of its own takes it.
    var subject: String?
    /// The subjects of the last 分别 list, for a following list without subjects.
    var group: [String] = []
    /// The region named with the last subject.
    var place: String?
}

/// A figure in a clause with what follows it.
struct FigureContext {
    var figure: Figure
    /// Where the next figure of the clause starts, or the clause's end.
    var bound: Int
    /// The first position after the figure that is no space.
    var after: Int
    /// The character there, if it is before `bound`.
    var next: UInt32?
    /// A noun follows the figure (what the figure counts or measures).
    var nounFollows: Bool
}

/// What a figure followed by 的 is.
enum AttributiveReading {
    /// It describes the noun after it; no figure of its own.
    case describesNoun
    /// A target, with the span of its subject after 的 when it is there.
    case target(subjectAfter: (Int, Int)?)
}

extension SpeechTextParser {
    /// Reads the figures of one sentence and emits their records.
    mutating func sentence(_ line: LineText, _ lo: Int, _ hi: Int, emit: (SourceRecord) throws -> Void) throws {
        let endsAtSemicolon = hi < line.norm.count && (line.norm[hi] == 0x3B || line.norm[hi] == 0xFF1B)
        defer { if !endsAtSemicolon { carriedMonthSpan = nil } }
        let figures = FigureScanner(norm: line.norm, orig: line.orig).scan(lo, hi)
        let hasFlat = line.contains(Lexicon.flat, lo, hi)
        if figures.isEmpty && !hasFlat { return }
        var cues = SentenceCues(line, lo, hi)
        carryMonthSpan(&cues, lo, endsAtSemicolon: endsAtSemicolon)
        openGoalList(line, hi, cues: &cues)
        // A sentence without a subject of its own ("按可比价格计算，比上年增长4.5%。") takes the last
        // one of the paragraph.
        var running = RunningSubjects(subject: paragraphSubject)
        defer { paragraphSubject = running.subject }
        var next = 0
        for clause in Self.clauses(line, lo, hi, figures: figures) {
            var list: [Figure] = []
            while next < figures.count && figures[next].start < clause.upperBound {
                if figures[next].start >= clause.lowerBound { list.append(figures[next]) }
                next += 1
            }
            if list.isEmpty {
                if hasFlat, let at = line.firstIndex(of: Lexicon.flat, clause.lowerBound, clause.upperBound) {
                    try emitFlat(line, cues: cues, clause: clause, at: at, lastSubject: running.subject, emit: emit)
                }
                continue
            }
            try clauseFigures(line, cues: cues, clause: clause, figures: list, running: &running, emit: emit)
        }
    }

    /// The clauses of `lo..<hi`, split at clause-ending punctuation but not at a thousands separator.
    static func clauses(_ line: LineText, _ lo: Int, _ hi: Int, figures: [Figure]) -> [Range<Int>] {
        let norm = line.norm
        var clauses: [Range<Int>] = []
        var start = lo
        for k in lo..<hi where Lexicon.endsClause(norm[k]) {
            if norm[k] == 0x2C && k > lo && k + 1 < hi && Lexicon.isDigit(norm[k - 1]) && Lexicon.isDigit(norm[k + 1])
                && figures.contains(where: { $0.start < k && k < $0.unitStart })
            {
                continue  // a thousands separator
            }
            clauses.append(start..<k)
            start = k + 1
        }
        clauses.append(start..<hi)
        return clauses
    }

    /// Starts a list of targets at the colon after a goal cue ("主要预期目标是：…"), or continues the
    /// list an earlier sentence started.
    mutating func openGoalList(_ line: LineText, _ hi: Int, cues: inout SentenceCues) {
        if inGoalList {
            cues.goalListStart = cues.start
            return
        }
        guard let cue = cues.firstGoalCue, let colon = line.firstIndex(of: 0x3A, cue, hi) else { return }
        // In a review, "完成了年初确定的目标：…" lists results; only 今年/明年 or a year ahead
        // makes it a list of targets.
        let ahead =
            cues.relatives.contains { $0.position < colon && $0.offset >= 0 }
            || cues.years.contains { y in y.position < colon && documentYear.map { y.year >= $0 } ?? false }
        guard section != .review || ahead else { return }
        cues.goalListStart = colon
        inGoalList = true
        let written = cues.years.last { $0.position < colon }?.year
        let relative = cues.relatives.last { $0.position < colon }.flatMap { r in documentYear.map { $0 + r.offset } }
        goalListYear = written ?? relative ?? documentYear
    }

    /// Emits the figures of one clause, each with its subject.
    mutating func clauseFigures(
        _ line: LineText, cues: SentenceCues, clause: Range<Int>, figures list: [Figure],
        running: inout RunningSubjects,
        emit: (SourceRecord) throws -> Void
    ) throws {
        let norm = line.norm
        var c0 = clause.lowerBound
        while c0 < clause.upperBound && norm[c0] == 0x20 { c0 += 1 }
        if line.prefix(Lexicon.framingStarts, c0, clause.upperBound) != nil { return }
        if line.containsAny(Lexicon.each, clause.lowerBound, clause.upperBound) { return }

        var anchor = clause.lowerBound
        var j = 0
        while j < list.count {
            let context = Self.context(line, list, j, clause: clause)
            let f = context.figure
            // A size or capacity qualifier ("220千伏", "500亿级", "日处理90吨污泥处置厂", "总投资100亿元的…")
            // belongs to the noun after it; it is no figure of its own.
            if f.unitClass == .qualifier || context.next == Lexicon.gradeChar {
                j += 1
                continue
            }
            let measured = f.unitClass != .count && !f.unitClass.isRatio
            if measured && context.nounFollows {
                j += 1
                continue
            }
            var pre = strip(line, anchor, f.start)
            var following: (Int, Int)?
            if context.next == Lexicon.attributive {
                switch attributiveReading(line, context, pre: &pre) {
                case .describesNoun:
                    j += 1
                    continue
                case .target(let after):
                    following = after
                }
            } else if f.unitClass == .count && context.nounFollows,
                let r = followingSubject(line, context.after, context.bound)
            {
                // "全市30个乡镇" describes the territory.
                if line.suffix(Lexicon.scopes, anchor, f.start) != nil {
                    j += 1
                    continue
                }
                following = r  // count first: "新建53条河湖水系连通工程"
            }

            // 分别: "城镇、农村居民人均可支配收入分别增长8%和8.5%".
            if let r = line.lastIndex(of: Lexicon.respectively, anchor, f.start) {
                let end = try emitRespectively(
                    line, cues: cues, clause: clause, figures: list, from: j, anchor: anchor, respectively: r,
                    running: &running, emit: emit)
                anchor = list[end - 1].end
                j = end
                continue
            }
            try emitWithSubject(
                line, cues: cues, clause: clause, context, pre: pre, following: following, anchor: anchor,
                running: &running, emit: emit)
            anchor = f.end
            j += 1
        }
    }

    /// The figure `list[j]` with what follows it up to the next figure.
    static func context(_ line: LineText, _ list: [Figure], _ j: Int, clause: Range<Int>) -> FigureContext {
        let norm = line.norm
        let f = list[j]
        let bound = j + 1 < list.count ? list[j + 1].start : clause.upperBound
        var a = f.end
        while a < bound && norm[a] == 0x20 { a += 1 }
        let nc: UInt32? = a < bound ? norm[a] : nil
        let nounFollows =
            nc.map { c in
                (Lexicon.isHan(c) || c == 0x58 || Lexicon.openQuotes.contains(c)) && c != Lexicon.attributive
                    && line.prefix(Lexicon.followingNonNouns, a, bound) == nil
            } ?? false
        return FigureContext(figure: f, bound: bound, after: a, next: nc, nounFollows: nounFollows)
    }

    /// A figure followed by 的: it describes the noun after it ("总投资30亿元的金刚石产业园"), or it is
    /// a target, with the subject after it when none comes before ("设立不低于1000万元的教育发展基金").
    func attributiveReading(_ line: LineText, _ context: FigureContext, pre: inout StrippedPhrase)
        -> AttributiveReading
    {
        let a = context.after
        let targetWord = line.prefix(Lexicon.attributiveTargets, a + 1, context.bound)
        let targetAfter = targetWord != nil
        // "保持6%左右的增长": the figure is a growth rate.
        if let w = targetWord, Lexicon.growthWords.contains(w) { pre.trailing.insert(w, at: 0) }
        // "打造2个以上的省级示范区" counts what follows.
        let counted = context.figure.unitClass == .count && pre.isEmpty
        if pre.comparator == nil && !targetAfter && !counted { return .describesNoun }
        if pre.isEmpty, !targetAfter, let r = followingSubject(line, a + 1, context.bound) {
            return .target(subjectAfter: r)
        }
        return .target(subjectAfter: nil)
    }

    /// Emits a 分别 list of figures ("分别增长8%和8.5%") starting at `list[j]`, each with its subject
    /// from the list before 分别; returns the index after the list.
    mutating func emitRespectively(
        _ line: LineText, cues: SentenceCues, clause: Range<Int>, figures list: [Figure], from j: Int, anchor: Int,
        respectively r: Int, running: inout RunningSubjects, emit: (SourceRecord) throws -> Void
    ) throws -> Int {
        let norm = line.norm
        let f = list[j]
        var group = [f]
        var g = j + 1
        while g < list.count {
            var k = group.last!.end
            while k < list[g].start && (Lexicon.listSeparators.contains(norm[k]) || norm[k] == 0x20) {
                k += 1
            }
            guard k == list[g].start else { break }
            group.append(list[g])
            g += 1
        }
        let head = strip(line, anchor, r)
        let verbs = strip(line, r + Lexicon.respectively.count, f.start)
        // "…分别达到42316元和19873元，分别增长5.1%和6.8%": a list without subjects takes
        // the previous list's.
        var subjects = respectiveSubjects(line, head, count: group.count) ?? []
        if subjects.isEmpty && running.group.count == group.count { subjects = running.group }
        let lastSuffix = group.last!.suffix
        for (n, member) in group.enumerated() {
            var m = member
            if m.suffix == nil { m.suffix = lastSuffix }
            let subject = n < subjects.count ? subjects[n] : (running.subject ?? "")
            var words = verbs.trailing
            words.append(contentsOf: head.trailing)
            let phrase = StrippedPhrase(lo: head.lo, hi: head.hi, trailing: words, comparator: verbs.comparator)
            try emitFigure(line, cues: cues, clause: clause, figure: m, subject: subject, phrase: phrase, emit: emit)
        }
        running.subject = subjects.last ?? running.subject
        running.group = subjects
        return g
    }

    /// Emits one figure with the subject before it (`pre`), after it (`following`), or the running one.
    mutating func emitWithSubject(
        _ line: LineText, cues: SentenceCues, clause: Range<Int>, _ context: FigureContext, pre: StrippedPhrase,
        following: (Int, Int)?, anchor: Int, running: inout RunningSubjects, emit: (SourceRecord) throws -> Void
    ) throws {
        let f = context.figure
        let a = context.after
        let followingUsed = following != nil
        var pre = pre
        var subject: String
        var inherited = false
        if let (s, e) = following {
            subject = subjectText(line, s, e)
        } else if !pre.isEmpty {
            subject = subjectText(line, pre.lo, pre.hi)
            // "投资4000万元建设二污尾水湿地公园": the investment is in what follows.
            if f.unitClass == .money, context.next != nil,
                let verb = line.prefix(Lexicon.objectVerbs, a, context.bound),
                line.prefix(Lexicon.genericInvestment, pre.lo, pre.hi) != nil,
                let (s, e) = followingSubject(line, a + verb.count, context.bound)
            {
                subject = subjectText(line, s, e) + subject
            }
        } else if let last = running.subject {
            subject = last
            inherited = true
        } else {
            return
        }
        if !followingUsed, !pre.isEmpty, line.norm[pre.lo] == Lexicon.shareOfChar, let last = running.subject {
            subject = last + subject  // "城镇就业人员45931万人,占全国就业人员比重为62.6%"
        }
        if pre.isEmpty && !followingUsed && pre.trailing.isEmpty {
            pre.trailing = strip(line, anchor, f.start).trailing
        }
        // "2021年柘城县生产总值…": a place named after the year is the region, not the subject.
        var place = inherited ? running.place : nil
        if !followingUsed, !pre.isEmpty, let (name, restLo) = regionPrefix(line, clause.lowerBound, pre.lo, pre.hi) {
            place = name
            // "2022年某市预计全年地区生产总值": the framing words after the place go too.
            let rest = strip(line, restLo, pre.hi)
            subject = rest.isEmpty ? subjectText(line, restLo, pre.hi) : subjectText(line, rest.lo, rest.hi)
        }
        // "高于全省1.2个百分点", "比全市快0.5个百分点": a comparison with another region.
        if comparesWithOtherRegion(line, max(anchor, clause.lowerBound), f.start) { return }
        running.place = place
        try emitFigure(
            line, cues: cues, clause: clause, figure: f, subject: subject, phrase: pre, region: place, emit: emit)
        running.subject = subject
    }
}
