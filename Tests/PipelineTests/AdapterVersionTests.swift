import Foundation
import IndicatorKit
import Pipeline
import Storage
import TestSupport
import Testing

/// One observation, from an adapter named "versioned" at version 1.0.0 or 2.0.0.
struct VersionedAdapterV1: SourceAdapter {
    static let descriptor = AdapterDescriptor(name: "versioned", version: "1.0.0", summary: "test", options: [])
    init(options: AdapterOptions) throws {}
    func read(_ input: SourceInput, into sink: RecordSink) async throws {
        try sink.emit(
            Observation(
                subject: "生产总值", kind: .growth, quantity: Quantity(value: 1, unit: "%"), period: Period(year: 2022)))
    }
}

struct VersionedAdapterV2: SourceAdapter {
    static let descriptor = AdapterDescriptor(name: "versioned", version: "2.0.0", summary: "test", options: [])
    init(options: AdapterOptions) throws {}
    func read(_ input: SourceInput, into sink: RecordSink) async throws {
        try sink.emit(
            Observation(
                subject: "生产总值", kind: .growth, quantity: Quantity(value: 2, unit: "%"), period: Period(year: 2022)))
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
        #expect(try await run(VersionedAdapterV1.self) == "stored")
        #expect(try await run(VersionedAdapterV1.self) == "unchanged")
        #expect(try await run(VersionedAdapterV2.self) == "stored")
        let current = try store.currentObservations(pipeline: "versions", matching: nil)
        #expect(current.map(\.record.quantity.value) == [2])
        #expect(try await run(VersionedAdapterV2.self) == "unchanged")
    }
}
