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

extension SpeechTextParser {
    /// Reads the figures of one sentence and emits their records.
    mutating func sentence(_ line: LineText, _ lo: Int, _ hi: Int, emit: (SourceRecord) throws -> Void) throws {
        let norm = line.norm
        let endsAtSemicolon = hi < norm.count && (norm[hi] == 0x3B || norm[hi] == 0xFF1B)
        defer { if !endsAtSemicolon { carriedMonthSpan = nil } }
        let figures = FigureScanner(norm: norm, orig: line.orig).scan(lo, hi)
        let hasFlat = line.contains(Lexicon.flat, lo, hi)
        if figures.isEmpty && !hasFlat { return }
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

        var cues = SentenceCues(line, lo, hi)
        carryMonthSpan(&cues, lo, endsAtSemicolon: endsAtSemicolon)
        if inGoalList {
            cues.goalListStart = lo
        } else if let cue = cues.firstGoalCue, let colon = line.firstIndex(of: 0x3A, cue, hi) {
            // In a review, "完成了年初确定的目标：…" lists results; only 今年/明年 or a year ahead
            // makes it a list of targets.
            let ahead =
                cues.relatives.contains { $0.position < colon && $0.offset >= 0 }
                || cues.years.contains { y in y.position < colon && documentYear.map { y.year >= $0 } ?? false }
            if section != .review || ahead {
                cues.goalListStart = colon
                inGoalList = true
                let written = cues.years.last { $0.position < colon }?.year
                let relative = cues.relatives.last { $0.position < colon }.flatMap { r in documentYear.map { $0 + r.offset } }
                goalListYear = written ?? relative ?? documentYear
            }
        }
        // A sentence without a subject of its own ("按可比价格计算，比上年增长4.5%。") takes the last
        // one of the paragraph.
        var lastSubject: String? = paragraphSubject
        defer { paragraphSubject = lastSubject }
        var lastGroup: [String] = []
        var lastPlace: String?
        var next = 0
        for clause in clauses {
            var list: [Figure] = []
            while next < figures.count && figures[next].start < clause.upperBound {
                if figures[next].start >= clause.lowerBound { list.append(figures[next]) }
                next += 1
            }
            if list.isEmpty {
                if hasFlat, let at = line.firstIndex(of: Lexicon.flat, clause.lowerBound, clause.upperBound) {
                    try emitFlat(line, cues: cues, clause: clause, at: at, lastSubject: lastSubject, emit: emit)
                }
                continue
            }
            var c0 = clause.lowerBound
            while c0 < clause.upperBound && norm[c0] == 0x20 { c0 += 1 }
            if line.prefix(Lexicon.framingStarts, c0, clause.upperBound) != nil { continue }
            if line.containsAny(Lexicon.each, clause.lowerBound, clause.upperBound) { continue }

            var anchor = clause.lowerBound
            var j = 0
            while j < list.count {
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

                // A size or capacity qualifier ("220千伏", "500亿级", "日处理90吨污泥处置厂", "总投资100亿元的…")
                // belongs to the noun after it; it is no figure of its own.
                if f.unitClass == .qualifier || nc == Lexicon.gradeChar {
                    j += 1
                    continue
                }
                let measured = f.unitClass != .count && !f.unitClass.isRatio
                if measured && nounFollows {
                    j += 1
                    continue
                }
                var pre = strip(line, anchor, f.start)
                var subjectRange: (Int, Int)?
                var followingUsed = false
                if nc == Lexicon.attributive {
                    // "设立不低于1000万元的教育发展基金" is a target; "总投资30亿元的金刚石产业园" describes one.
                    let targetWord = line.prefix(Lexicon.attributiveTargets, a + 1, bound)
                    let targetAfter = targetWord != nil
                    // "保持6%左右的增长": the figure is a growth rate.
                    if let w = targetWord, Lexicon.growthWords.contains(w) { pre.trailing.insert(w, at: 0) }
                    // "打造2个以上的省级示范区" counts what follows.
                    let counted = f.unitClass == .count && pre.isEmpty
                    if pre.comparator == nil && !targetAfter && !counted {
                        j += 1
                        continue
                    }
                    if pre.isEmpty, !targetAfter, let r = followingSubject(line, a + 1, bound) {
                        subjectRange = r
                        followingUsed = true
                    }
                } else if f.unitClass == .count && nounFollows, let r = followingSubject(line, a, bound) {
                    // "全市30个乡镇" describes the territory.
                    if line.suffix(Lexicon.scopes, anchor, f.start) != nil {
                        j += 1
                        continue
                    }
                    subjectRange = r  // count first: "新建53条河湖水系连通工程"
                    followingUsed = true
                }

                // 分别: "城镇、农村居民人均可支配收入分别增长8%和8.5%".
                if let r = line.lastIndex(of: Lexicon.respectively, anchor, f.start) {
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
                    if subjects.isEmpty && lastGroup.count == group.count { subjects = lastGroup }
                    let lastSuffix = group.last!.suffix
                    for (n, member) in group.enumerated() {
                        var m = member
                        if m.suffix == nil { m.suffix = lastSuffix }
                        let subject = n < subjects.count ? subjects[n] : (lastSubject ?? "")
                        var words = verbs.trailing
                        words.append(contentsOf: head.trailing)
                        let phrase = StrippedPhrase(
                            lo: head.lo, hi: head.hi, trailing: words, comparator: verbs.comparator)
                        try emitFigure(
                            line, cues: cues, clause: clause, figure: m, subject: subject, phrase: phrase, emit: emit)
                    }
                    lastSubject = subjects.last ?? lastSubject
                    lastGroup = subjects
                    anchor = group.last!.end
                    j = g
                    continue
                }

                var subject: String
                var inherited = false
                if let (s, e) = subjectRange {
                    subject = subjectText(line, s, e)
                } else if !pre.isEmpty {
                    subject = subjectText(line, pre.lo, pre.hi)
                    // "投资4000万元建设二污尾水湿地公园": the investment is in what follows.
                    if f.unitClass == .money, nc != nil, let verb = line.prefix(Lexicon.objectVerbs, a, bound),
                        line.prefix(Lexicon.genericInvestment, pre.lo, pre.hi) != nil,
                        let (s, e) = followingSubject(line, a + verb.count, bound)
                    {
                        subject = subjectText(line, s, e) + subject
                    }
                } else if let last = lastSubject {
                    subject = last
                    inherited = true
                } else {
                    anchor = f.end
                    j += 1
                    continue
                }
                if !followingUsed, !pre.isEmpty, line.norm[pre.lo] == Lexicon.shareOfChar, let last = lastSubject {
                    subject = last + subject  // "城镇就业人员45931万人,占全国就业人员比重为62.6%"
                }
                if pre.isEmpty && !followingUsed && pre.trailing.isEmpty {
                    pre.trailing = strip(line, anchor, f.start).trailing
                }
                // "2021年柘城县生产总值…": a place named after the year is the region, not the subject.
                var place = inherited ? lastPlace : nil
                if !followingUsed, !pre.isEmpty, let (name, restLo) = regionPrefix(line, clause.lowerBound, pre.lo, pre.hi) {
                    place = name
                    // "2022年某市预计全年地区生产总值": the framing words after the place go too.
                    let rest = strip(line, restLo, pre.hi)
                    subject = rest.isEmpty ? subjectText(line, restLo, pre.hi) : subjectText(line, rest.lo, rest.hi)
                }
                // "高于全省1.2个百分点", "比全市快0.5个百分点": a comparison with another region.
                if comparesWithOtherRegion(line, max(anchor, clause.lowerBound), f.start) {
                    anchor = f.end
                    j += 1
                    continue
                }
                lastPlace = place
                try emitFigure(
                    line, cues: cues, clause: clause, figure: f, subject: subject, phrase: pre, region: place, emit: emit)
                lastSubject = subject
                anchor = f.end
                j += 1
            }
        }
    }

    // MARK: - Records

    private mutating func emitFigure(
        _ line: LineText, cues: SentenceCues, clause: Range<Int>, figure f: Figure, subject: String,
        phrase: StrippedPhrase, region place: String? = nil, emit: (SourceRecord) throws -> Void
    ) throws {
        guard !subject.isEmpty else { return }
        // "完成目标的104.2%": a rate of completion, no figure of a subject.
        if Lexicon.targetNouns.contains(subject) { return }
        // "比2019年同期增长13.5%": a growth over another base year, no figure of this one.
        if let first = subject.unicodeScalars.first.map({ Lexicon.normalize($0.value) }),
            first == Lexicon.thanChar || first == Lexicon.comparedChar,
            subject.unicodeScalars.dropFirst().first.map({ !"重例率值".unicodeScalars.contains($0) }) ?? false
        {
            return
        }
        var subject = subject
        let words = phrase.trailing
        var kind: FigureKind
        var unit = f.unit
        var negative = false
        let toLevel = words.contains { Lexicon.toLevelWords.contains($0) }
        switch f.unitClass {
        case .points:
            kind = .change
            negative = words.contains { Lexicon.declineWords.contains($0) }
        case .percent, .permille:
            if let rate = Self.subjectOfGrowthRate(subject) {
                kind = .growth  // "国内生产总值(GDP)成长率6到6.5%左右"
                subject = rate
            } else if !toLevel && words.contains(where: { Lexicon.growthWords.contains($0) }) {
                kind = .growth
                negative = words.contains { Lexicon.declineWords.contains($0) }
            } else {
                kind = .share
            }
        default:
            kind = .level
            // "比上年增加368万吨", "少增63万人": an absolute change, which no kind describes.
            if let nearest = words.first(where: { !Lexicon.comparatorWords.contains($0) }),
                Lexicon.incrementWords.contains(nearest)
            {
                return
            }
        }
        var comparator = f.suffix ?? phrase.comparator ?? (f.more ? .above : .equal)
        var value = f.value
        var upper = f.upper
        if upper != nil { comparator = .range }
        if negative {
            if let u = upper, let v = value {
                (value, upper) = (-u, -v)
            } else {
                value = value.map { -$0 }
            }
            switch comparator {
            case .atLeast: comparator = .atMost
            case .atMost: comparator = .atLeast
            case .above: comparator = .below
            case .below: comparator = .above
            default: break
            }
        }
        guard var (isGoal, period) = classify(line, cues: cues, clauseStart: clause.lowerBound, at: f.start) else {
            return
        }
        if let forced = cellContext?.goal { isGoal = forced }
        var attributes: [String: String] = [:]
        // "拉动GDP增长0.92个百分点": a contribution to another figure's growth, in points.
        if let pull = line.firstPosition(of: Lexicon.contributionWords, clause.lowerBound, f.start),
            f.unitClass == .points || (f.unitClass == .percent && line.matches(Lexicon.pull, at: pull, f.start))
        {
            kind = .change
            unit = "百分点"
            attributes["contribution"] = "true"
            if pull < phrase.lo || phrase.isEmpty { subject = line.text(pull, pull + 2) + subject }
        }
        // "年均增长7%": an average over a span of years, never one year's growth.
        if kind == .growth, words.contains(where: { Lexicon.averageWords.contains($0) })
            || line.suffix(Lexicon.averagePrefixes, clause.lowerBound, phrase.hi < f.start ? f.start : phrase.hi) != nil
            || subject.hasSuffix("年均")
        {
            guard let span = yearSpan(line, cues: cues, at: f.start) else { return }
            period = Period(unchecked: "\(span.0)/\(span.1)")
            attributes["average"] = "annual"
            for tail in ["年均", "平均"] where subject.hasSuffix(tail) { subject = String(subject.dropLast(tail.count)) }
        } else if let (plan, span) = planTarget(line, cues: cues, clauseStart: clause.lowerBound, at: f.start, kind: kind) {
            period = Period(unchecked: "\(span.0)/\(span.1)")
            attributes["plan"] = plan.rawValue
        }
        if let e = cues.estimateAt, e < f.start { attributes["estimate"] = "true" }
        if isGoal && mode == .observations || !isGoal && mode == .goals { return }
        let quantity = Quantity(value: value, upper: upper, unit: unit)
        let text = clauseText(line, clause)
        var location = line.location(at: f.start)
        if let cell = cellContext {
            location.row = cell.row
            location.cell = cell.cell
        }
        if let k = line.firstPosition(of: Lexicon.yearEnd, clause.lowerBound, f.start),
            k == 0 || line.norm[k - 1] != Lexicon.upperChar
        {
            attributes["point"] = "year-end"  // 年末, not 比上年末
        }
        if isGoal {
            // A target stated twice (in the summary and again in the details) is one target.
            let key = GoalKey(
                subject: LineText.string(subject.unicodeScalars.map { Lexicon.normalize($0.value) }), kind: kind,
                comparator: comparator, value: value, upper: upper, unit: unit, period: period.rawValue)
            guard firstStatement(of: key) else { return }
            try emit(
                .goal(
                    Goal(
                        subject: subject, kind: kind, comparator: comparator, quantity: quantity, period: period,
                        region: place ?? region, redacted: f.redacted, text: text, location: location,
                        attributes: attributes)))
        } else {
            // "增长4.1%，增速为4.1%，与全省持平": a figure restated in the same sentence is one figure.
            let key = GoalKey(
                subject: subject, kind: kind, comparator: .equal, value: value, upper: upper, unit: unit,
                period: period.rawValue)
            let sentencePlace = [line.number, line.columnOffset, cues.start]
            if lastObservation == key && lastObservationPlace == sentencePlace && kind != .level && value != nil { return }
            lastObservation = key
            lastObservationPlace = sentencePlace
            try emit(
                .observation(
                    Observation(
                        subject: subject, kind: kind, quantity: quantity, period: period, region: place ?? region,
                        redacted: f.redacted, text: text, location: location, attributes: attributes)))
        }
    }

    /// "第二产业增加值为1102762万元，与去年持平": a growth of zero.
    private mutating func emitFlat(
        _ line: LineText, cues: SentenceCues, clause: Range<Int>, at: Int, lastSubject: String?,
        emit: (SourceRecord) throws -> Void
    ) throws {
        // "与全省持平" compares with another region: no figure of the subject.
        if comparesWithOtherRegion(line, clause.lowerBound, at) { return }
        let pre = strip(line, clause.lowerBound, at)
        var subject = pre.isEmpty ? "" : subjectText(line, pre.lo, pre.hi)
        let bases = [
            "与去年同期", "与上年同期", "与去年", "与上年", "同比", "基本", "与", "比", "增速", "增幅", "增长", "速度",
            "與去年同期", "與上年同期", "與去年", "與上年", "與", "增長",
        ]
        var stripped = true
        while stripped {
            stripped = false
            for base in bases where subject.hasSuffix(base) && subject.count > base.count {
                subject = String(subject.dropLast(base.count))
                stripped = true
            }
        }
        if subject.isEmpty { subject = lastSubject ?? "" }
        guard !subject.isEmpty else { return }
        let figure = Figure(
            start: at, unitStart: at, unitEnd: at + 2, end: at + 2, value: 0, upper: nil, redacted: false, unit: "%",
            unitClass: .percent, suffix: nil, more: false, chinese: false)
        let phrase = StrippedPhrase(lo: pre.lo, hi: pre.hi, trailing: [Lexicon.word("增长")], comparator: nil)
        try emitFigure(line, cues: cues, clause: clause, figure: figure, subject: subject, phrase: phrase, emit: emit)
    }

    /// Whether a figure at `at` is a goal, and the period it is about.
    func classify(_ line: LineText, cues: SentenceCues, clauseStart: Int, at: Int) -> (Bool, Period)? {
        let docYear = documentYear
        let written = cues.years.last { $0.position < at }
        let latest = cues.relatives.last { $0.position < at }
        let relative = latest?.offset
        let relativeAt = latest?.position ?? -1
        var explicit: Int?
        if let written, written.position > relativeAt {
            explicit = written.year
        } else if let relative, let docYear {
            explicit = docYear + relative
        }
        let year: Int?
        let isGoal: Bool
        if isBulletin {
            year = explicit ?? optionYear ?? titleYear ?? docYear
            isGoal = false
        } else {
            let listed = cues.goalListStart.map { $0 < at } ?? false
            year =
                explicit ?? (listed ? goalListYear ?? docYear : nil) ?? sectionYear
                ?? (section == .review ? docYear.map { $0 - 1 } : docYear)
            if let explicit, let docYear, explicit != docYear {
                isGoal = explicit > docYear
            } else if relative == -1 && explicit == nil {
                isGoal = false
            } else if let explicit, let docYear, explicit == docYear, section == .review,
                let sectionYear, sectionYear < docYear
            {
                // 今年 in a review of last year: a plan for this year.
                isGoal = !(cues.firstObservationCue.map { $0 < at } ?? false)
            } else {
                switch listed ? .plan : section {
                case .plan: isGoal = !cues.presentCues.contains { $0 >= clauseStart && $0 < at }
                case .review: isGoal = false
                case .none:
                    isGoal =
                        (cues.firstGoalCue.map { $0 < at } ?? false)
                        && !(cues.firstObservationCue.map { $0 < at } ?? false)
                }
            }
        }
        guard let year else { return (isGoal, Period(unchecked: "unknown")) }
        // "1-9月", "上半年": a cumulative span of the year.
        if let span = cues.spans.last(where: { $0.position < at && $0.position > (written?.position ?? -1) }),
            span.first >= 1, span.last <= 12, span.first <= span.last, !(span.first == 1 && span.last == 12)
        {
            func two(_ m: Int) -> String { m < 10 ? "0\(m)" : "\(m)" }
            if span.first == span.last, let p = Period(parsing: "\(year)-\(two(span.first))") { return (isGoal, p) }
            if let p = Period(parsing: "\(year)-\(two(span.first))/\(year)-\(two(span.last))") { return (isGoal, p) }
        }
        return (isGoal, Period(year: year))
    }

    /// The span of years an average growth is over: written in the sentence ("2018-2022年",
    /// "2018年至2022年"), a plan period (十四五), 过去五年 before the document year, or the last span
    /// the document named.
    func yearSpan(_ line: LineText, cues: SentenceCues, at: Int) -> (Int, Int)? {
        if let span = writtenSpan(line, 0, at) { return span }
        if let p = line.firstPosition(of: Lexicon.planPeriods, 0, at),
            let w = line.prefix(Lexicon.planPeriods, p, at), let span = Lexicon.planPeriodYears[w]
        {
            return span
        }
        if let docYear = documentYear, line.firstPosition(of: Lexicon.pastFiveYears, 0, at) != nil {
            return (docYear - 5, docYear - 1)
        }
        return documentSpan
    }

    /// Two years joined by -, —, ~, 至 or 到 ("2018-2022年", "2018年至2022年") in `lo..<hi`.
    func writtenSpan(_ line: LineText, _ lo: Int, _ hi: Int) -> (Int, Int)? {
        var k = lo
        let norm = line.norm
        func year(at i: Int) -> Int? {
            guard i + 4 <= hi, (i == lo || !Lexicon.isDigit(norm[i - 1])) else { return nil }
            var y = 0
            for d in 0..<4 {
                guard Lexicon.isDigit(norm[i + d]) else { return nil }
                y = y * 10 + Int(norm[i + d] - 0x30)
            }
            guard i + 4 == hi || !Lexicon.isDigit(norm[i + 4]), (1900...2100).contains(y) else { return nil }
            return y
        }
        while k + 9 <= hi {
            if let a = year(at: k) {
                var j = k + 4
                if j < hi && norm[j] == Lexicon.yearChar { j += 1 }
                if j < hi && Lexicon.rangeJoiners.contains(norm[j]) || j < hi && norm[j] == 0x2D {
                    j += 1
                    if let b = year(at: j), b > a, b - a <= 20 { return (a, b) }
                }
            }
            k += 1
        }
        return nil
    }

    // MARK: - Subjects

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
        guard k >= clauseStart + 4, line.norm[k] == Lexicon.yearChar, Lexicon.isDigit(line.norm[k - 1]) else { return nil }
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

/// What makes two goals the same target.
struct GoalKey: Hashable {
    var subject: String
    var kind: FigureKind
    var comparator: TargetComparator
    var value: Double?
    var upper: Double?
    var unit: String
    var period: String
}
