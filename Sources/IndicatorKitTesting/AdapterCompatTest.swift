import Foundation
import IndicatorKit

/// The compatibility test every adapter's tests run: one call that checks what the runner relies on.
///
/// ```swift
/// @Test func compatible() async throws {
///     let fixture = Bundle.module.url(forResource: "Fixtures/sample", withExtension: "csv")!
///     try await AdapterCompatTest(adapter: WeatherAdapter.self, fixtures: [fixture]).run()
/// }
/// ```
///
/// It reads every fixture with the given options and checks:
/// - every record's `jsonLine()` is one line of the DESIGN.md record JSON and decodes back, via
///   `SourceRecord(jsonLine:)`, to an equal record; only goals carry a comparator;
/// - subject and unit are not empty, the kind is valid, the period is recognized
///   (`Period.isRecognized`) and the location is not empty;
/// - `init(options:)` with an extra unknown key throws `AdapterError` `.unknownOption` naming it;
/// - streaming: the fixture is written into a FIFO in two parts, and a record must reach the sink
///   before the second part is written (see `streamingCut`);
/// - determinism: two runs give identical record lines.
///
/// `run()` throws an `AdapterCompatFailure` listing every violation. The kit does not depend on a
/// test framework; a failing `try await` fails the test.
public struct AdapterCompatTest: Sendable {
    /// The adapter under test.
    public var adapter: any SourceAdapter.Type
    /// Input files, each of which must yield at least one record with `options`.
    public var fixtures: [URL]
    /// The options to build the adapter with.
    public var options: AdapterOptions
    /// The pipeline region every read is given (`SourceInput.region`).
    public var region: String?
    /// The pipeline period every read is given (`SourceInput.period`).
    public var period: String?
    /// How long the streaming check waits for the first record after writing the first part. The
    /// wait ends at the first record, so a streaming adapter never waits this long; the limit is
    /// generous so that a loaded machine (a parallel test run on two cores) does not fail one.
    public var streamingTimeout: Duration = .seconds(60)
    /// Where to cut a fixture for the streaming check: the byte count of the first part, or `nil`
    /// when the fixture cannot be split. The default cuts after the last newline before two thirds
    /// of the file.
    public var streamingCut: @Sendable (Data) -> Int? = AdapterCompatTest.lastNewlineBeforeTwoThirds
    /// The most violations reported per rule and fixture (the rest are counted).
    public var maxViolationsPerRule = 5

    public init(
        adapter: any SourceAdapter.Type, fixtures: [URL], options: AdapterOptions = AdapterOptions(),
        region: String? = nil, period: String? = nil
    ) {
        self.adapter = adapter
        self.fixtures = fixtures
        self.options = options
        self.region = region
        self.period = period
    }

    /// Runs every check and throws `AdapterCompatFailure` listing the violations, if there are any.
    public func run() async throws {
        let found = await violations()
        if !found.isEmpty {
            throw AdapterCompatFailure(adapter: adapter.descriptor.name, violations: found)
        }
    }

    /// Runs every check and returns the violations (empty when the adapter is compatible).
    public func violations() async -> [AdapterCompatViolation] {
        var found: [AdapterCompatViolation] = []
        found += checkUnknownOption()
        let instance: any SourceAdapter
        do {
            instance = try adapter.init(options: options)
        } catch {
            found.append(
                .init(rule: .reads, fixture: nil, message: "init(options: \(options.jsonText)) threw: \(error)"))
            return found
        }
        if fixtures.isEmpty {
            found.append(
                .init(rule: .emitsRecords, fixture: nil, message: "no fixtures given; pass at least one input file"))
        }
        for fixture in fixtures {
            let name = fixture.lastPathComponent
            let first: [SourceRecord]
            do {
                first = try await read(instance, path: fixture.path, origin: fixture.path)
            } catch {
                found.append(.init(rule: .reads, fixture: name, message: "read threw: \(error)"))
                continue
            }
            if first.isEmpty {
                found.append(
                    .init(rule: .emitsRecords, fixture: name, message: "no records; a fixture must yield at least one"))
                continue
            }
            found += checkRecords(first, fixture: name)
            do {
                let second = try await read(instance, path: fixture.path, origin: fixture.path)
                found += checkDeterminism(first, second, fixture: name)
            } catch {
                found.append(.init(rule: .deterministic, fixture: name, message: "the second read threw: \(error)"))
            }
            found += await checkStreaming(instance, fixture: fixture)
        }
        return found
    }

    /// Reads one input into a fresh collector.
    func read(_ instance: any SourceAdapter, path: String, origin: String) async throws -> [SourceRecord] {
        let collector = RecordCollector()
        try await instance.read(input(path: path, origin: origin), into: collector.sink)
        return collector.records
    }

    func input(path: String, origin: String) -> SourceInput {
        SourceInput(path: path, origin: origin, sourceID: "compat", region: region, period: period)
    }

    // MARK: - Options

    static let bogusKey = "compat-test-unknown-key"

    func checkUnknownOption() -> [AdapterCompatViolation] {
        var values = options.values
        values[Self.bogusKey] = .string("1")
        do {
            _ = try adapter.init(options: AdapterOptions(values))
            return [
                .init(
                    rule: .unknownOption, fixture: nil,
                    message:
                        "init(options:) accepted the unknown key '\(Self.bogusKey)'; call options.rejectUnknownKeys(for: Self.descriptor) first"
                )
            ]
        } catch let error as AdapterError {
            var out: [AdapterCompatViolation] = []
            if error.code != .unknownOption {
                out.append(
                    .init(
                        rule: .unknownOption, fixture: nil,
                        message: "an unknown key threw code '\(error.code)', not '\(AdapterError.Code.unknownOption)'"))
            }
            if !error.message.contains(Self.bogusKey) {
                out.append(
                    .init(
                        rule: .unknownOption, fixture: nil,
                        message: "the error for an unknown key does not name it: '\(error.message)'"))
            }
            return out
        } catch {
            return [
                .init(
                    rule: .unknownOption, fixture: nil,
                    message: "an unknown key threw \(type(of: error)), not AdapterError(.unknownOption): \(error)")
            ]
        }
    }

    // MARK: - Records

    func checkRecords(_ records: [SourceRecord], fixture: String) -> [AdapterCompatViolation] {
        var found: [AdapterCompatViolation.Rule: [String]] = [:]
        var order: [AdapterCompatViolation.Rule] = []
        func add(_ rule: AdapterCompatViolation.Rule, _ message: String) {
            if found[rule] == nil { order.append(rule) }
            found[rule, default: []].append(message)
        }
        for (index, record) in records.enumerated() {
            let at = "record \(index + 1) (\(record.typeName) '\(record.subject)')"
            let line = record.jsonLine()
            checkShape(line, record: record, at: at, add: add)
            if record.subject.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                add(.subject, "\(at): the subject is empty; emit the thing the source names")
            }
            if record.quantity.unit.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                add(.unit, "\(at): the unit is empty; emit the unit as written (\"%\", \"亿元\", \"个\")")
            }
            if !record.period.isRecognized {
                add(
                    .period,
                    "\(at): period '\(record.period.rawValue)' is not recognized; use 2022, 2022-Q3, 2022-09, 2022-01/2022-09 or a date"
                )
            }
            if record.location.isEmpty {
                add(.provenance, "\(at): the location is empty; set line/column, row, path or pointer")
            }
            if let goal = record.goal, goal.comparator == .range, goal.quantity.upper == nil {
                add(.comparator, "\(at): a range goal has no upper end; set quantity.upper")
            }
        }
        return order.flatMap { rule -> [AdapterCompatViolation] in
            let messages = found[rule]!
            var out = messages.prefix(maxViolationsPerRule).map {
                AdapterCompatViolation(rule: rule, fixture: fixture, message: $0)
            }
            if messages.count > maxViolationsPerRule {
                out.append(
                    .init(
                        rule: rule, fixture: fixture,
                        message: "and \(messages.count - maxViolationsPerRule) more like these"))
            }
            return out
        }
    }

    private static let requiredKeys = [
        "type", "subject", "indicator", "kind", "value", "unit", "period", "region", "redacted", "text", "location",
    ]
    private static let knownKeys = Set(requiredKeys + ["comparator", "upper", "attributes"])

    /// The record JSON: one line, one object, the DESIGN.md keys, a valid kind and comparator, and
    /// a round trip through `SourceRecord(jsonLine:)` that gives the record back.
    func checkShape(
        _ line: String, record: SourceRecord, at: String, add: (AdapterCompatViolation.Rule, String) -> Void
    ) {
        if line.contains("\n") || line.contains("\r") {
            add(.recordShape, "\(at): jsonLine() spans several lines")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
            add(.recordShape, "\(at): jsonLine() is not a JSON object: \(line)")
            return
        }
        let missing = Self.requiredKeys.filter { object[$0] == nil }
        if !missing.isEmpty { add(.recordShape, "\(at): the record JSON lacks \(missing.joined(separator: ", "))") }
        let extra = object.keys.filter { !Self.knownKeys.contains($0) }.sorted()
        if !extra.isEmpty {
            add(.recordShape, "\(at): the record JSON has unknown keys \(extra.joined(separator: ", "))")
        }
        if let kind = object["kind"] as? String, FigureKind(rawValue: kind) == nil {
            add(.kind, "\(at): kind '\(kind)' is not level, growth, change or share")
        }
        let comparator = object["comparator"] as? String
        switch object["type"] as? String {
        case "observation" where comparator != nil:
            add(.comparator, "\(at): an observation carries comparator '\(comparator!)'; only goals do")
        case "goal" where comparator.flatMap(TargetComparator.init(rawValue:)) == nil:
            add(
                .comparator,
                "\(at): a goal's comparator is '\(comparator ?? "missing")'; use >=, >, <=, <, ~, = or range")
        case "goal", "observation": break
        default: add(.recordShape, "\(at): type is not goal or observation")
        }
        do {
            let decoded = try SourceRecord(jsonLine: line)
            if decoded != record {
                add(
                    .recordShape,
                    "\(at): the record JSON does not decode back to the same record (a NaN or infinite value, or a period or field the JSON cannot carry): \(line)"
                )
            }
        } catch {
            add(.recordShape, "\(at): SourceRecord(jsonLine:) rejects the record JSON: \(error)")
        }
    }

    // MARK: - Determinism

    func checkDeterminism(_ first: [SourceRecord], _ second: [SourceRecord], fixture: String)
        -> [AdapterCompatViolation]
    {
        let a = first.map { $0.jsonLine() }
        let b = second.map { $0.jsonLine() }
        guard a != b else { return [] }
        if a.count != b.count {
            return [
                .init(
                    rule: .deterministic, fixture: fixture,
                    message:
                        "two runs gave \(a.count) and \(b.count) records; output must not depend on time, randomness or hashing order"
                )
            ]
        }
        let i = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }!.offset
        return [
            .init(
                rule: .deterministic, fixture: fixture,
                message:
                    "two runs differ at record \(i + 1):\n      \(a[i])\n      \(b[i])\n    output must not depend on time, randomness or hashing order"
            )
        ]
    }

    // MARK: - Default cut

    /// The byte count up to and including the last newline before two thirds of `data`, or `nil`
    /// when there is none.
    @Sendable public static func lastNewlineBeforeTwoThirds(_ data: Data) -> Int? {
        let bytes = [UInt8](data)
        let limit = bytes.count * 2 / 3
        guard limit > 0 else { return nil }
        guard let newline = bytes[..<limit].lastIndex(of: UInt8(ascii: "\n")) else { return nil }
        let cut = newline + 1
        return cut < bytes.count ? cut : nil
    }
}
