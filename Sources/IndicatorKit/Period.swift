/// The time a figure or a target is about.
///
/// Canonical forms: `2022`, `2022-Q3`, `2022-S1`, `2022-09`, a cumulative span
/// `2022-01/2022-09`, a date `2022-09-30`, a week `2022-W05`, a span of years `2021/2025`
/// (`yearSpan`; a plan's period, in JSON still a string). `Period(parsing:)` also accepts the
/// SDMX variants `2022-M09`, `2022M09`, `2022Q3`, `2022-A1` and returns the canonical form.
public struct Period: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The canonical text.
    public let rawValue: String
    /// The calendar year, when the period lies within one.
    public let year: Int?
    /// The months of `year` the period covers (1...12 for a whole year), when known.
    public let months: ClosedRange<Int>?

    /// Parses a period, or returns `nil` when the text is no period this type knows.
    public init?(parsing text: String) {
        let s = text.trimmingWhitespace()
        guard let parsed = Period.parse(s) else { return nil }
        self = parsed
    }

    /// A whole calendar year.
    public init(year: Int) {
        self.rawValue = String(year)
        self.year = year
        self.months = 1...12
    }

    /// A period whose text is kept as given, for sources that use a form this type does not know.
    public init(unchecked text: String) {
        if let parsed = Period(parsing: text) {
            self = parsed
        } else {
            self.rawValue = text
            self.year = nil
            self.months = nil
        }
    }

    private init(raw: String, year: Int?, months: ClosedRange<Int>?) {
        self.rawValue = raw
        self.year = year
        self.months = months
    }

    public var description: String { rawValue }

    /// True when the period is a known form (not kept `unchecked`).
    public var isRecognized: Bool { year != nil }

    /// True for a whole calendar year.
    public var isFullYear: Bool { months == 1...12 }

    /// The years of a span of whole years, `2021/2025` (a five-year plan's period), else nil. A span
    /// lies in no single year, so `year` is nil for it.
    public var yearSpan: ClosedRange<Int>? {
        guard year == nil, let slash = rawValue.firstIndex(of: "/"),
            let a = Period(parsing: String(rawValue[..<slash])),
            let b = Period(parsing: String(rawValue[rawValue.index(after: slash)...])),
            a.isFullYear, b.isFullYear, let ya = a.year, let yb = b.year, ya < yb
        else { return nil }
        return ya...yb
    }

    /// How many months the period covers, when known.
    public var monthCount: Int? { months.map { $0.count } }

    public static func < (lhs: Period, rhs: Period) -> Bool {
        let l = (lhs.year ?? Int.min, lhs.months?.upperBound ?? 12, lhs.months?.lowerBound ?? 1)
        let r = (rhs.year ?? Int.min, rhs.months?.upperBound ?? 12, rhs.months?.lowerBound ?? 1)
        if l != r { return l < r }
        return lhs.rawValue < rhs.rawValue
    }

    // MARK: - Parsing

    private static func parse(_ s: String) -> Period? {
        let u = Array(s.utf8)
        guard u.count >= 4, let year = digits(u, 0, 4), year >= 1000 else { return nil }
        let y4 = String(year)
        if u.count == 4 { return Period(raw: y4, year: year, months: 1...12) }
        // A cumulative span: 2022-01/2022-09, or two dates.
        if let slash = u.firstIndex(of: UInt8(ascii: "/")) {
            let a = String(decoding: u[..<slash], as: UTF8.self)
            let b = String(decoding: u[(slash + 1)...], as: UTF8.self)
            guard let pa = parse(a), let pb = parse(b), let ya = pa.year, ya == pb.year,
                let ma = pa.months, let mb = pb.months, ma.lowerBound <= mb.upperBound
            else {
                if let pa = parse(a), let pb = parse(b) {
                    return Period(raw: "\(pa.rawValue)/\(pb.rawValue)", year: nil, months: nil)
                }
                return nil
            }
            return Period(raw: "\(pa.rawValue)/\(pb.rawValue)", year: ya, months: ma.lowerBound...mb.upperBound)
        }
        var i = 4
        if u[i] == UInt8(ascii: "-") { i += 1 }
        guard i < u.count else { return nil }
        let rest = Array(u[i...])
        let letter = rest[0]
        func number(_ from: Int) -> Int? { digits(rest, from, rest.count - from) }
        switch letter {
        case UInt8(ascii: "Q"):
            guard let q = number(1), (1...4).contains(q) else { return nil }
            return Period(raw: "\(y4)-Q\(q)", year: year, months: (q * 3 - 2)...(q * 3))
        case UInt8(ascii: "S"), UInt8(ascii: "H"):
            guard let h = number(1), (1...2).contains(h) else { return nil }
            return Period(raw: "\(y4)-S\(h)", year: year, months: (h * 6 - 5)...(h * 6))
        case UInt8(ascii: "A"), UInt8(ascii: "Y"):
            if rest.count == 1 { return Period(raw: y4, year: year, months: 1...12) }
            guard let a = number(1), a == 1 else { return nil }
            return Period(raw: y4, year: year, months: 1...12)
        case UInt8(ascii: "M"):
            guard let m = number(1), (1...12).contains(m) else { return nil }
            return Period(raw: "\(y4)-\(twoDigits(m))", year: year, months: m...m)
        case UInt8(ascii: "W"):
            guard let w = number(1), (1...53).contains(w) else { return nil }
            return Period(raw: "\(y4)-W\(twoDigits(w))", year: year, months: nil)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            // 2022-09 or 2022-09-30 (time of day after a T is dropped).
            guard rest.count >= 2, let m = digits(rest, 0, 2), (1...12).contains(m) else { return nil }
            if rest.count == 2 { return Period(raw: "\(y4)-\(twoDigits(m))", year: year, months: m...m) }
            guard rest.count >= 5, rest[2] == UInt8(ascii: "-"), let d = digits(rest, 3, 2), (1...31).contains(d)
            else { return nil }
            if rest.count > 5 && rest[5] != UInt8(ascii: "T") && rest[5] != UInt8(ascii: " ") { return nil }
            return Period(raw: "\(y4)-\(twoDigits(m))-\(twoDigits(d))", year: year, months: m...m)
        default:
            return nil
        }
    }

    private static func digits(_ u: [UInt8], _ from: Int, _ count: Int) -> Int? {
        guard count > 0, from + count <= u.count else { return nil }
        var n = 0
        for k in from..<(from + count) {
            let c = u[k]
            guard c >= 48 && c <= 57 else { return nil }
            n = n * 10 + Int(c - 48)
        }
        return n
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
}

extension String {
    /// The string without leading and trailing ASCII white space.
    package func trimmingWhitespace() -> String {
        var u = Substring(self)
        while let f = u.first, f.isWhitespace { u = u.dropFirst() }
        while let l = u.last, l.isWhitespace { u = u.dropLast() }
        return String(u)
    }
}
