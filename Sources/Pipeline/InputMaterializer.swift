import Foundation
import IndicatorKit
import Logging
import Store

/// A source's input made local: the file an adapter reads and what is known about it.
public struct MaterializedInput: Sendable {
    /// The local file to read; nil when the server said the input did not change.
    public var path: String?
    public var sha256: String?
    public var bytes: Int
    public var mediaType: String?
    public var charset: String?
    public var etag: String?
    public var lastModified: String?
    /// True when a conditional request answered 304 Not Modified.
    public var notModified: Bool
    public var httpStatus: Int?
    public var cachePath: String?

    func fetchRecord(sourceID: String) -> FetchRecord {
        FetchRecord(
            sourceID: sourceID, origin: path ?? "", sha256: sha256, bytes: bytes,
            status: notModified ? "not-modified" : "fetched", httpStatus: httpStatus, mediaType: mediaType,
            charset: charset, etag: etag, lastModified: lastModified, cachePath: cachePath)
    }
}

/// Turns a source's location into a local file: local paths are hashed in place.
struct InputMaterializer {
    var logger: Logger
    var cacheDirectory: String

    func materialize(_ source: SourceConfig, previous: SourceState?, pipelineFolder: String) async throws
        -> MaterializedInput
    {
        guard let location = source.location else {
            // An external adapter with no input file: hand it an empty one.
            let empty = NSTemporaryDirectory() + "yardstick-empty-input"
            _ = FileManager.default.createFile(atPath: empty, contents: Data())
            return MaterializedInput(
                path: empty, sha256: nil, bytes: 0, mediaType: nil, charset: nil, etag: nil, lastModified: nil,
                notModified: false, httpStatus: nil, cachePath: nil)
        }
        if source.isRemote {
            throw AdapterError(
                .unsupportedInput, "\(location): http(s) locations need the Fetch module, which this build lacks")
        }
        let path = location.hasPrefix("file://") ? String(location.dropFirst(7)) : location
        let (sha, bytes) = try Self.hashFile(path)
        return MaterializedInput(
            path: path, sha256: sha, bytes: bytes, mediaType: Self.mediaType(forPath: path), charset: nil, etag: nil,
            lastModified: nil, notModified: false, httpStatus: nil, cachePath: nil)
    }

    /// sha256 and size of a file, read in chunks.
    static func hashFile(_ path: String) throws -> (String, Int) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw AdapterError(.unreadableInput, "\(path): cannot open (\(String(cString: strerror(errno)))); check the location")
        }
        defer { close(fd) }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var total = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw AdapterError(.unreadableInput, "\(path): read failed (\(String(cString: strerror(errno))))")
            }
            if n == 0 { break }
            total += n
            buffer.withUnsafeBufferPointer { hasher.update(UnsafeBufferPointer(rebasing: $0[0..<n])) }
        }
        return (hasher.finalizeHex(), total)
    }

    static func mediaType(forPath path: String) -> String? {
        let lower = path.lowercased()
        let name = lower.hasSuffix(".gz") ? String(lower.dropLast(3)) : lower
        switch (name as NSString).pathExtension {
        case "csv": return "text/csv"
        case "tsv": return "text/tab-separated-values"
        case "json": return "application/json"
        case "xml": return "application/xml"
        case "txt", "md": return "text/plain"
        default: return nil
        }
    }
}
