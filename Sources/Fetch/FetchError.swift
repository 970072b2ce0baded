import IndicatorKit

/// A fetch that failed: what went wrong, for which URL, and what to do about it.
///
/// Messages name the URL and the HTTP status; request header values never appear in them.
public struct FetchError: CodedError {
    /// A stable, extensible error code.
    public typealias Code = ErrorCode<FetchError>

    public var code: Code
    /// What failed and how to fix it; names the URL and the status.
    public var message: String
    /// The location concerned.
    public var url: String
    /// The last HTTP status, when a response arrived.
    public var status: Int?
    /// Attempts made before giving up.
    public var attempts: Int

    public init(_ code: Code, _ message: String, url: String, status: Int? = nil, attempts: Int = 1) {
        self.code = code
        self.message = message
        self.url = url
        self.status = status
        self.attempts = attempts
    }
}

extension ErrorCode where Domain == FetchError {
    /// The location is not http, https, file or a path.
    public static var unsupportedScheme: Self { Self(rawValue: "unsupported-scheme") }
    /// A redirect pointed to a scheme other than http or https (such as file://).
    public static var redirectRefused: Self { Self(rawValue: "redirect-refused") }
    /// More redirects than `FetchLimits.maxRedirects`.
    public static var tooManyRedirects: Self { Self(rawValue: "too-many-redirects") }
    /// The server answered with a status that is not success (4xx, or 429/5xx after the retries).
    public static var httpStatus: Self { Self(rawValue: "http-status") }
    /// A connect or total timeout.
    public static var timeout: Self { Self(rawValue: "timeout") }
    /// The host could not be resolved or reached, or the connection broke.
    public static var connection: Self { Self(rawValue: "connection") }
    /// The body is larger than `FetchLimits.maxBodyBytes`; nothing was kept.
    public static var tooLarge: Self { Self(rawValue: "too-large") }
    /// A text body in a charset that cannot be converted to UTF-8.
    public static var undecodableBody: Self { Self(rawValue: "undecodable-body") }
    /// A local file that cannot be read.
    public static var unreadableFile: Self { Self(rawValue: "unreadable-file") }
    /// The cache directory cannot be written.
    public static var cacheFailure: Self { Self(rawValue: "cache-failure") }
    /// Any other transfer error reported by libcurl.
    public static var transfer: Self { Self(rawValue: "transfer") }
}
