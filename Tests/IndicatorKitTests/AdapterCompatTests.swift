import Foundation
import IndicatorKit
import IndicatorKitTesting
import Testing

#if canImport(Glibc)
    import Glibc
#endif

// MARK: - Test adapters for the line format `subject,period,value,unit`

/// Reads `path` with POSIX read() in small chunks and hands each complete line on at once.
private func forEachLine(_ path: String, _ body: (String, Int) throws -> Void) throws {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw AdapterError(.unreadableInput, "\(path): cannot open") }
    defer { close(fd) }
    var pending: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    var line = 0
    while true {
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        guard n >= 0 else { throw AdapterError(.unreadableInput, "\(path): read failed") }
        if n == 0 { break }
        pending += buffer[..<n]
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            line += 1
            try body(String(decoding: pending[..<newline], as: UTF8.self), line)
            pending.removeSubrange(...newline)
        }
    }
    if !pending.isEmpty { try body(String(decoding: pending, as: UTF8.self), line + 1) }
}

/// One observation from a `subject,period,value,unit` line.
private func observation(_ text: String, line: Int) throws -> Observation? {
    let f = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    guard f.count == 4, let value = Double(f[2]), let period = Period(parsing: f[1]) else { return nil }
    return Observation(
        subject: f[0], kind: .level, quantity: Quantity(value: value, unit: f[3]), period: period, text: text,
        location: SourceLocation(line: line))
}

/// A test adapter that reads `subject,period,value,unit` lines with `forEachLine` (so it streams)
/// and emits what `record(from:)` makes of each observation: each conformer breaks one rule there.
private protocol LineRecordAdapter: SourceAdapter {
    init()
    static func record(from o: Observation) -> SourceRecord
}

extension LineRecordAdapter {
    init(options: AdapterOptions) throws {
        try options.rejectUnknownKeys(for: Self.descriptor)
        self.init()
    }

    func read(_ input: SourceInput, into sink: RecordSink) async throws {
        try forEachLine(input.path) { text, line in
            guard let o = try observation(text, line: line) else { return }
            try sink.emit(Self.record(from: o))
        }
    }
}

/// The descriptor of a test adapter without options.
private func testDescriptor(_ name: String) -> AdapterDescriptor {
    AdapterDescriptor(name: name, version: "1.0.0", summary: "test", options: [])
}

/// `o` after `change`.
private func changed(_ o: Observation, _ change: (inout Observation) -> Void) -> Observation {
    var o = o
    change(&o)
    return o
}

/// Honours every rule.
private struct WellBehavedAdapter: SourceAdapter {
    static let descriptor = AdapterDescriptor(
        name: "well-behaved", version: "1.0.0", summary: "test", options: [.init("scale", "multiplier")])
    let scale: Double
    init(options: AdapterOptions) throws {
        try options.rejectUnknownKeys(for: Self.descriptor)
        scale = try options.double("scale") ?? 1
    }
    func read(_ input: SourceInput, into sink: RecordSink) async throws {
        try forEachLine(input.path) { text, line in
            guard var o = try observation(text, line: line) else { return }
            o.quantity.value = o.quantity.value.map { $0 * scale }
            try sink.emit(o)
        }
    }
}

/// Reads the whole input before emitting anything.
private struct BufferingAdapter: SourceAdapter {
    static let descriptor = testDescriptor("buffering")
    init(options: AdapterOptions) throws { try options.rejectUnknownKeys(for: Self.descriptor) }
    func read(_ input: SourceInput, into sink: RecordSink) async throws {
        guard let handle = FileHandle(forReadingAtPath: input.path) else {
            throw AdapterError(.unreadableInput, "cannot open")
        }
        let text = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        for (i, line) in text.split(separator: "\n").enumerated() {
            if let o = try observation(String(line), line: i + 1) { try sink.emit(o) }
        }
    }
}

/// Accepts any option key.
private struct PermissiveAdapter: SourceAdapter {
    static let descriptor = testDescriptor("permissive")
    init(options: AdapterOptions) throws {}
    func read(_ input: SourceInput, into sink: RecordSink) async throws {
        try await WellBehavedAdapter(options: AdapterOptions()).read(input, into: sink)
    }
}

/// Rejects unknown keys, but with the wrong code and without naming the key.
private struct VagueOptionsAdapter: SourceAdapter {
    static let descriptor = testDescriptor("vague-options")
    init(options: AdapterOptions) throws {
        if !options.values.isEmpty { throw AdapterError(.invalidOption, "bad options") }
    }
    func read(_ input: SourceInput, into sink: RecordSink) async throws {
        try await WellBehavedAdapter(options: AdapterOptions()).read(input, into: sink)
    }
}

/// Loses the subject.
private struct EmptySubjectAdapter: LineRecordAdapter {
    static let descriptor = testDescriptor("empty-subject")
    static func record(from o: Observation) -> SourceRecord { .observation(changed(o) { $0.subject = " " }) }
}

/// Keeps a period text no one can compare.
private struct BadPeriodAdapter: LineRecordAdapter {
    static let descriptor = testDescriptor("bad-period")
    static func record(from o: Observation) -> SourceRecord {
        .observation(changed(o) { $0.period = Period(unchecked: "the year before last") })
    }
}

/// Drops units and locations, and turns observations into comparator-less goals' cousins: range
/// goals without an upper end.
private struct SloppyGoalsAdapter: LineRecordAdapter {
    static let descriptor = testDescriptor("sloppy-goals")
    static func record(from o: Observation) -> SourceRecord {
        .goal(
            Goal(
                subject: o.subject, kind: o.kind, comparator: .range,
                quantity: Quantity(value: o.quantity.value, unit: ""),
                period: o.period))
    }
}

/// Numbers its records with a counter that survives between reads.
private struct NondeterministicAdapter: LineRecordAdapter {
    static let descriptor = testDescriptor("nondeterministic")
    static let counter = Counter()
    static func record(from o: Observation) -> SourceRecord {
        .observation(changed(o) { $0.attributes["sequence"] = String(counter.next()) })
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

/// A NaN value cannot travel as JSON: the record does not survive the round trip.
private struct NaNAdapter: LineRecordAdapter {
    static let descriptor = testDescriptor("nan")
    static func record(from o: Observation) -> SourceRecord { .observation(changed(o) { $0.quantity.value = .nan }) }
}

// MARK: - Fixtures

private func fixture(_ name: String, _ text: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("compat-fixtures-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
}

private let sampleLines = (1...12).map { "指标\($0),2022,\(Double($0) * 1.5),万元" }.joined(separator: "\n") + "\n"

@Suite struct AdapterCompatTests {
    @Test func wellBehavedAdapterPasses() async throws {
        let url = try fixture("sample.txt", sampleLines)
        let test = AdapterCompatTest(
            adapter: WellBehavedAdapter.self, fixtures: [url], options: AdapterOptions(["scale": .number(2)]))
        let found = await test.violations()
        #expect(found.isEmpty, "\(found)")
        try await test.run()
    }

    typealias Rule = AdapterCompatViolation.Rule
    static let brokenAdapters: [(any SourceAdapter.Type, Set<Rule>)] = [
        (BufferingAdapter.self, [.streaming]),
        (PermissiveAdapter.self, [.unknownOption]),
        (VagueOptionsAdapter.self, [.unknownOption]),
        (EmptySubjectAdapter.self, [.subject]),
        (BadPeriodAdapter.self, [.period]),
        (SloppyGoalsAdapter.self, [.unit, .provenance, .comparator]),
        (NondeterministicAdapter.self, [.deterministic, .streaming]),
        (NaNAdapter.self, [.recordShape]),
    ]

    @Test(arguments: brokenAdapters)
    func brokenAdapterFails(adapter: any SourceAdapter.Type, rules: Set<AdapterCompatViolation.Rule>) async throws {
        let url = try fixture("sample.txt", sampleLines)
        var test = AdapterCompatTest(adapter: adapter, fixtures: [url])
        test.streamingTimeout = .seconds(2)
        do {
            try await test.run()
            Issue.record("\(adapter.descriptor.name) passed but breaks \(rules)")
        } catch let failure as AdapterCompatFailure {
            #expect(failure.adapter == adapter.descriptor.name)
            #expect(failure.rules == rules, "\(failure)")
            for rule in rules { #expect(failure.description.contains("[\(rule)]")) }
        }
    }

    @Test func unknownOptionViolationsSayWhatIsWrong() async {
        let found = await AdapterCompatTest(adapter: VagueOptionsAdapter.self, fixtures: []).violations()
        let messages = found.filter { $0.rule == .unknownOption }.map(\.message)
        #expect(messages.count == 2)
        #expect(messages.contains { $0.contains("unknown-option") })
        #expect(messages.contains { $0.contains("does not name it") })
    }

    @Test func tooSmallFixtureIsReportedNotPassed() async throws {
        let url = try fixture("tiny.txt", "gdp,2022,9.5,%")
        let found = await AdapterCompatTest(adapter: WellBehavedAdapter.self, fixtures: [url]).violations()
        #expect(found.map(\.rule) == [.streaming])
        #expect(found.first?.message.contains("too small") == true)
        #expect(found.first?.fixture == "tiny.txt")
    }

    @Test func emptyFixtureAndNoFixtures() async throws {
        let url = try fixture("empty.txt", "not,a,record\n")
        let found = await AdapterCompatTest(adapter: WellBehavedAdapter.self, fixtures: [url]).violations()
        #expect(found.map(\.rule) == [.emitsRecords])
        let none = await AdapterCompatTest(adapter: WellBehavedAdapter.self, fixtures: []).violations()
        #expect(none.map(\.rule) == [.emitsRecords])
    }

    @Test func badOptionsAreReportedAsReadFailure() async throws {
        let url = try fixture("sample.txt", sampleLines)
        let found = await AdapterCompatTest(
            adapter: WellBehavedAdapter.self, fixtures: [url], options: AdapterOptions(["scale": .string("big")])
        ).violations()
        #expect(found.map(\.rule) == [.reads])
    }

    @Test func defaultCut() {
        #expect(AdapterCompatTest.lastNewlineBeforeTwoThirds(Data("a\nb\nc\nd\ne\nf\n".utf8)) == 8)
        #expect(AdapterCompatTest.lastNewlineBeforeTwoThirds(Data("abcdef".utf8)) == nil)
        #expect(AdapterCompatTest.lastNewlineBeforeTwoThirds(Data()) == nil)
    }
}
