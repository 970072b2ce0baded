import CCurl
import Foundation
import IndicatorKit

/// One HTTP attempt with libcurl: the body streams into a temporary file in the cache while its
/// sha256 is computed; the response's status, validators and `Retry-After` come back with it.
enum HTTPTransfer {
    /// The result of one attempt that got a response.
    struct Outcome: Sendable {
        var status: Int
        var finalURL: String
        var contentType: String?
        var etag: String?
        var lastModified: String?
        var retryAfter: Double?
        var temporaryPath: String?
        var sha256: String
        var byteCount: Int64

        /// Removes the temporary body (for 304, errors and retries).
        func discard() {
            if let temporaryPath { unlink(temporaryPath) }
        }
    }

    /// State shared with libcurl's C callbacks for one transfer (used on one thread only).
    final class State: @unchecked Sendable {
        let fd: Int32
        let limit: Int64
        var hasher = SHA256()
        var bytes: Int64 = 0
        var exceeded = false
        var writeErrno: Int32 = 0
        let progress: ProgressBar?

        init(fd: Int32, limit: Int64, progress: ProgressBar?) {
            self.fd = fd
            self.limit = limit
            self.progress = progress
        }
    }

    private static let globalInit: Bool = {
        curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK
    }()

    /// Runs one attempt on a background thread (libcurl's easy interface blocks).
    static func run(_ request: FetchRequest, cache: ContentCache, progress: Bool) async throws -> Outcome {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Outcome, Error>) in
            Thread.detachNewThread {
                continuation.resume(with: Result { try perform(request, cache: cache, progress: progress) })
            }
        }
    }

    static func perform(_ request: FetchRequest, cache: ContentCache, progress: Bool) throws -> Outcome {
        let url = request.url
        let shown = Fetcher.redacted(url)
        guard globalInit, let curl = curl_easy_init() else {
            throw FetchError(.transfer, "\(shown): libcurl could not be initialised", url: url)
        }
        defer { curl_easy_cleanup(curl) }
        let (fd, temporary) = try cache.makeTemporaryFile(url: shown)
        var keepFile = false
        defer {
            close(fd)
            if !keepFile { unlink(temporary) }
        }
        let state = State(
            fd: fd, limit: request.limits.maxBodyBytes, progress: ProgressBar.make(label: shown, enabled: progress))
        let unmanaged = Unmanaged.passRetained(state)
        defer { unmanaged.release() }

        var headers: UnsafeMutablePointer<curl_slist>? = nil
        defer { curl_slist_free_all(headers) }
        func addHeader(_ line: String) { headers = curl_slist_append(headers, line) }
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) { addHeader("\(name): \(value)") }
        if let etag = request.etag { addHeader("If-None-Match: \(etag)") }
        if let lastModified = request.lastModified { addHeader("If-Modified-Since: \(lastModified)") }

        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let limits = request.limits
        var setupFailed: CURLcode = CURLE_OK
        func check(_ rc: CURLcode) { if rc != CURLE_OK && setupFailed == CURLE_OK { setupFailed = rc } }
        check(yardstick_curl_setopt_string(curl, CURLOPT_URL, url))
        check(yardstick_curl_setopt_string(curl, CURLOPT_PROTOCOLS_STR, "http,https"))
        check(yardstick_curl_setopt_string(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"))
        check(yardstick_curl_setopt_long(curl, CURLOPT_FOLLOWLOCATION, 1))
        check(yardstick_curl_setopt_long(curl, CURLOPT_MAXREDIRS, limits.maxRedirects))
        check(yardstick_curl_setopt_long(curl, CURLOPT_CONNECTTIMEOUT_MS, Int(limits.connectTimeout * 1000)))
        check(yardstick_curl_setopt_long(curl, CURLOPT_TIMEOUT_MS, Int(limits.totalTimeout * 1000)))
        check(yardstick_curl_setopt_string(curl, CURLOPT_ACCEPT_ENCODING, ""))
        check(yardstick_curl_setopt_string(curl, CURLOPT_USERAGENT, request.userAgent))
        check(yardstick_curl_setopt_off_t(curl, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(limits.maxBodyBytes)))
        check(yardstick_curl_setopt_long(curl, CURLOPT_NOSIGNAL, 1))
        check(yardstick_curl_setopt_slist(curl, CURLOPT_HTTPHEADER, headers))
        check(yardstick_curl_setopt_write_function(curl, CURLOPT_WRITEFUNCTION, writeBody))
        check(yardstick_curl_setopt_pointer(curl, CURLOPT_WRITEDATA, unmanaged.toOpaque()))
        if state.progress != nil {
            check(yardstick_curl_setopt_long(curl, CURLOPT_NOPROGRESS, 0))
            check(yardstick_curl_setopt_xferinfo_function(curl, CURLOPT_XFERINFOFUNCTION, reportProgress))
            check(yardstick_curl_setopt_pointer(curl, CURLOPT_XFERINFODATA, unmanaged.toOpaque()))
        }
        guard setupFailed == CURLE_OK else {
            throw FetchError(
                .transfer, "\(shown): libcurl rejected an option (\(String(cString: curl_easy_strerror(setupFailed))))",
                url: url)
        }
        let rc = errorBuffer.withUnsafeMutableBufferPointer { buffer -> CURLcode in
            _ = yardstick_curl_setopt_pointer(curl, CURLOPT_ERRORBUFFER, buffer.baseAddress)
            let rc = curl_easy_perform(curl)
            _ = yardstick_curl_setopt_pointer(curl, CURLOPT_ERRORBUFFER, nil)
            return rc
        }
        state.progress?.finish()

        var status = 0
        var code: Int = 0
        _ = yardstick_curl_getinfo_long(curl, CURLINFO_RESPONSE_CODE, &code)
        status = code
        var effective: UnsafeMutablePointer<CChar>? = nil
        _ = yardstick_curl_getinfo_string(curl, CURLINFO_EFFECTIVE_URL, &effective)
        let finalURL = effective.map { String(cString: $0) } ?? url

        if rc != CURLE_OK {
            let buffered = errorBuffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            let detail = buffered.isEmpty ? String(cString: curl_easy_strerror(rc)) : buffered
            throw failure(rc, detail: detail, state: state, request: request, status: status, finalURL: finalURL)
        }
        var contentType: UnsafeMutablePointer<CChar>? = nil
        _ = yardstick_curl_getinfo_string(curl, CURLINFO_CONTENT_TYPE, &contentType)
        var retryAfter: curl_off_t = 0
        _ = yardstick_curl_getinfo_off_t(curl, CURLINFO_RETRY_AFTER, &retryAfter)
        keepFile = (200...299).contains(status)
        return Outcome(
            status: status, finalURL: finalURL, contentType: contentType.map { String(cString: $0) },
            etag: header(curl, "ETag"), lastModified: header(curl, "Last-Modified"),
            retryAfter: header(curl, "Retry-After") != nil ? Double(retryAfter) : nil,
            temporaryPath: keepFile ? temporary : nil, sha256: state.hasher.finalizeHex(), byteCount: state.bytes)
    }

    /// The last response's value of header `name`.
    private static func header(_ curl: UnsafeMutableRawPointer, _ name: String) -> String? {
        var out: UnsafeMutablePointer<curl_header>? = nil
        guard curl_easy_header(curl, name, 0, UInt32(CURLH_HEADER), -1, &out) == CURLHE_OK, let h = out,
            let value = h.pointee.value
        else { return nil }
        return String(cString: value)
    }

    private static func failure(
        _ rc: CURLcode, detail: String, state: State, request: FetchRequest, status: Int, finalURL: String
    ) -> FetchError {
        let url = request.url
        let shown = Fetcher.redacted(url)
        let limits = request.limits
        switch rc {
        case CURLE_FILESIZE_EXCEEDED:
            return FetchError(
                .tooLarge,
                "\(shown): the body is larger than the limit of \(limits.maxBodyBytes) bytes; nothing was kept. Raise the source's max body size if the file is expected to be this big",
                url: url, status: status)
        case CURLE_WRITE_ERROR where state.exceeded:
            return FetchError(
                .tooLarge,
                "\(shown): the body grew past the limit of \(limits.maxBodyBytes) bytes; the download was stopped and nothing was kept. Raise the source's max body size if the file is expected to be this big",
                url: url, status: status)
        case CURLE_WRITE_ERROR:
            return FetchError(
                .cacheFailure,
                "\(shown): cannot write the body into the cache \(request.cacheDirectory) (\(String(cString: strerror(state.writeErrno)))); check free space and permissions",
                url: url, status: status)
        case CURLE_UNSUPPORTED_PROTOCOL:
            return FetchError(
                .redirectRefused,
                "\(shown): refused to follow a redirect to a scheme other than http or https (\(detail)); point the source at the final http(s) URL",
                url: url, status: status)
        case CURLE_TOO_MANY_REDIRECTS:
            return FetchError(
                .tooManyRedirects,
                "\(shown): more than \(limits.maxRedirects) redirects (last at \(Fetcher.redacted(finalURL))); the server may be redirecting in a loop: check the URL",
                url: url, status: status)
        case CURLE_OPERATION_TIMEDOUT:
            return FetchError(
                .timeout,
                "\(shown): timed out (connect limit \(Fetcher.seconds(limits.connectTimeout)), total limit \(Fetcher.seconds(limits.totalTimeout))): \(detail); try again later or raise the source's timeout",
                url: url, status: status == 0 ? nil : status)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT, CURLE_SEND_ERROR,
            CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_SSL_CONNECT_ERROR, CURLE_HTTP2,
            CURLE_HTTP2_STREAM:
            return FetchError(
                .connection,
                "\(shown): connection failed: \(detail); check the host name, the network and any proxy settings (http_proxy, https_proxy)",
                url: url, status: status == 0 ? nil : status)
        default:
            return FetchError(
                .transfer, "\(shown): transfer failed: \(detail)", url: url, status: status == 0 ? nil : status)
        }
    }
}

/// libcurl's write callback: hash the chunk, append it to the temporary file, stop past the limit.
private let writeBody: yardstick_curl_write_callback = { pointer, size, count, userdata in
    guard let userdata, let pointer else { return 0 }
    let state = Unmanaged<HTTPTransfer.State>.fromOpaque(userdata).takeUnretainedValue()
    let n = size * count
    if state.bytes + Int64(n) > state.limit {
        state.exceeded = true
        return 0
    }
    state.hasher.update(
        UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: n))
    var offset = 0
    while offset < n {
        let w = write(state.fd, pointer + offset, n - offset)
        if w < 0 {
            if errno == EINTR { continue }
            state.writeErrno = errno
            return 0
        }
        offset += w
    }
    state.bytes += Int64(n)
    return n
}

/// libcurl's transfer-info callback: feed the progress bar.
private let reportProgress: yardstick_curl_xferinfo_callback = { userdata, total, now, _, _ in
    guard let userdata else { return 0 }
    let state = Unmanaged<HTTPTransfer.State>.fromOpaque(userdata).takeUnretainedValue()
    state.progress?.update(received: Int64(now), total: Int64(total))
    return 0
}
