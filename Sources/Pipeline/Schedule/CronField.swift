/// One of the five fields of a cron schedule, parsed.
public struct CronField: Sendable, Hashable {
    /// Which field this is.
    public enum Name: String, Sendable, Hashable, CaseIterable {
        case minute
        case hour
        case dayOfMonth = "day-of-month"
        case month
        case dayOfWeek = "day-of-week"

        /// The values the field accepts (day-of-week accepts 7 for Sunday).
        public var allowed: ClosedRange<Int> {
            switch self {
            case .minute: 0...59
            case .hour: 0...23
            case .dayOfMonth: 1...31
            case .month: 1...12
            case .dayOfWeek: 0...7
            }
        }

        /// The values the field can take after normalization (Sunday is 0, never 7).
        public var domain: ClosedRange<Int> { self == .dayOfWeek ? 0...6 : allowed }

        /// The names the field accepts besides numbers.
        var names: [String: Int] {
            switch self {
            case .month:
                [
                    "JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6,
                    "JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12,
                ]
            case .dayOfWeek: ["SUN": 0, "MON": 1, "TUE": 2, "WED": 3, "THU": 4, "FRI": 5, "SAT": 6]
            default: [:]
            }
        }

        /// The allowed values as a reader would write them ("0-59", "1-12 or JAN-DEC").
        var allowedText: String {
            switch self {
            case .month: "1-12 or JAN-DEC"
            case .dayOfWeek: "0-7 (0 and 7 are Sunday) or SUN-SAT"
            default: "\(allowed.lowerBound)-\(allowed.upperBound)"
            }
        }
    }

    public let name: Name
    /// The field as written ("*/15", "MON-FRI").
    public let text: String
    /// The values the field matches, ascending (day-of-week: 0 = Sunday … 6 = Saturday).
    public let values: [Int]
    /// True when the field begins with `*` (`*`, `*/2`): cron's rule for combining the day fields
    /// and for telling fixed-time jobs from repeating ones looks only at this.
    public let isWildcard: Bool

    /// True when the field matches every value of its domain.
    public var isFull: Bool { values.count == name.domain.count }

    /// The field in the syntax every cron reads: as written when it begins with `*` (`*`, `*/15`),
    /// else its values as numbers and `a-b` ranges (`MON-FRI` → `1-5`, `FRI-SUN` → `0,5,6`).
    public var portableText: String {
        isWildcard ? text : CronSchedule.list(values)
    }

    let mask: UInt64

    func contains(_ value: Int) -> Bool { mask & (1 << UInt64(value)) != 0 }
}

extension CronField {
    /// Parses one field of `schedule` (the schedule text is used in error messages only).
    init(parsing text: String, name: Name, schedule: String) throws {
        func fail(_ what: String) -> ScheduleError {
            ScheduleError(
                .invalidField,
                "schedule '\(schedule)': \(name.rawValue) field '\(text)': \(what); allowed: \(name.allowedText)")
        }
        func value(_ token: Substring) throws -> Int {
            let number: Int
            if let n = Int(token), token.allSatisfy(\.isASCII) {
                number = n
            } else if let n = name.names[token.uppercased()] {
                number = n
            } else if name.names.isEmpty {
                throw fail("'\(token)' is not a number")
            } else {
                throw fail("'\(token)' is not a number or a \(name == .month ? "month" : "weekday") name")
            }
            guard name.allowed.contains(number) else { throw fail("\(number) is out of range") }
            return number
        }
        guard !text.isEmpty else { throw fail("the field is empty") }
        var mask: UInt64 = 0
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard !item.isEmpty else { throw fail("the list has an empty item; separate values with single commas") }
            let parts = item.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            var step = 1
            if parts.count == 2 {
                guard let s = Int(parts[1]), s > 0, parts[1].allSatisfy(\.isASCII) else {
                    throw fail("step '\(parts[1])' must be a whole number of 1 or more")
                }
                guard s <= name.allowed.count else { throw fail("step \(s) is larger than the field's range") }
                step = s
            }
            let base = parts[0]
            var low: Int
            var high: Int
            if base == "*" {
                low = name.domain.lowerBound
                high = name.domain.upperBound
            } else if let dash = base.firstIndex(of: "-"), dash != base.startIndex {
                low = try value(base[..<dash])
                high = try value(base[base.index(after: dash)...])
                // FRI-SUN: Sunday closes a weekday range as 7.
                if name == .dayOfWeek && high == 0 && low > 0 { high = 7 }
                guard low <= high else {
                    throw fail("the range \(base) runs backwards; write the low end first (or a list)")
                }
            } else if base.isEmpty {
                throw fail("'\(item)' has no value before the step")
            } else {
                low = try value(base)
                // "5/15" runs from 5 to the end of the field, as in cronie and systemd.
                high = parts.count == 2 ? name.domain.upperBound : low
                if name == .dayOfWeek && parts.count == 2 { high = 6 }
            }
            for v in stride(from: low, through: high, by: step) {
                let normalized = name == .dayOfWeek ? v % 7 : v
                mask |= 1 << UInt64(normalized)
            }
        }
        guard mask != 0 else { throw fail("it matches no value") }
        self.name = name
        self.text = text
        self.mask = mask
        self.values = name.domain.filter { mask & (1 << UInt64($0)) != 0 }
        self.isWildcard = text.hasPrefix("*")
    }
}
