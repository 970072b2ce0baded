import Foundation
import IndicatorKit
import Pipeline
import Storage
import TestSupport
import Testing

/// A version of the "versioned" adapter and the value of the one observation it reads.
protocol AdapterVersion: Sendable {
    static var version: String { get }
    static var value: Double { get }
}

enum Version1: AdapterVersion {
    static let version = "1.0.0"
    static let value = 1.0
}

enum Version2: AdapterVersion {
    static let version = "2.0.0"
    static let value = 2.0
}

/// One observation, from an adapter named "versioned" at version 1.0.0 or 2.0.0.
struct VersionedAdapter<V: AdapterVersion>: SourceAdapter {
    static var descriptor: AdapterDescriptor {
        AdapterDescriptor(name: "versioned", version: V.version, summary: "test", options: [])
    }
    init(options: AdapterOptions) throws {}
    func read(_ input: SourceInput, into sink: RecordSink) async throws {
        try sink.emit(
            Observation(
                subject: "生产总值", kind: .growth, quantity: Quantity(value: V.value, unit: "%"),
                period: Period(year: 2022)))
    }
}

@Suite struct AdapterVersionTests {
    @Test func aNewAdapterVersionReadsAnUnchangedInputAgain() async throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try folder.write("in.txt", "x\n")
        let path = try folder.write(
            "p.yaml", "pipeline: versions\nsources:\n  - id: s\n    adapter: versioned\n    location: in.txt\n")
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        var options = RunOptions()
        options.cacheDirectory = folder.file("cache")
        func run(_ adapter: any SourceAdapter.Type) async throws -> String {
            let registry = AdapterRegistry([adapter])
            let config = try PipelineLoader(registry: registry).load(path: path)
            let summary = try await PipelineRunner(registry: registry, store: store, logger: quietLogger)
                .run(config, options: options)
            return summary.sources[0].status
        }
        #expect(try await run(VersionedAdapter<Version1>.self) == "stored")
        #expect(try await run(VersionedAdapter<Version1>.self) == "unchanged")
        #expect(try await run(VersionedAdapter<Version2>.self) == "stored")
        let current = try store.currentObservations(pipeline: "versions", matching: nil)
        #expect(current.map(\.record.quantity.value) == [2])
        #expect(try await run(VersionedAdapter<Version2>.self) == "unchanged")
    }
}
