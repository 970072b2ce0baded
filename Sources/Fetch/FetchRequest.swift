/// What to fetch and how: one source's location, its headers and validators, and the limits.
///
/// `url` may be `http://`, `https://`, `file://` or a plain path. Header values may hold secrets
/// (tokens expanded from `${ENV}`); they are sent but never logged nor put into errors.
public struct FetchRequest: Sendable {
    /// The location as configured: an http(s) or file URL, or a path.
    public var url: String
    /// Extra request headers (name → value), e.g. `Authorization`.
    public var headers: [String: String]
    /// The `ETag` stored from the last fetch, sent as `If-None-Match`.
    public var etag: String?
    /// The `Last-Modified` stored from the last fetch, sent as `If-Modified-Since`.
    public var lastModified: String?
    /// Timeouts, redirect, size and retry bounds.
    public var limits: FetchLimits
    /// The content-addressed cache: bodies are kept as `cacheDirectory/<sha256[0..2]>/<sha256>`.
    public var cacheDirectory: String
    /// The `User-Agent` sent; it names Yardstick.
    public var userAgent: String
    /// Where redirects may lead (default: the same scheme, host and port only).
    public var redirects: RedirectPolicy

    /// The default `User-Agent`.
    public static let defaultUserAgent = "Yardstick/0.1 (indicator pipeline; +libcurl)"

    public init(
        url: String, headers: [String: String] = [:], etag: String? = nil, lastModified: String? = nil,
        limits: FetchLimits = .standard, cacheDirectory: String, userAgent: String = FetchRequest.defaultUserAgent,
        redirects: RedirectPolicy = .sameOrigin
    ) {
        self.redirects = redirects
        self.url = url
        self.headers = headers
        self.etag = etag
        self.lastModified = lastModified
        self.limits = limits
        self.cacheDirectory = cacheDirectory
        self.userAgent = userAgent
    }
}
