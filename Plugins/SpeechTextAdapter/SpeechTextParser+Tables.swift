import IndicatorKit

/// Where the figures read from a table row's text cells go.
struct CellContext {
    /// `true` for a target column, `false` for an outcome column, nil to decide as in running text.
    var goal: Bool?
    /// The table's 1-based data row.
    var row: Int
    /// The cell's 1-based column.
    var cell: Int
}

/// What the lines before a table said about it: its caption ("表3 主要工业产品产量") and unit
/// ("单位：万元").
struct TablePreamble {
    var caption: String?
    var captionYear: Int?
    var unit: String?
    /// The caption speaks of targets (目标, 计划).
    var goals = false
    /// The caption speaks of estimates (预计).
    var estimate = false
    /// Lines read since the preamble was last set.
    var age = 0
}

/// One column of a table, as its header cell describes it.
struct TableColumn {
    enum Role { case label, unit, goal, outcome, value, ignore }

    var role: Role
    var header: String
    /// A noun that names what the column measures ("产量" in 产量(万吨)), added to the row label.
    var measure: String?
    /// The label column names regions ("地区", "县（市、区）"): the label is the region and the
    /// value column's name the subject.
    var regional = false
    var unit: String?
    var kind: FigureKind?
    var year: Int?
    /// The column gives estimates (预计).
    var estimate = false
}

/// A table being read.
struct TableState {
    var columns: [TableColumn]
    var preamble: TablePreamble
    var pipe: Bool
    /// Data rows read so far.
    var rows = 0
    /// The label of the last top-level row, the parent of sub-items (#夏粮, 其中：…).
    var parent: String?
    /// The indentation of the first data row; a row indented deeper is a sub-item.
    var baseIndent: Int?

    var hasTextColumns: Bool { columns.contains { $0.role == .goal || $0.role == .outcome } }
}

/// A line split into table cells: `|`-separated ("指标 | 绝对数 | 比上年增长(%)", as the HTML and PDF
/// readers hand table rows on) or aligned in columns by runs of two or more spaces (pdftotext
/// -layout). Cell ranges index the line as written.
struct TableRow {
    var orig: [UInt32]
    var norm: [UInt32]
    var cells: [Range<Int>]
    var pipe: Bool
    /// Spaces before the first cell.
    var indent: Int

    init?(orig: [UInt32], norm: [UInt32]) {
        let n = norm.count
        var lo = 0
        while lo < n && ReprintNoise.isSpace(orig[lo]) { lo += 1 }
        var hi = n
        while hi > lo && (ReprintNoise.isSpace(orig[hi - 1]) || orig[hi - 1] == 0x0D) { hi -= 1 }
        guard hi - lo >= 3 else { return nil }
        self.orig = orig
        self.norm = norm
        indent = 0
        for k in 0..<lo { indent += orig[k] == 0x3000 || orig[k] == 0x09 ? 2 : 1 }
        func trimmed(_ a: Int, _ b: Int) -> Range<Int> {
            var a = a
            var b = b
            while a < b && ReprintNoise.isSpace(orig[a]) { a += 1 }
            while b > a && ReprintNoise.isSpace(orig[b - 1]) { b -= 1 }
            return a..<b
        }
        var cells: [Range<Int>] = []
        var pipes = 0
        for k in lo..<hi where norm[k] == 0x7C || norm[k] == 0xFF5C || norm[k] == 0x2502 { pipes += 1 }
        if pipes > 0 {
            pipe = true
            var s = lo
            for k in lo...hi where k == hi || norm[k] == 0x7C || norm[k] == 0xFF5C || norm[k] == 0x2502 {
                cells.append(trimmed(s, k))
                s = k + 1
            }
            // "| a | b |" (Markdown) has rules at both ends; " | b | c" has an empty first cell.
            func isRule(_ c: UInt32) -> Bool { c == 0x7C || c == 0xFF5C || c == 0x2502 }
            if isRule(norm[lo]) && isRule(norm[hi - 1]) && cells.count >= 3 {
                if cells.first?.isEmpty == true { cells.removeFirst() }
                if cells.last?.isEmpty == true { cells.removeLast() }
            } else if isRule(norm[hi - 1]), cells.last?.isEmpty == true {
                cells.removeLast()
            }
            guard cells.count >= 2 else { return nil }
            // The leading spaces of the first cell show indentation in a `|` row.
            if let first = cells.first {
                var k = first.lowerBound - 1
                var spaces = 0
                while k >= lo && ReprintNoise.isSpace(orig[k]) {
                    spaces += orig[k] == 0x3000 ? 2 : 1
                    k -= 1
                }
                indent = max(indent, spaces > 1 ? spaces - 1 : 0)
            }
        } else {
            pipe = false
            // A gap is two or more spaces, a tab, or an ideographic space next to another space.
            var s = lo
            var k = lo
            while k < hi {
                if ReprintNoise.isSpace(orig[k]) {
                    var e = k
                    var width = 0
                    var tab = false
                    while e < hi && ReprintNoise.isSpace(orig[e]) {
                        width += orig[e] == 0x3000 ? 2 : 1
                        if orig[e] == 0x09 { tab = true }
                        e += 1
                    }
                    if (width >= 2 && e - k >= 2) || tab
                        || (width >= 2 && e - k == 1 && k > lo && !Lexicon.isHan(norm[k - 1]))
                    {
                        cells.append(s..<k)
                        s = e
                    }
                    k = e
                    continue
                }
                k += 1
            }
            cells.append(s..<hi)
            // "水    泥": characters of one label spaced out to the column width.
            func hanOnly(_ r: Range<Int>) -> Bool { !r.isEmpty && r.allSatisfy { Lexicon.isHan(norm[$0]) } }
            var merged: [Range<Int>] = []
            for c in cells {
                if let last = merged.last, hanOnly(last), hanOnly(c), last.count == 1 || c.count == 1 {
                    merged[merged.count - 1] = last.lowerBound..<c.upperBound
                } else {
                    merged.append(c)
                }
            }
            cells = merged
            guard cells.count >= 2 else { return nil }
            for c in cells {
                guard c.count <= 60 else { return nil }
                for j in c where norm[j] == 0x3002 { return nil }  // a sentence is no cell
            }
        }
        self.cells = cells
    }
}

extension TableRow {
    /// A row of a table laid out with single spaces (as pdftotext -layout gives narrow tables):
    /// a label of one or more words, then only numbers and units ("水泥 万吨 186.2 -6.5",
    /// "水    泥  186.2  -6.5"). The label's words become one cell.
    init?(spacedOrig orig: [UInt32], norm: [UInt32]) {
        let n = norm.count
        var tokens: [Range<Int>] = []
        var k = 0
        var indent = 0
        while k < n && ReprintNoise.isSpace(orig[k]) {
            indent += orig[k] == 0x3000 ? 2 : 1
            k += 1
        }
        while k < n {
            var e = k
            while e < n && !ReprintNoise.isSpace(orig[e]) && orig[e] != 0x0D { e += 1 }
            if e > k { tokens.append(k..<e) }
            k = e
            while k < n && (ReprintNoise.isSpace(orig[k]) || orig[k] == 0x0D) { k += 1 }
        }
        guard tokens.count >= 2 else { return nil }
        func isNumber(_ r: Range<Int>) -> Bool {
            var a = r.lowerBound
            if norm[a] == 0x2D || norm[a] == 0x2B { a += 1 }
            if a == r.upperBound { return norm[r.lowerBound] == 0x2D }  // "-": no value
            var b = r.upperBound
            if norm[b - 1] == 0x25 || norm[b - 1] == 0x2030 { b -= 1 }
            guard a < b, Lexicon.isDigit(norm[a]) || norm[a] == 0x58 else { return false }
            return (a..<b).allSatisfy {
                Lexicon.isDigit(norm[$0]) || norm[$0] == 0x2E || norm[$0] == 0x2C || norm[$0] == 0x58
            }
        }
        func isPlaceholder(_ r: Range<Int>) -> Bool {
            r.allSatisfy { [0x2D, 0x2014, 0x2026, 0x2F, 0x2500].contains(orig[$0]) }
        }
        func isUnit(_ r: Range<Int>) -> Bool {
            let line = LineText(orig: Array(orig[r]), norm: Array(norm[r]), number: 0, columnOffset: 0)
            return SpeechTextParser.unitInfo(line, 0, r.count) != nil
        }
        guard let first = tokens.firstIndex(where: { isNumber($0) || isPlaceholder($0) || isUnit($0) }), first >= 1
        else {
            return nil
        }
        var numbers = 0
        for t in tokens[first...] {
            if isNumber(t) {
                numbers += 1
            } else if !isPlaceholder(t) && !isUnit(t) {
                return nil
            }
        }
        guard numbers >= 1 else { return nil }
        for t in tokens[..<first] {
            for j in t where norm[j] == 0xFF0C || norm[j] == 0x3002 || norm[j] == 0x3B { return nil }
        }
        self.orig = orig
        self.norm = norm
        self.cells = [tokens[0].lowerBound..<tokens[first - 1].upperBound] + tokens[first...]
        self.pipe = false
        self.indent = indent
    }

    /// A header laid out with single spaces ("产品名称 单位 产量 比上年增长(%)"): three or more short
    /// words, two of them header words, nothing else.
    init?(spacedHeaderOrig orig: [UInt32], norm: [UInt32]) {
        let n = norm.count
        var tokens: [Range<Int>] = []
        var k = 0
        while k < n {
            while k < n && (ReprintNoise.isSpace(orig[k]) || orig[k] == 0x0D) { k += 1 }
            var e = k
            while e < n && !ReprintNoise.isSpace(orig[e]) && orig[e] != 0x0D { e += 1 }
            if e > k { tokens.append(k..<e) }
            k = e
        }
        guard tokens.count >= 3, tokens.count <= 12 else { return nil }
        var named = 0
        for t in tokens {
            guard t.count <= 12 else { return nil }
            for j in t where Lexicon.endsSentence(norm[j]) || Lexicon.endsClause(norm[j]) || norm[j] == 0x3001 {
                return nil
            }
            let line = LineText(orig: Array(orig[t]), norm: Array(norm[t]), number: 0, columnOffset: 0)
            if line.containsAny(Lexicon.headerWords, 0, t.count) { named += 1 }
        }
        guard named >= 2 else { return nil }
        self.orig = orig
        self.norm = norm
        self.cells = tokens
        self.pipe = false
        self.indent = 0
    }
}

extension SpeechTextParser {
    /// Reads a line as a table row if it is one; returns whether it was.
    mutating func readTableLine(
        orig: [UInt32], norm: [UInt32], number: Int, origin: LineOrigin?, emit: (SourceRecord) throws -> Void
    ) throws -> Bool {
        // Most lines are prose without rules or inner spaces: one pass decides.
        var hasRule = false
        var innerSpace = false
        var sawText = false
        var pendingSpace = false
        for c in norm {
            if c == 0x7C || c == 0xFF5C || c == 0x2502 {
                hasRule = true
                break
            }
            if ReprintNoise.isSpace(c) {
                if sawText { pendingSpace = true }
            } else {
                if pendingSpace { innerSpace = true }
                sawText = true
            }
        }
        guard hasRule || innerSpace else { return false }
        // A label then numbers and units only: also a row of a target table whose columns hold
        // figures ("粮食总产量  万吨 51.9  52.5" under 2023年完成 | 2024年目标).
        if !hasRule, let state = table, !state.pipe, let row = TableRow(spacedOrig: orig, norm: norm),
            try readTableRow(row, number: number, origin: origin, emit: emit)
        {
            return true
        }
        // A header whose cells are set apart by one space in places ("指标     单位 2023年完成
        // 2024年目标"): its words, not its wide gaps, are the columns.
        let spacedHeader = hasRule ? nil : TableRow(spacedHeaderOrig: orig, norm: norm)
        let aligned = TableRow(orig: orig, norm: norm)
        let preferSpaced: Bool = {
            guard table == nil, let spacedHeader, let aligned, spacedHeader.cells.count > aligned.cells.count else {
                return false
            }
            return spacedHeader.cells.allSatisfy { c in
                let line = LineText(
                    orig: Array(orig[c]), norm: Array(norm[c]), number: 0, columnOffset: 0)
                return line.containsAny(Lexicon.headerWords, 0, c.count) || !line.years(0, c.count).isEmpty
            }
        }()
        if !preferSpaced, let row = aligned, try readTableRow(row, number: number, origin: origin, emit: emit) {
            return true
        }
        if let row = spacedHeader, !Self.startsWithBullet(row.norm, row.cells[0]) {
            let columns = row.cells.enumerated().map {
                tableColumn(cellLine(row, $0.element, number: number, origin: origin), index: $0.offset)
            }
            table = TableState(columns: columns, preamble: tablePreamble, pipe: false)
            tablePreamble = TablePreamble()
            return true
        }
        return false
    }

    /// Whether a cell starts like a heading ("一、", "（二）", "(3)", "第一"): a heading is no table header.
    static func startsWithBullet(_ norm: [UInt32], _ cell: Range<Int>) -> Bool {
        guard cell.count >= 2 else { return false }
        let a = norm[cell.lowerBound]
        let b = norm[cell.lowerBound + 1]
        if Lexicon.isChineseDigit(a) || a == Lexicon.ten {
            return b == 0x3001 || b == Lexicon.ten && cell.count > 2 && norm[cell.lowerBound + 2] == 0x3001
        }
        if a == 0x28 { return Lexicon.isChineseDigit(b) || Lexicon.isDigit(b) || b == Lexicon.ten }
        return a == Lexicon.ordinal && (Lexicon.isChineseDigit(b) || b == Lexicon.ten)
    }

    /// What a cell holds.
    enum CellValue {
        case empty
        case number(Figure)
        case text
    }

    /// A cell's text as its own line, noise removed; columns still point into the row as written.
    func cellLine(_ row: TableRow, _ range: Range<Int>, number: Int, origin: LineOrigin?) -> LineText {
        var o = Array(row.orig[range])
        var m = Array(row.norm[range])
        let map = ReprintNoise.clean(orig: &o, norm: &m)
        let columns = (0..<o.count).map { range.lowerBound + (map?[$0] ?? $0) }
        return LineText(orig: o, norm: m, number: number, columnOffset: 0, origin: origin, columns: columns)
    }

    /// Reads a cell as a bare number ("312.6", "-4.8", "12%以上", "XX", "8.61亿元") or text. A bound
    /// sign before the number ("<9.6亿千瓦时", "≥5%") is the figure's comparator, never text.
    func cellValue(_ cell: LineText) -> CellValue {
        let norm = cell.norm
        var lo = 0
        while lo < norm.count && norm[lo] == 0x20 { lo += 1 }
        var bound: TargetComparator?
        var k = lo
        if k < norm.count {
            switch norm[k] {
            case 0x3C, 0xFF1C: bound = .below
            case 0x3E, 0xFF1E: bound = .above
            case 0x2264, 0x2A7D: bound = .atMost
            case 0x2265, 0x2A7E: bound = .atLeast
            default: break
            }
        }
        if let b = bound {
            k += 1
            if k < norm.count && (norm[k] == 0x3D || norm[k] == 0xFF1D) {
                bound = b == .below ? .atMost : b == .above ? .atLeast : b
                k += 1
            }
            while k < norm.count && norm[k] == 0x20 { k += 1 }
        }
        let value = unboundedCellValue(cell, from: k)
        guard let bound else { return value }
        guard case .number(var f) = value else { return value }
        f.start = lo
        if f.suffix == nil && f.upper == nil { f.suffix = bound }
        return .number(f)
    }

    /// The number the digits and decimal point of `scalars` spell ("1,234.5" → 1234.5; separators
    /// dropped), or nil.
    private static func digitsValue(_ scalars: ArraySlice<UInt32>) -> Double? {
        var text = ""
        for c in scalars where Lexicon.isDigit(c) || c == 0x2E {
            text.unicodeScalars.append(Unicode.Scalar(c)!)
        }
        return Double(text)
    }

    private func unboundedCellValue(_ cell: LineText, from start: Int) -> CellValue {
        let norm = cell.norm
        var lo = start
        var hi = norm.count
        while lo < hi && norm[lo] == 0x20 { lo += 1 }
        while hi > lo && norm[hi - 1] == 0x20 { hi -= 1 }
        if lo == hi { return .empty }
        let placeholders: Set<UInt32> = [0x2D, 0x2F, 0x2026, 0x2500, 0x22EF, 0x5C, 0x2A, 0xB7]
        if (lo..<hi).allSatisfy({ placeholders.contains(norm[$0]) }) { return .empty }
        var negative = false
        var k = lo
        if norm[k] == 0x2D || norm[k] == 0x2B {
            negative = norm[k] == 0x2D
            k += 1
        }
        guard k < hi, Lexicon.isDigit(norm[k]) || norm[k] == 0x58 else { return .text }
        // A bare number, perhaps with a percent sign.
        var j = k
        var sawDigit = false
        var masked = false
        while j < hi && (Lexicon.isDigit(norm[j]) || norm[j] == 0x2E || norm[j] == 0x2C || norm[j] == 0x58) {
            if Lexicon.isDigit(norm[j]) { sawDigit = true }
            if norm[j] == 0x58 { masked = true }
            j += 1
        }
        var unit = ""
        var unitClass = Lexicon.UnitClass.multiplier
        if j < hi && (norm[j] == 0x25 || norm[j] == 0x2030) {
            unit = norm[j] == 0x25 ? "%" : "‰"
            unitClass = norm[j] == 0x25 ? .percent : .permille
            j += 1
        }
        if j == hi {
            if masked {
                return .number(
                    Figure(
                        start: lo, unitStart: j, unitEnd: j, end: j, value: nil, upper: nil, redacted: true, unit: unit,
                        unitClass: unitClass, suffix: nil, more: false, chinese: false))
            }
            guard sawDigit, let v = Self.digitsValue(norm[k..<j]) else { return .text }
            return .number(
                Figure(
                    start: lo, unitStart: j - unit.unicodeScalars.count, unitEnd: j, end: j, value: negative ? -v : v,
                    upper: nil, redacted: false, unit: unit, unitClass: unitClass, suffix: nil, more: false,
                    chinese: false))
        }
        // A figure with its own unit that fills the cell ("8.61亿元", "12%以上", "7左右").
        let figures = FigureScanner(norm: norm, orig: cell.orig).scan(k, hi)
        if figures.count == 1, var f = figures.first, f.start == k, f.end == hi {
            f.start = lo
            if negative {
                f.value = f.value.map { -$0 }
                f.upper = f.upper.map { -$0 }
            }
            return .number(f)
        }
        // A bare number with a comparator after it ("7以上").
        if sawDigit, !masked {
            for (w, cmp) in Lexicon.suffixComparators where cell.matches(w, at: j, hi) && j + w.count == hi {
                guard let v = Self.digitsValue(norm[k..<j]) else { return .text }
                return .number(
                    Figure(
                        start: lo, unitStart: j, unitEnd: j, end: hi, value: negative ? -v : v, upper: nil,
                        redacted: false, unit: unit, unitClass: unitClass, suffix: cmp, more: false, chinese: false))
            }
        }
        return .text
    }

    /// A caption ("表3 主要工业产品产量") or unit line ("单位：万元") before a table: remembered, and
    /// the line yields no figure. Any other line ends an aligned table.
    mutating func readTableContext(_ line: LineText, _ lo: Int, _ hi: Int) -> Bool {
        if table != nil && tableLinesSince > 0 { table = nil }
        tableLinesSince += 1
        tablePreamble.age += 1
        if tablePreamble.age > 3 { tablePreamble = TablePreamble() }
        guard hi - lo <= 50 else { return false }
        for k in lo..<hi where Lexicon.endsSentence(line.norm[k]) || line.norm[k] == 0xFF0C { return false }
        var consumed = false
        if let u = line.firstIndex(of: Lexicon.unitWord, lo, hi), u + 2 < hi,
            line.norm[u + 2] == 0x3A || line.norm[u + 2] == 0xFF1A
        {
            var a = u + 3
            while a < hi && line.norm[a] == 0x20 { a += 1 }
            var b = a
            while b < hi && line.norm[b] != 0x20 && line.norm[b] != 0x29 && line.norm[b] != 0x3001 { b += 1 }
            if let (text, _) = Self.unitInfo(line, a, b) {
                tablePreamble.unit = text
                tablePreamble.age = 0
                consumed = u == lo || line.norm[u - 1] == 0x28
            }
        }
        // "表3 主要工业产品产量", "附表1 …": a caption.
        var c = lo
        if line.norm[c] == Lexicon.attachedChar { c += 1 }
        let isTableCaption = c + 1 < hi && line.norm[c] == Lexicon.tableChar && Lexicon.isDigit(line.norm[c + 1])
        if isTableCaption || !consumed {
            tablePreamble.caption = line.text(lo, hi)
            tablePreamble.captionYear = line.years(lo, hi).first { !$0.isDate }?.year
            tablePreamble.goals = line.containsAny(Lexicon.goalCues, lo, hi) || line.contains(Lexicon.task, lo, hi)
            tablePreamble.estimate = line.contains(Lexicon.estimateWord, lo, hi)
            tablePreamble.age = 0
        }
        return consumed || isTableCaption
    }

    /// The unit a cell states as "单位：万元" (the first when it names several, "单位：亿元、%"), if the
    /// cell says nothing else.
    static func statedUnit(_ cell: LineText) -> String? {
        let norm = cell.norm
        var lo = 0
        var hi = norm.count
        while lo < hi && norm[lo] == 0x20 { lo += 1 }
        while hi > lo && norm[hi - 1] == 0x20 { hi -= 1 }
        guard cell.matches(Lexicon.unitWord, at: lo, hi), lo + 2 < hi, norm[lo + 2] == 0x3A || norm[lo + 2] == 0xFF1A
        else { return nil }
        var a = lo + 3
        while a < hi && norm[a] == 0x20 { a += 1 }
        var b = a
        while b < hi && norm[b] != 0x20 && norm[b] != 0x3001 && norm[b] != 0x2C && norm[b] != 0xFF0C && norm[b] != 0x2F
        {
            b += 1
        }
        return unitInfo(cell, a, b)?.0
    }

    /// The part of a unit in `lo..<hi` of `line` ("万元", "%", "吨"), or nil when it is no unit.
    static func unitInfo(_ line: LineText, _ lo: Int, _ hi: Int) -> (String, Lexicon.UnitClass)? {
        guard lo < hi else { return nil }
        let norm = line.norm
        if hi - lo == 1 && norm[lo] == 0x25 { return ("%", .percent) }
        if hi - lo == 1 && norm[lo] == 0x2030 { return ("‰", .permille) }
        var k = lo
        for m in Lexicon.multipliers where line.matches(m, at: k, hi) {
            k += m.count
            break
        }
        if k == hi, k > lo { return (line.text(lo, hi), .multiplier) }
        guard let candidates = Lexicon.unitsByFirst[norm[k]] else { return nil }
        for (w, cls) in candidates where line.matches(w, at: k, hi) && k + w.count == hi {
            return (cls == .points ? "百分点" : line.text(lo, hi), cls)
        }
        return nil
    }

    /// The unit class of a unit text ("万吨" → physical).
    static func unitClass(of unit: String) -> Lexicon.UnitClass? {
        let scalars = unit.unicodeScalars.map { Lexicon.normalize($0.value) }
        let line = LineText(orig: scalars, norm: scalars, number: 0, columnOffset: 0)
        return unitInfo(line, 0, scalars.count)?.1
    }

    /// Reads a header cell: what the column holds, its unit, kind and year.
    func tableColumn(_ cell: LineText, index: Int) -> TableColumn {
        let norm = cell.norm
        var lo = 0
        var hi = norm.count
        while lo < hi && norm[lo] == 0x20 { lo += 1 }
        while hi > lo && norm[hi - 1] == 0x20 { hi -= 1 }
        let header = cell.text(lo, hi)
        var column = TableColumn(role: .value, header: header)
        guard lo < hi else {
            column.role = index == 0 ? .label : .ignore
            return column
        }
        // The unit: "(万吨)", "（%）", a trailing "%" or "±%".
        var nameEnd = hi
        if let open = cell.firstIndex(of: 0x28, lo, hi), let close = cell.firstIndex(of: 0x29, open, hi) {
            if let (u, _) = Self.unitInfo(cell, open + 1, close) { column.unit = u }
            nameEnd = open
        } else if norm[hi - 1] == 0x25 || norm[hi - 1] == 0x2030 {
            column.unit = norm[hi - 1] == 0x25 ? "%" : "‰"
            nameEnd = hi - 1
            if nameEnd > lo && (norm[nameEnd - 1] == 0xB1 || norm[nameEnd - 1] == 0x2B) { nameEnd -= 1 }
        }
        if let u = cell.firstIndex(of: Lexicon.unitWord, lo, hi), u + 2 < hi,
            norm[u + 2] == 0x3A || norm[u + 2] == 0xFF1A
        {
            var b = u + 3
            while b < hi && norm[b] != 0x29 && norm[b] != 0x20 { b += 1 }
            if let (t, _) = Self.unitInfo(cell, u + 3, b) { column.unit = t }
            nameEnd = min(nameEnd, u)
        }
        column.year = cell.years(lo, hi).first { !$0.isDate }?.year
        column.estimate = cell.contains(Lexicon.estimateWord, lo, hi)
        let name = cell.text(lo, nameEnd)
        let nameLine = cell
        func has(_ set: WordSet) -> Bool { nameLine.containsAny(set, lo, nameEnd) }
        let growth = has(Lexicon.growthColumns) || (column.unit == "%" && norm[lo..<hi].contains(0xB1))
        if has(Lexicon.ignoredColumns) && !growth {
            column.role = .ignore
        } else if has(Lexicon.unitColumns) && nameEnd - lo <= 4 {
            column.role = .unit
        } else if has(Lexicon.outcomeColumns) {
            column.role = .outcome
        } else if has(Lexicon.goalColumns) {
            column.role = .goal
        } else if (has(Lexicon.labelColumns) && index <= 1 || index == 0) && column.unit == nil && column.year == nil {
            column.role = .label
            column.regional = has(Lexicon.regionColumns)
        }
        if growth {
            // "比上年增减(万人)" is an absolute change, which no kind describes.
            if column.unit == nil || column.unit == "%" {
                column.kind = .growth
                column.unit = "%"
            } else if column.role == .value {
                column.role = .ignore
            }
        } else if has(Lexicon.shareColumns) {
            column.kind = .share
        }
        let normalizedName = LineText.string(norm[lo..<nameEnd])
        if column.role == .value, column.kind == nil,
            Lexicon.measureNouns.contains(where: { normalizedName.hasSuffix($0) })
        {
            column.measure = name
        }
        return column
    }

    /// Forgets the table being read (an empty line ends it).
    mutating func endTable() {
        table = nil
    }

    /// Reads one table row: a header names the columns; a data row's numeric cells become records
    /// of their column's kind and unit, and its text cells in target or outcome columns are read
    /// as sentences. Returns false for a row that fits no table (it is then read as text).
    mutating func readTableRow(_ row: TableRow, number: Int, origin: LineOrigin?, emit: (SourceRecord) throws -> Void)
        throws
        -> Bool
    {
        let cells = row.cells.map { cellLine(row, $0, number: number, origin: origin) }
        // A row spanning the table that gives its unit ("单位：亿元、%" across all columns): the
        // unit of the level columns, as a "单位：" line above the table would be.
        let written = Set(cells.map { $0.text(0, $0.norm.count).trimmingSpaces() }.filter { !$0.isEmpty })
        if written.count == 1, let only = cells.first(where: { !$0.text(0, $0.norm.count).trimmingSpaces().isEmpty }),
            let unit = Self.statedUnit(only)
        {
            if table != nil {
                table!.preamble.unit = unit
            } else {
                tablePreamble.unit = unit
                tablePreamble.age = 0
            }
            return true
        }
        let values = cells.map(cellValue)
        let numeric = values.filter { if case .number = $0 { return true } else { return false } }.count
        // A Markdown rule row ("|---|---|") carries nothing.
        if numeric == 0 && values.allSatisfy({ if case .empty = $0 { return true } else { return false } }) {
            return row.pipe
        }
        // Prose laid out by pdftotext -layout has runs of spaces too: a row of aligned cells with
        // clause punctuation is text, unless it is a row of a table of tasks.
        if !row.pipe && table?.hasTextColumns != true {
            for c in cells where c.norm.contains(where: { $0 == 0xFF0C || $0 == 0x3B }) {
                return false
            }
        }
        let whole = LineText(orig: row.orig, norm: row.norm, number: number, columnOffset: 0, origin: origin)
        let isHeader: Bool = {
            guard numeric == 0 else { return false }
            if let table, table.hasTextColumns { return false }
            // In a table of figures, a row with one label and nothing else is a group heading.
            let texts = values.filter { if case .text = $0 { return true } else { return false } }.count
            if table != nil && texts <= 1 { return false }
            guard cells.allSatisfy({ $0.norm.count <= 30 }), !Self.startsWithBullet(row.norm, row.cells[0]) else {
                return false
            }
            let named = cells.filter { c in c.containsAny(Lexicon.headerWords, 0, c.norm.count) }.count
            if row.pipe { return true }
            // An aligned header names at least two columns ("指标  绝对数  比上年增长%").
            return named >= 2 || (named >= 1 && cells.count >= 3)
        }()
        if isHeader {
            var columns = cells.enumerated().map { tableColumn($0.element, index: $0.offset) }
            // A header of two rows ("指标 | 2023年 | 2023年" over " | 绝对数 | 比上年增长(%)"): the
            // lower row completes the upper one.
            if let upper = table, upper.rows == 0, upper.columns.count == columns.count {
                for (k, above) in upper.columns.enumerated() {
                    if columns[k].year == nil { columns[k].year = above.year }
                    if columns[k].unit == nil { columns[k].unit = above.unit }
                    if columns[k].kind == nil { columns[k].kind = above.kind }
                    if columns[k].role == .value && (above.role == .goal || above.role == .outcome) {
                        columns[k].role = above.role
                    }
                    if k == 0 && columns[k].header.isEmpty { columns[k] = above }
                }
                tablePreamble = upper.preamble
            }
            table = TableState(columns: columns, preamble: tablePreamble, pipe: row.pipe)
            tablePreamble = TablePreamble()
            contentLines += 1
            sawBody = true
            return true
        }
        guard
            var state = table ?? (numeric > 0 ? TableState(columns: [], preamble: tablePreamble, pipe: row.pipe) : nil)
        else {
            return false  // not a table after all: read as text
        }
        contentLines += 1
        sawBody = true
        // Align the cells to the columns: the label first, the values to the right end.
        var columns: [TableColumn?] = Array(repeating: nil, count: cells.count)
        if !state.columns.isEmpty {
            if cells.count == state.columns.count {
                for k in 0..<cells.count { columns[k] = state.columns[k] }
            } else {
                columns[0] = state.columns[0]
                let shift = state.columns.count - cells.count
                for k in 1..<cells.count where k + shift >= 1 && k + shift < state.columns.count {
                    columns[k] = state.columns[k + shift]
                }
            }
        }
        state.rows += 1
        let rowNumber = state.rows
        // The row label and, from it, the subject.
        let labelIndex =
            columns.firstIndex { $0?.role == .label }
            ?? (state.columns.isEmpty && { if case .text = values[0] { return true } else { return false } }()
                ? 0 : nil)
        var label: (subject: String, unit: String?, trailing: [[UInt32]], sub: Bool)?
        if let labelIndex, case .text = values[labelIndex] {
            let base = state.baseIndent ?? row.indent
            if state.baseIndent == nil { state.baseIndent = row.indent }
            label = tableLabel(cells[labelIndex], indent: labelIndex == 0 ? max(0, row.indent - base) : 0)
        }
        var parent: String?
        if let l = label {
            if l.sub {
                parent = state.parent
            } else {
                state.parent = l.subject
            }
        }
        // A row with a label only heads the rows below it ("一、农业").
        if numeric == 0, !state.hasTextColumns {
            table = state
            return true
        }
        var rowUnit: String?
        for (k, column) in columns.enumerated() where column?.role == .unit {
            let c = cells[k]
            rowUnit = Self.unitInfo(c, 0, c.norm.count)?.0
        }
        let context = SentenceCues(whole, 0, 0)
        // The outcome cell often names no subject ("增长8.5%"): it takes the target's.
        var textSubject = label?.subject
        // A value cell that names its own subject ("水泥 312.6万吨" beside the row label 建材): the
        // row's numeric cells after it (its growth) are that subject's, with the label as parent.
        var cellSubject: String?
        for (k, value) in values.enumerated() {
            let column = columns[k]
            let role = column?.role ?? (k == labelIndex ? .label : .value)
            guard role == .value || role == .goal || role == .outcome else { continue }
            switch value {
            case .empty:
                continue
            case .text:
                // "提高1.2个百分点" under 比上年: read as a sentence about the row.
                let goal: Bool? = role == .goal ? true : role == .outcome ? false : nil
                textSubject = try readCellText(
                    cells[k], context: CellContext(goal: goal, row: rowNumber, cell: k + 1), subject: textSubject,
                    emit: emit)
                if role == .value, let own = textSubject, !own.isEmpty, own != label?.subject { cellSubject = own }
            case .number(let f):
                if let own = cellSubject {
                    let owner = (subject: own, unit: label?.unit, trailing: label?.trailing ?? [], sub: true)
                    try emitCell(
                        whole, cell: cells[k], figure: f, column: column, role: role, label: owner,
                        parent: label?.subject ?? parent, ownSubject: true, rowUnit: rowUnit, preamble: state.preamble,
                        cues: context, row: rowNumber, index: k, emit: emit)
                    continue
                }
                guard let label, !label.subject.isEmpty else { continue }
                try emitCell(
                    whole, cell: cells[k], figure: f, column: column, role: role, label: label, parent: parent,
                    ownSubject: false, rowUnit: rowUnit, preamble: state.preamble, cues: context, row: rowNumber,
                    index: k, emit: emit)
            }
        }
        table = state
        return true
    }

    /// A row label cleaned: its subject, a unit written in it ("粮食产量(万吨)"), the growth or
    /// comparator words stripped from its end, and whether it is a sub-item (#夏粮, 其中：…, indented).
    func tableLabel(_ cell: LineText, indent: Int) -> (subject: String, unit: String?, trailing: [[UInt32]], sub: Bool)
    {
        let norm = cell.norm
        var lo = 0
        var hi = norm.count
        var sub = indent >= 2
        while lo < hi && (norm[lo] == 0x20 || norm[lo] == 0x3000) {
            sub = true
            lo += 1
        }
        while lo < hi, norm[lo] == 0x23 || norm[lo] == 0xFF03 || norm[lo] == 0x25B3 || norm[lo] == 0x2A {
            sub = true
            lo += 1
        }
        if cell.matches(Lexicon.among, at: lo, hi) {
            sub = true
            lo += Lexicon.among.count
            while lo < hi && (norm[lo] == 0x3A || norm[lo] == 0xFF1A || norm[lo] == 0x20) { lo += 1 }
        }
        while hi > lo && (norm[hi - 1] == 0x3A || norm[hi - 1] == 0x20) { hi -= 1 }
        var unit: String?
        if hi > lo && norm[hi - 1] == 0x29, let open = cell.lastIndex(of: [0x28], lo, hi),
            let (u, _) = Self.unitInfo(cell, open + 1, hi - 1)
        {
            unit = u
            hi = open
        } else if hi > lo && norm[hi - 1] == 0x25 {
            unit = "%"
            hi -= 1
        }
        let phrase = strip(cell, lo, hi)
        let subject = phrase.isEmpty ? subjectText(cell, lo, hi) : subjectText(cell, phrase.lo, phrase.hi)
        return (subject, unit, phrase.trailing, sub)
    }

    /// Reads the text of a cell as sentences, with `subject` for those that name none; returns the
    /// subject of its last figure.
    @discardableResult
    mutating func readCellText(
        _ cell: LineText, context: CellContext?, subject: String?, emit: (SourceRecord) throws -> Void
    ) throws -> String? {
        let saved = (inGoalList, paragraphSubject, cellContext)
        defer { (inGoalList, paragraphSubject, cellContext) = saved }
        inGoalList = false
        paragraphSubject = subject
        cellContext = context
        var s = 0
        let n = cell.norm.count
        for k in 0...n where k == n || Lexicon.endsSentence(cell.norm[k]) {
            if k > s { try sentence(cell, s, k, emit: emit) }
            s = k + 1
        }
        return paragraphSubject
    }

    /// Emits the record of one numeric cell.
    private mutating func emitCell(
        _ line: LineText, cell: LineText, figure f: Figure, column: TableColumn?, role: TableColumn.Role,
        label: (subject: String, unit: String?, trailing: [[UInt32]], sub: Bool), parent: String?, ownSubject: Bool,
        rowUnit: String?,
        preamble: TablePreamble, cues: SentenceCues, row: Int, index: Int, emit: (SourceRecord) throws -> Void
    ) throws {
        let ownUnit = f.unit.isEmpty ? nil : f.unit
        var unit = ownUnit ?? label.unit ?? rowUnit ?? column?.unit ?? preamble.unit
        if column?.kind == .growth && ownUnit == nil { unit = "%" }
        guard let unit else { return }
        let unitClass = ownUnit != nil ? f.unitClass : (Self.unitClass(of: unit) ?? .count)
        var kind: FigureKind
        if let k = column?.kind {
            kind = k
        } else {
            switch unitClass {
            case .points: kind = .change
            case .percent, .permille:
                kind = label.trailing.contains { Lexicon.growthWords.contains($0) } ? .growth : .share
            default: kind = .level
            }
        }
        var value = f.value
        var upper = f.upper
        // "下降(%)" in a label: the figure is a decline.
        if kind == .growth, label.trailing.contains(where: { Lexicon.declineWords.contains($0) }), let v = value, v > 0
        {
            value = -v
            upper = upper.map { -$0 }
        }
        var subject = label.subject
        var place = region
        if let labelColumn = table?.columns.first(where: { $0.role == .label }), labelColumn.regional {
            // "某县 | 245.8 | 5.4" under 地区 | 地区生产总值(亿元) | 增长(%).
            let valueColumn =
                column?.kind == nil ? column : table?.columns.first { $0.role == .value && $0.kind == nil }
            guard let valueColumn else { return }
            let named = valueColumn.measure ?? Self.headerName(valueColumn.header)
            guard !named.isEmpty else { return }
            place = label.subject
            subject = named
        }
        // "第一产业" under 地区生产总值 is 第一产业增加值.
        if !ownSubject, let parent, let p = parent.unicodeScalars.last.map({ Lexicon.normalize($0.value) }),
            p == Lexicon.valueChar,
            let last = subject.unicodeScalars.last.map({ Lexicon.normalize($0.value) }), last == Lexicon.industryChar
        {
            subject += LineText.string(Lexicon.valueAdded.map { $0 })
        }
        // "水泥" under 产量(万吨) is 水泥产量; "发电量(亿千瓦时)" names its measure already.
        func namesMeasure(_ s: String?) -> Bool {
            s?.unicodeScalars.last.map { Lexicon.measureEnds.contains(Lexicon.normalize($0.value)) } == true
        }
        // A sub-item of 发电量 (#火电) is measured as its parent is.
        let named = ownSubject || label.unit != nil || namesMeasure(subject) || namesMeasure(parent) || place != region
        if !named, let measure = column?.measure, !subject.hasSuffix(measure) {
            subject += measure
        } else if !named, column?.kind != nil || column == nil,
            let measure = table?.columns.first(where: { $0.measure != nil })?.measure, !subject.hasSuffix(measure)
        {
            subject += measure  // the growth of the level column beside it
        }
        guard let (defaultGoal, defaultPeriod) = classify(line, cues: cues, clauseStart: 0, at: 0) else { return }
        let isGoal: Bool
        switch role {
        case .goal: isGoal = true
        case .outcome: isGoal = false
        default: isGoal = !isBulletin && (preamble.goals || defaultGoal && section == .plan)
        }
        if isGoal && mode == .observations || !isGoal && mode == .goals { return }
        let period = (column?.year ?? preamble.captionYear).map { Period(year: $0) } ?? defaultPeriod
        var comparator = f.suffix ?? (f.more ? .above : .equal)
        if upper != nil { comparator = .range }
        let quantity = Quantity(value: value, upper: upper, unit: unit)
        var location = cell.location(at: f.start)
        location.row = row
        location.cell = index + 1
        var attributes: [String: String] = [:]
        if let parent { attributes["parent"] = parent }
        if column?.estimate == true || preamble.estimate { attributes["estimate"] = "true" }
        if !isGoal, comparator != .equal, comparator != .range { attributes["bound"] = comparator.rawValue }
        let written = cell.text(0, cell.norm.count).trimmingSpaces()
        let text = [label.subject, column?.header ?? "", written].filter { !$0.isEmpty }.joined(separator: " ")
        if isGoal {
            try emitFirstStatement(
                of: Goal(
                    subject: subject, kind: kind, comparator: comparator, quantity: quantity, period: period,
                    region: place, redacted: f.redacted, text: text, location: location, attributes: attributes),
                emit: emit)
        } else {
            try emit(
                .observation(
                    Observation(
                        subject: subject, kind: kind, quantity: quantity, period: period, region: place,
                        redacted: f.redacted, text: text, location: location, attributes: attributes)))
        }
    }

    /// A header's name without its unit ("地区生产总值(亿元)" → 地区生产总值).
    static func headerName(_ header: String) -> String {
        var out = ""
        for c in header.unicodeScalars {
            if c == "(" || c == "（" || c == "%" || c == "％" { break }
            out.unicodeScalars.append(c)
        }
        return out.trimmingSpaces()
    }
}

extension String {
    /// Without leading and trailing spaces.
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
