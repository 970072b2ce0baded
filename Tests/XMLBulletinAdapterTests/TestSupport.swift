import Foundation
import IndicatorKit
import Testing
import XMLBulletinAdapter

/// Where the test inputs are.
enum Paths {
    /// This package's root.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// shared/ beside the repository.
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static let sdmx = shared.appendingPathComponent("data/sdmx")

    static func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name).path
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("xml-bulletin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Runs the adapter on one file and returns what it emitted.
func extract(_ path: String, options: [String: OptionValue] = [:], period: String? = nil) async throws -> [Observation]
{
    let adapter = try XMLBulletinAdapter(options: AdapterOptions(options))
    let collector = RecordCollector()
    try await adapter.read(SourceInput(path: path, period: period), into: collector.sink)
    #expect(collector.goals.isEmpty)
    return collector.observations
}

/// Counts the observations of one file, keeping only the first `keep` (memory stays small).
func scan(_ path: String, keep: Int = 2000) async throws -> (count: Int, kept: [Observation]) {
    final class Tally: @unchecked Sendable {
        let lock = NSLock()
        var count = 0
        var kept: [Observation] = []
    }
    let tally = Tally()
    let adapter = try XMLBulletinAdapter(options: AdapterOptions())
    let sink = RecordSink { record in
        guard case .observation(let o) = record else { return }
        tally.lock.lock()
        tally.count += 1
        if tally.kept.count < keep { tally.kept.append(o) }
        tally.lock.unlock()
    }
    try await adapter.read(SourceInput(path: path), into: sink)
    return (tally.count, tally.kept)
}

/// Runs the adapter and returns the `AdapterError` it throws (nil when it does not throw one).
func extractionError(_ path: String, options: [String: OptionValue] = [:]) async -> AdapterError? {
    do {
        _ = try await extract(path, options: options)
        return nil
    } catch let error as AdapterError {
        return error
    } catch {
        return AdapterError(.externalFailure, "unexpected error type: \(error)")
    }
}

/// The process's peak resident set size so far, in bytes.
func peakResidentBytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024
}
