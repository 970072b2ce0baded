import IndicatorKit
import Logging

/// A fetched body: where its exact bytes are kept and the file an adapter should read.
///
/// `rawPath` holds the bytes as received (after any `Content-Encoding` such as gzip is removed),
/// named by their sha256 in the cache, so a stored value can be traced to them. `bodyPath` is the
/// file for an adapter: for text (CSV, JSON, XML, plain text) it is UTF-8 — converted with iconv
/// from the charset the body came in, which `charset` names — and for binary bodies (and
/// gzip-compressed files) it is the raw file itself.
public struct FetchedBody: Sendable, Hashable {
    /// The file to hand to an adapter.
    public var bodyPath: String
    /// The charset of `bodyPath`: `"UTF-8"` for text, `nil` for binary bodies.
    public var bodyCharset: String?
    /// The raw bytes in the content-addressed cache.
    public var rawPath: String
    /// sha256 of the raw bytes, 64 lower-case hex digits.
    public var sha256: String
    /// The number of raw bytes.
    public var byteCount: Int64
    /// The media type without parameters ("text/csv"), from `Content-Type` or the file extension.
    public var mediaType: String?
    /// The charset the raw bytes are in ("UTF-8", "GB18030", "BIG5"), for text bodies.
    public var charset: String?
    /// Validators to store for the next conditional GET. For local files the ETag is synthetic
    /// (`"sha256:<hex>"`) so the runner can treat files and URLs alike.
    public var etag: String?
    public var lastModified: String?
    /// The location as requested.
    public var url: String
    /// The location after redirects.
    public var finalURL: String
    /// The HTTP status (200), or `nil` for local files.
    public var status: Int?
    /// Attempts made (1 when the first one succeeded).
    public var attempts: Int

    /// The input to hand to an adapter for this body.
    public func sourceInput(
        origin: String? = nil, sourceID: String? = nil, region: String? = nil, period: String? = nil,
        logger: Logger = Logger(label: "yardstick.adapter", factory: { _ in SwiftLogNoOpLogHandler() })
    ) -> SourceInput {
        SourceInput(
            path: bodyPath, origin: origin ?? url, sourceID: sourceID, mediaType: mediaType, charset: bodyCharset,
            sha256: sha256, region: region, period: period, logger: logger)
    }
}
