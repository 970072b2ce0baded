import ArgumentParser
import BuiltinAdapters
import Foundation
import IndicatorKit

extension Yardstick {
    struct Extract: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run one adapter on one input and print its records.",
            discussion: """
                jsonl prints the record JSON, one record a line; table prints a readable table; count prints \
                the number of observations and goals.
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case jsonl, table, count
        }

        @Option(help: "The adapter to run (see `yardstick adapters`).")
        var adapter: String

        @Argument(help: "The input file.")
        var path: String

        @Option(
            name: .customLong("option"), help: "An adapter option as KEY=VALUE (repeatable; KEY.SUB=VALUE fills a map)."
        )
        var options: [String] = []

        @Option(help: "Output format: jsonl, table or count.")
        var format: Format = .jsonl

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let logger = global.bootstrap()
            let adapterOptions: AdapterOptions
            let instance: any SourceAdapter
            do {
                adapterOptions = try AdapterOptions(pairs: options)
                instance = try builtinAdapters.make(adapter, options: adapterOptions)
            } catch let error as AdapterError {
                StandardOutput.error("error: \(error)")
                throw ExitCodes.invalidInput
            }
            guard FileManager.default.isReadableFile(atPath: path) else {
                StandardOutput.error("error: \(path): no such readable file; check the path")
                throw ExitCodes.invalidInput
            }
            let input = SourceInput(path: path, origin: path, logger: logger)
            let counter = RecordCounter()
            let format = self.format
            let table = TableWriter()
            let sink = RecordSink { record in
                counter.add(record)
                switch format {
                case .jsonl: StandardOutput.line(record.jsonLine())
                case .table: table.write(record)
                case .count: break
                }
            }
            do {
                try await instance.read(input, into: sink)
            } catch let error as AdapterError {
                StandardOutput.error("error: \(error)")
                throw ExitCodes.invalidInput
            }
            if counter.observations + counter.goals == 0 {
                StandardOutput.error("note: \(path): no data in this input (no observations or goals)")
            }
            if format == .count {
                StandardOutput.line("observations: \(counter.observations)")
                StandardOutput.line("goals: \(counter.goals)")
            }
        }
    }
}

/// Counts records by type.
final class RecordCounter: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var observations = 0
    private(set) var goals = 0

    func add(_ record: SourceRecord) {
        lock.lock()
        defer { lock.unlock() }
        switch record {
        case .observation: observations += 1
        case .goal: goals += 1
        }
    }
}

/// Prints records as aligned text rows.
final class TableWriter: @unchecked Sendable {
    private var headerDone = false

    func write(_ record: SourceRecord) {
        if !headerDone {
            headerDone = true
            StandardOutput.line("type         kind    cmp    value         unit      period      subject")
        }
        let q = record.quantity
        var value = q.value.map(JSONText.format) ?? (record.redacted ? "(masked)" : "(none)")
        if let upper = q.upper { value += "-" + JSONText.format(upper) }
        StandardOutput.line(
            pad(record.typeName, 13) + pad(record.kind.rawValue, 8) + pad(record.comparator?.rawValue ?? "", 7)
                + pad(value, 14) + pad(q.unit, 10) + pad(record.period.rawValue, 12) + record.subject)
    }
}
