import Foundation
import Logging

/// Fetches sources: http(s) with libcurl, `file://` URLs and plain paths from disk, into the
/// content-addressed cache, with conditional GET, retries and limits.
///
/// ```swift
/// let fetcher = Fetcher(logger: logger, progress: true)
/// switch try await fetcher.fetch(FetchRequest(url: url, etag: stored.etag, cacheDirectory: ".yardstick/cache")) {
/// case .notModified: // the source is unchanged; do not run its adapter again
/// case .fetched(let body): try await adapter.read(body.sourceInput(sourceID: id), into: sink)
/// }
/// ```
///
/// - Only `http`, `https` and `file` (or a path) are fetched. Redirects are followed by Yardstick, not
///   libcurl: only to http(s), only where `FetchRequest.redirects` allows (the same scheme, host and
///   port by default), never to a loopback, link-local or private address unless the configured URL
///   was one (checked on the address connected to), and without the configured headers once the
///   host changes. See `RedirectPolicy`.
/// - Connection errors, timeouts, `429` and `5xx` are retried with exponential backoff and jitter,
///   honouring `Retry-After`; any other `4xx` fails at once.
/// - Proxies come from the environment (`http_proxy`, `https_proxy`, `no_proxy`), as libcurl reads them.
/// - Header values are never logged; only their names are, at debug level.
public struct Fetcher: Sendable {
    let logger: Logger
    let progress: Bool

    /// A fetcher logging to `logger`; `progress` draws a bar on stderr (when it is a terminal)
    /// for downloads that take more than a second.
    public init(logger: Logger, progress: Bool = false) {
        self.logger = logger
        self.progress = progress
    }

    /// Fetches `request.url`, retrying within the request's limits.
    ///
    /// - Returns: `.notModified` when the validators still hold, else the body in the cache.
    /// - Throws: `FetchError` naming the URL, the status and what to do.
    public func fetch(_ request: FetchRequest) async throws -> FetchResult {
        let location = request.url
        if let local = Self.localPath(location) {
            return try fetchFile(local, request: request)
        }
        let lower = location.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
            let scheme = location.split(separator: ":", maxSplits: 1).first.map(String.init) ?? location
            throw FetchError(
                .unsupportedScheme,
                "\(Self.redacted(location)): scheme '\(scheme)' is not supported; use http://, https://, file:// or a path",
                url: location)
        }
        return try await fetchHTTP(request)
    }

    /// The local path for a `file://` URL or a plain path; `nil` for other URLs.
    static func localPath(_ location: String) -> String? {
        let lower = location.lowercased()
        if lower.hasPrefix("file://") {
            var rest = String(location.dropFirst(7))
            if rest.lowercased().hasPrefix("localhost/") { rest = String(rest.dropFirst(9)) }
            return rest.removingPercentEncoding ?? rest
        }
        if let colon = location.firstIndex(of: ":"), location[..<colon].count > 1,
            location[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }),
            location[colon...].hasPrefix("://")
        {
            return nil
        }
        return location
    }

    /// The URL for messages and logs: any `user:password@` and the values of query parameters
    /// that look like secrets (`key`, `token`, `secret`, `password`, `signature`) become `***`.
    static func redacted(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        var out = url
        let rest = url[schemeEnd.upperBound...]
        let hostEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        if let at = rest[..<hostEnd].lastIndex(of: "@") {
            out = String(url[..<schemeEnd.upperBound]) + "***@" + String(rest[rest.index(after: at)...])
        }
        guard let q = out.firstIndex(of: "?") else { return out }
        let fragmentStart = out[q...].firstIndex(of: "#") ?? out.endIndex
        let query = out[out.index(after: q)..<fragmentStart]
        let secretWords = ["key", "token", "secret", "password", "passwd", "signature", "sig", "auth"]
        let parts = query.split(separator: "&", omittingEmptySubsequences: false).map { part -> String in
            guard let eq = part.firstIndex(of: "=") else { return String(part) }
            let name = part[..<eq].lowercased()
            return secretWords.contains(where: { name.contains($0) }) ? "\(part[..<eq])=***" : String(part)
        }
        return String(out[...q]) + parts.joined(separator: "&") + String(out[fragmentStart...])
    }

    // MARK: - HTTP with retries

    private func fetchHTTP(_ request: FetchRequest) async throws -> FetchResult {
        let url = request.url
        let shown = Self.redacted(url)
        let policy = RetryPolicy(limits: request.limits)
        let cache = ContentCache(directory: request.cacheDirectory)
        let started = Date()
        var attempt = 0
        if !request.headers.isEmpty {
            logger.debug("request headers", metadata: ["url": "\(shown)", "names": "\(request.headers.keys.sorted())"])
        }
        /// Logs why the fetch is tried again (`reason`, with `why` as metadata) and waits `delay` seconds.
        func retry(_ reason: Logger.Message, _ why: (String, String), delay: Double) async throws {
            logger.warning(
                reason,
                metadata: [
                    "url": "\(shown)", why.0: "\(why.1)", "delay": "\(Self.seconds(delay))", "attempt": "\(attempt)",
                ])
            try await Task.sleep(nanoseconds: UInt64(delay * 1e9))
        }
        while true {
            attempt += 1
            logger.info("fetching", metadata: ["url": "\(shown)", "attempt": "\(attempt)"])
            let outcome: HTTPTransfer.Outcome
            do {
                outcome = try await HTTPTransfer.run(request, cache: cache, progress: progress)
            } catch var error as FetchError {
                error.attempts = attempt
                let retryable = error.code == .timeout || error.code == .connection
                let delay = policy.delay(afterAttempt: attempt, retryAfter: nil)
                guard retryable,
                    policy.allowsAnother(after: attempt, elapsed: Date().timeIntervalSince(started), delay: delay)
                else {
                    if retryable && attempt > 1 { error.message += " (gave up after \(attempt) attempts)" }
                    throw error
                }
                try await retry("fetch failed; retrying", ("error", "\(error.code)"), delay: delay)
                continue
            }
            let status = outcome.status
            if status == 304 {
                outcome.discard()
                logger.info("not modified", metadata: ["url": "\(shown)"])
                return .notModified(
                    NotModified(
                        url: url, finalURL: outcome.finalURL, status: 304, etag: outcome.etag ?? request.etag,
                        lastModified: outcome.lastModified ?? request.lastModified, attempts: attempt))
            }
            if (200...299).contains(status) {
                return .fetched(try finish(outcome, request: request, cache: cache, attempts: attempt))
            }
            outcome.discard()
            let elapsed = Date().timeIntervalSince(started)
            if RetryPolicy.isRetryable(status: status) {
                let delay = policy.delay(afterAttempt: attempt, retryAfter: outcome.retryAfter)
                if policy.allowsAnother(after: attempt, elapsed: elapsed, delay: delay) {
                    try await retry("server busy or failing; retrying", ("status", "\(status)"), delay: delay)
                    continue
                }
                var message = "\(shown): HTTP \(status) after \(attempt) attempt\(attempt == 1 ? "" : "s")"
                if let after = outcome.retryAfter, attempt < request.limits.maxAttempts {
                    message +=
                        "; the server asked to wait \(Self.seconds(after)) (Retry-After), beyond the retry budget of \(Self.seconds(request.limits.maxRetryTime))"
                }
                message += "; the server is failing or rate-limiting: try again later, or raise the retry limits"
                throw FetchError(.httpStatus, message, url: url, status: status, attempts: attempt)
            }
            throw FetchError(
                .httpStatus, "\(shown): HTTP \(status) \(Self.reason(status)); \(Self.advice(status))", url: url,
                status: status, attempts: attempt)
        }
    }

    private func finish(_ outcome: HTTPTransfer.Outcome, request: FetchRequest, cache: ContentCache, attempts: Int)
        throws -> FetchedBody
    {
        guard let temporary = outcome.temporaryPath else {
            throw FetchError(.transfer, "\(Self.redacted(request.url)): no body was received", url: request.url)
        }
        let raw = try cache.store(temporaryPath: temporary, sha256: outcome.sha256, url: request.url)
        var media = MediaType(contentType: outcome.contentType)
        let urlExtension = MediaType.fileExtension(of: outcome.finalURL)
        if media == nil || media?.essence == "application/octet-stream" || media?.essence == "text/plain" {
            if let guessed = MediaType.guess(fromPath: outcome.finalURL) {
                media = MediaType(essence: guessed.essence, charset: media?.charset)
            }
        }
        let converted = try BodyConverter(cache: cache).convert(
            rawPath: raw, sha256: outcome.sha256, byteCount: outcome.byteCount, mediaType: media,
            urlExtension: urlExtension, url: Self.redacted(request.url))
        logger.info(
            "fetched",
            metadata: [
                "url": "\(Self.redacted(request.url))", "status": "\(outcome.status)", "bytes": "\(outcome.byteCount)",
                "sha256": "\(outcome.sha256)", "charset": "\(converted.charset ?? "binary")",
            ])
        return FetchedBody(
            bodyPath: converted.bodyPath, bodyCharset: converted.bodyCharset, rawPath: raw, sha256: outcome.sha256,
            byteCount: outcome.byteCount, mediaType: media?.essence, charset: converted.charset, etag: outcome.etag,
            lastModified: outcome.lastModified, url: request.url, finalURL: outcome.finalURL, status: outcome.status,
            attempts: attempts)
    }

    static func seconds(_ s: Double) -> String {
        s < 10 ? String(format: "%.1f s", s) : String(format: "%.0f s", s)
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 410: "Gone"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: (300...399).contains(status) ? "redirect without a usable Location" : "unexpected status"
        }
    }

    static func advice(_ status: Int) -> String {
        switch status {
        case 401, 403: "check the source's headers (an expired or missing token?) and that the account may read it"
        case 404, 410: "check the URL in the pipeline file; the resource may have moved"
        case 300...399: "check the URL; the server redirects without a usable Location"
        default: "check the URL and the source's headers in the pipeline file"
        }
    }
}
