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
        /// The absolute `Location` of a 3xx response (not followed by libcurl).
        var redirectURL: String? = nil

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
        let addresses: AddressGuard

        init(fd: Int32, limit: Int64, progress: ProgressBar?, addresses: AddressGuard) {
            self.fd = fd
            self.limit = limit
            self.progress = progress
            self.addresses = addresses
        }
    }

    /// The address check shared by the hops of one attempt: the first hop records the kinds of
    /// address the configured URL connected to; a redirect hop may connect to a loopback, link-local
    /// or private address only when the first hop did to the same kind.
    final class AddressGuard: @unchecked Sendable {
        var redirectHop = false
        var original: Set<AddressClass> = []
        /// The address refused, with its kind, when a connection was stopped.
        var refused: (address: String, kind: AddressClass)?

        func permits(_ bytes: [UInt8]) -> Bool {
            let kind = AddressClass(addressBytes: bytes)
            if !redirectHop {
                original.insert(kind)
                return true
            }
            if kind == .publicNetwork || original.contains(kind) { return true }
            refused = (AddressClass.text(bytes), kind)
            return false
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

    /// Runs the hops of one attempt: libcurl does not follow redirects itself; each `Location` is
    /// checked against the request's redirect policy (and its address as the hop connects) first.
    static func perform(_ request: FetchRequest, cache: ContentCache, progress: Bool) throws -> Outcome {
        let addresses = AddressGuard()
        var hop = request
        var redirects = 0
        while true {
            let outcome = try performHop(hop, original: request, cache: cache, progress: progress, addresses: addresses)
            guard (300...399).contains(outcome.status), outcome.status != 304, let next = outcome.redirectURL else {
                return outcome
            }
            outcome.discard()
            redirects += 1
            let shown = Fetcher.redacted(request.url)
            let target = Fetcher.redacted(next)
            guard redirects <= request.limits.maxRedirects else {
                throw FetchError(
                    .tooManyRedirects,
                    "\(shown): more than \(request.limits.maxRedirects) redirects (last to \(target)); the server may be redirecting in a loop: check the URL",
                    url: request.url, status: outcome.status)
            }
            let lower = next.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
                throw FetchError(
                    .redirectRefused,
                    "\(shown): refused to follow a redirect to \(target): a scheme other than http or https; point the source at the final http(s) URL",
                    url: request.url, status: outcome.status)
            }
            guard let from = URLOrigin(hop.url), let to = URLOrigin(next) else {
                throw FetchError(
                    .redirectRefused, "\(shown): refused to follow a redirect to \(target): not a usable URL",
                    url: request.url, status: outcome.status)
            }
            guard request.redirects.allows(from: from, to: to) else {
                throw FetchError(
                    .redirectRefused,
                    "\(shown): refused to follow a redirect to \(target) (\(to.host)): it leaves \(from); point the source's location at the new URL, or allow it with the source's follow-redirects (any, or a list of hosts)",
                    url: request.url, status: outcome.status)
            }
            if from != to {
                // Secrets configured for one host never travel to another.
                hop.headers = [:]
                hop.etag = nil
                hop.lastModified = nil
            }
            hop.url = next
            addresses.redirectHop = true
        }
    }

    /// One request without following redirects.
    static func performHop(
        _ request: FetchRequest, original: FetchRequest, cache: ContentCache, progress: Bool, addresses: AddressGuard
    ) throws -> Outcome {
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
            fd: fd, limit: request.limits.maxBodyBytes, progress: ProgressBar.make(label: shown, enabled: progress),
            addresses: addresses)
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
        check(yardstick_curl_setopt_long(curl, CURLOPT_FOLLOWLOCATION, 0))
        check(yardstick_curl_setopt_opensocket_function(curl, CURLOPT_OPENSOCKETFUNCTION, openCheckedSocket))
        check(yardstick_curl_setopt_pointer(curl, CURLOPT_OPENSOCKETDATA, unmanaged.toOpaque()))
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

        if rc != CURLE_OK, let refused = addresses.refused {
            let origin = Fetcher.redacted(original.url)
            throw FetchError(
                .redirectRefused,
                "\(origin): refused to follow a redirect to \(shown): it resolves to \(refused.address), a \(refused.kind.rawValue) address, and the source's URL is not one; no connection was made. Point the source's location at the final URL if it is meant",
                url: original.url, status: nil)
        }
        if rc != CURLE_OK {
            let buffered = errorBuffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            let detail = buffered.isEmpty ? String(cString: curl_easy_strerror(rc)) : buffered
            throw failure(rc, detail: detail, state: state, request: request, status: status, finalURL: finalURL)
        }
        var contentType: UnsafeMutablePointer<CChar>? = nil
        _ = yardstick_curl_getinfo_string(curl, CURLINFO_CONTENT_TYPE, &contentType)
        var redirect: UnsafeMutablePointer<CChar>? = nil
        _ = yardstick_curl_getinfo_string(curl, CURLINFO_REDIRECT_URL, &redirect)
        var retryAfter: curl_off_t = 0
        _ = yardstick_curl_getinfo_off_t(curl, CURLINFO_RETRY_AFTER, &retryAfter)
        keepFile = (200...299).contains(status)
        return Outcome(
            status: status, finalURL: finalURL, contentType: contentType.map { String(cString: $0) },
            etag: header(curl, "ETag"), lastModified: header(curl, "Last-Modified"),
            retryAfter: header(curl, "Retry-After") != nil ? Double(retryAfter) : nil,
            temporaryPath: keepFile ? temporary : nil, sha256: state.hasher.finalizeHex(), byteCount: state.bytes,
            redirectURL: redirect.map { String(cString: $0) })
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
        /// The error of `code` naming the URL; a status of 0 (no response) is none where `zeroIsNoStatus`.
        func fail(_ code: FetchError.Code, _ message: String, zeroIsNoStatus: Bool = false) -> FetchError {
            FetchError(code, "\(shown): " + message, url: url, status: zeroIsNoStatus && status == 0 ? nil : status)
        }
        switch rc {
        case CURLE_FILESIZE_EXCEEDED:
            return fail(
                .tooLarge,
                "the body is larger than the limit of \(limits.maxBodyBytes) bytes; nothing was kept. Raise the source's max-body-size (e.g. max-body-size: 500MB) if it is expected to be this big"
            )
        case CURLE_WRITE_ERROR where state.exceeded:
            return fail(
                .tooLarge,
                "the body grew past the limit of \(limits.maxBodyBytes) bytes; the download was stopped and nothing was kept. Raise the source's max-body-size (e.g. max-body-size: 500MB) if it is expected to be this big"
            )
        case CURLE_WRITE_ERROR:
            return fail(
                .cacheFailure,
                "cannot write the body into the cache \(request.cacheDirectory) (\(String(cString: strerror(state.writeErrno)))); check free space and permissions"
            )
        case CURLE_UNSUPPORTED_PROTOCOL:
            return fail(
                .redirectRefused,
                "refused to follow a redirect to a scheme other than http or https (\(detail)); point the source at the final http(s) URL"
            )
        case CURLE_TOO_MANY_REDIRECTS:
            return fail(
                .tooManyRedirects,
                "more than \(limits.maxRedirects) redirects (last at \(Fetcher.redacted(finalURL))); the server may be redirecting in a loop: check the URL"
            )
        case CURLE_OPERATION_TIMEDOUT:
            return fail(
                .timeout,
                "timed out (connect limit \(Fetcher.seconds(limits.connectTimeout)), total limit \(Fetcher.seconds(limits.totalTimeout))): \(detail); try again later or raise the source's timeout (seconds, for the whole transfer)",
                zeroIsNoStatus: true)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT, CURLE_SEND_ERROR,
            CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_SSL_CONNECT_ERROR, CURLE_HTTP2,
            CURLE_HTTP2_STREAM:
            return fail(
                .connection,
                "connection failed: \(detail); check the host name, the network and any proxy settings (http_proxy, https_proxy)",
                zeroIsNoStatus: true)
        default:
            return fail(.transfer, "transfer failed: \(detail)", zeroIsNoStatus: true)
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

/// libcurl's open-socket callback: refuse an address the redirect rules forbid before any connection.
private let openCheckedSocket: yardstick_curl_opensocket_callback = { userdata, _, address in
    guard let userdata, let address else { return CURL_SOCKET_BAD }
    let state = Unmanaged<HTTPTransfer.State>.fromOpaque(userdata).takeUnretainedValue()
    var bytes = [UInt8](repeating: 0, count: 16)
    let n = Int(yardstick_curl_sockaddr_ip(address, &bytes))
    if n == 4 || n == 16 {
        guard state.addresses.permits(Array(bytes[0..<n])) else { return CURL_SOCKET_BAD }
    } else if state.addresses.redirectHop {
        return CURL_SOCKET_BAD
    }
    return yardstick_curl_open_socket(address)
}
