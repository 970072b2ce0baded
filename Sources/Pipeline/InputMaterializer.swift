import Fetch
import Foundation
import IndicatorKit
import Logging
import Storage

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

    func fetchRecord(sourceID: String, origin: String) -> FetchRecord {
        FetchRecord(
            sourceID: sourceID, origin: origin, sha256: sha256, bytes: bytes,
            status: notModified ? "not-modified" : "fetched", httpStatus: httpStatus, mediaType: mediaType,
            charset: charset, etag: etag, lastModified: lastModified, cachePath: cachePath)
    }
}

/// Turns a source's location into a local file: local paths are hashed in place.
struct InputMaterializer {
    var logger: Logger
    var cacheDirectory: String
    /// Show a progress bar for slow downloads (on a terminal).
    var progress: Bool = false
    /// Standardizes the cache directory (a batch's shared resolver); nil: `PipelineLoader.absolute`.
    var paths: PathResolver?

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
        // Every location goes through Fetch: http(s) with conditional GET and retries, files hashed
        // in place; both land in the content-addressed cache.
        var limits = FetchLimits.standard
        if let bytes = source.maxBodyBytes { limits.maxBodyBytes = bytes }
        if source.isRemote, let timeout = source.timeout { limits.totalTimeout = timeout }
        let request = FetchRequest(
            url: location, headers: source.headers, etag: previous?.etag, lastModified: previous?.lastModified,
            limits: limits,
            cacheDirectory: paths?.absolute(cacheDirectory, relativeTo: FileManager.default.currentDirectoryPath)
                ?? PipelineLoader.absolute(cacheDirectory, relativeTo: FileManager.default.currentDirectoryPath),
            redirects: source.followRedirects)
        switch try await Fetcher(logger: logger, progress: progress).fetch(request) {
        case .notModified(let n):
            return MaterializedInput(
                path: nil, sha256: previous?.sha256, bytes: 0, mediaType: nil, charset: nil,
                etag: n.etag ?? previous?.etag,
                lastModified: n.lastModified ?? previous?.lastModified, notModified: true, httpStatus: n.status,
                cachePath: nil)
        case .fetched(let b):
            return MaterializedInput(
                path: b.bodyPath, sha256: b.sha256, bytes: Int(b.byteCount), mediaType: b.mediaType,
                charset: b.bodyCharset, etag: b.etag, lastModified: b.lastModified, notModified: false,
                httpStatus: b.status, cachePath: b.rawPath)
        }
    }
}
