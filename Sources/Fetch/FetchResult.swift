/// What a fetch produced: a body, or word that the source has not changed since the validators
/// in the request were stored.
public enum FetchResult: Sendable {
    /// The server answered `304 Not Modified` (or a local file still has the bytes whose synthetic
    /// ETag the request carried): nothing to read again.
    case notModified(NotModified)
    /// A body, hashed and kept in the cache.
    case fetched(FetchedBody)

    /// The body, when one was fetched.
    public var body: FetchedBody? {
        if case .fetched(let b) = self { return b }
        return nil
    }

    /// True for `.notModified`.
    public var isNotModified: Bool {
        if case .notModified = self { return true }
        return false
    }
}

/// The answer for an unchanged source.
public struct NotModified: Sendable, Hashable {
    /// The location as requested.
    public var url: String
    /// The location after redirects.
    public var finalURL: String
    /// `304` for HTTP; `nil` for local files.
    public var status: Int?
    /// The validators to keep (the server may send fresh ones with a 304).
    public var etag: String?
    public var lastModified: String?
    /// Attempts made (1 when the first one succeeded).
    public var attempts: Int
    /// True when a local file was known unchanged from its fingerprint (see `FileFingerprint`),
    /// without reading its bytes.
    public var byFingerprint: Bool = false
}
