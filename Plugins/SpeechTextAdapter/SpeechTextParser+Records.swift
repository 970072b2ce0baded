import IndicatorKit

/// Turning a figure with its subject into a goal or observation record: goal or fact, period, kind.
extension SpeechTextParser {
    mutating func emitFigure(
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
        if kind == .growth,
            words.contains(where: { Lexicon.averageWords.contains($0) })
                || line.suffix(Lexicon.averagePrefixes, clause.lowerBound, phrase.hi < f.start ? f.start : phrase.hi)
                    != nil
                || subject.hasSuffix("年均")
        {
            guard let span = yearSpan(line, cues: cues, at: f.start) else { return }
            period = Period(unchecked: "\(span.0)/\(span.1)")
            attributes["average"] = "annual"
            for tail in ["年均", "平均"] where subject.hasSuffix(tail) { subject = String(subject.dropLast(tail.count)) }
        } else if let (plan, span) = planTarget(
            line, cues: cues, clauseStart: clause.lowerBound, at: f.start, kind: kind)
        {
            period = Period(unchecked: "\(span.0)/\(span.1)")
            if plan == .cumulative { attributes["cumulative"] = "true" }
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
            try emitFirstStatement(
                of: Goal(
                    subject: subject, kind: kind, comparator: comparator, quantity: quantity, period: period,
                    region: place ?? region, redacted: f.redacted, text: text, location: location,
                    attributes: attributes),
                emit: emit)
        } else {
            // "增长4.1%，增速为4.1%，与全省持平": a figure restated in the same sentence is one figure.
            let key = GoalKey(
                subject: subject, kind: kind, comparator: .equal, value: value, upper: upper, unit: unit,
                period: period.rawValue)
            let sentencePlace = [line.number, line.columnOffset, cues.start]
            if lastObservation == key && lastObservationPlace == sentencePlace && kind != .level && value != nil {
                return
            }
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
    mutating func emitFlat(
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
            guard i + 4 <= hi, i == lo || !Lexicon.isDigit(norm[i - 1]) else { return nil }
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
