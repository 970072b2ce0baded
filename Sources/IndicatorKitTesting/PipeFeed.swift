import Foundation
import IndicatorKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Feeds an input to an adapter through a FIFO in two parts, for an adapter's own streaming tests
/// (`AdapterCompatTest` runs the same check on its fixtures).
///
/// ```swift
/// let (early, records) = try await PipeFeed.read(
///     try MyAdapter(options: AdapterOptions()), first: Data("a,1\n".utf8), second: Data("b,2\n".utf8),
///     fileName: "data.csv")
/// #expect(early)
/// ```
public enum PipeFeed {
    /// Writes `first`, waits until a record reached the sink (at most `wait`), writes `second` and
    /// closes the FIFO, while `adapter` reads it (named `fileName`, in a fresh folder that is removed
    /// afterwards). Returns whether a record arrived before `second` was written, and every record.
    public static func read(
        _ adapter: any SourceAdapter, first: Data, second: Data, fileName: String, wait: TimeInterval = 20
    ) async throws -> (early: Bool, records: [SourceRecord]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fifo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent(fileName).path
        guard mkfifo(path, 0o600) == 0 else {
            throw AdapterError(.unreadableInput, "\(path): mkfifo failed (errno \(errno))")
        }
        let collector = RecordCollector()
        let early = Flag()
        let writer = Thread {
            let fd = open(path, O_WRONLY)
            guard fd >= 0 else { return }
            _ = first.withUnsafeBytes { write(fd, $0.baseAddress, first.count) }
            let deadline = Date().addingTimeInterval(wait)
            while collector.records.isEmpty && Date() < deadline { usleep(5_000) }
            early.set(!collector.records.isEmpty)
            _ = second.withUnsafeBytes { write(fd, $0.baseAddress, second.count) }
            close(fd)
        }
        writer.start()
        try await adapter.read(SourceInput(path: path), into: collector.sink)
        return (early.value, collector.records)
    }

    private final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var stored = false
        func set(_ v: Bool) { lock.withLock { stored = v } }
        var value: Bool { lock.withLock { stored } }
    }
}
