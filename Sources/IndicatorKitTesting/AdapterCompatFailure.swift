/// Everything an adapter got wrong in an `AdapterCompatTest` run; thrown by `AdapterCompatTest.run()`.
///
/// Its description lists every violation, one a line, so a failing test shows them all at once.
public struct AdapterCompatFailure: Error, Sendable, CustomStringConvertible {
    /// The adapter's descriptor name.
    public var adapter: String
    /// What it got wrong, in the order found.
    public var violations: [AdapterCompatViolation]

    public init(adapter: String, violations: [AdapterCompatViolation]) {
        self.adapter = adapter
        self.violations = violations
    }

    /// The rules broken, without repeats.
    public var rules: Set<AdapterCompatViolation.Rule> { Set(violations.map(\.rule)) }

    public var description: String {
        var lines = [
            "adapter '\(adapter)' failed \(violations.count) compatibility check\(violations.count == 1 ? "" : "s"):"
        ]
        lines += violations.map { "  - \($0)" }
        return lines.joined(separator: "\n")
    }
}

/// One broken rule: which rule, on which fixture, and what was seen.
public struct AdapterCompatViolation: Sendable, Hashable, CustomStringConvertible {
    /// A rule every adapter must honour.
    public struct Rule: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The adapter accepts the test's options and reads every fixture without throwing.
        public static let reads = Rule(rawValue: "reads")
        /// Every fixture yields at least one record (otherwise nothing else can be checked).
        public static let emitsRecords = Rule(rawValue: "emits-records")
        /// `jsonLine()` is one line of the DESIGN.md record JSON and decodes back to an equal record.
        public static let recordShape = Rule(rawValue: "record-shape")
        /// The subject is not empty.
        public static let subject = Rule(rawValue: "subject")
        /// The unit is not empty.
        public static let unit = Rule(rawValue: "unit")
        /// The kind is level, growth, change or share.
        public static let kind = Rule(rawValue: "kind")
        /// Only goals carry a comparator, every goal does, and `range` goals carry an upper end.
        public static let comparator = Rule(rawValue: "comparator")
        /// The period is one `Period(parsing:)` recognizes.
        public static let period = Rule(rawValue: "period")
        /// The record says where in the input it came from.
        public static let provenance = Rule(rawValue: "provenance")
        /// `init(options:)` rejects an unknown key with `.unknownOption`, naming the key.
        public static let unknownOption = Rule(rawValue: "unknown-option")
        /// Records reach the sink before the input is exhausted.
        public static let streaming = Rule(rawValue: "streaming")
        /// Two runs on the same input give the same record lines.
        public static let deterministic = Rule(rawValue: "deterministic")
    }

    public var rule: Rule
    /// The fixture's file name, when the violation concerns one.
    public var fixture: String?
    /// What was seen and what to change.
    public var message: String

    public init(rule: Rule, fixture: String?, message: String) {
        self.rule = rule
        self.fixture = fixture
        self.message = message
    }

    public var description: String {
        "[\(rule)] " + (fixture.map { "\($0): " } ?? "") + message
    }
}
