/// The bounds one fetch stays within.
///
/// Defaults: connect within 10 s, finish within 120 s, follow at most 5 redirects, accept at most
/// 200 MB of body, and make at most 4 attempts within 60 s of retrying.
public struct FetchLimits: Sendable, Hashable {
    /// Seconds allowed to establish the connection.
    public var connectTimeout: Double
    /// Seconds allowed for one whole attempt (connect, redirects and body).
    public var totalTimeout: Double
    /// Redirects followed before the fetch fails.
    public var maxRedirects: Int
    /// The largest body accepted, in bytes (after any `Content-Encoding` is removed).
    public var maxBodyBytes: Int64
    /// Attempts made in all, the first included (1 = no retries).
    public var maxAttempts: Int
    /// Seconds, from the first attempt, after which no further attempt is started.
    public var maxRetryTime: Double

    public init(
        connectTimeout: Double = 10, totalTimeout: Double = 120, maxRedirects: Int = 5,
        maxBodyBytes: Int64 = 200 * 1024 * 1024, maxAttempts: Int = 4, maxRetryTime: Double = 60
    ) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.maxRedirects = maxRedirects
        self.maxBodyBytes = maxBodyBytes
        self.maxAttempts = maxAttempts
        self.maxRetryTime = maxRetryTime
    }

    /// The defaults listed above.
    public static let standard = FetchLimits()
}
