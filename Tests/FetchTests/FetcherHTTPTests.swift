import Fetch
import Foundation
import IndicatorKit
import TestSupport
import Testing

@Suite("Fetcher over HTTP against a local server", .serialized)
final class FetcherHTTPTests: Sendable {
    let fetcher = Fetcher(logger: quietLogger, progress: false)
    /// A server of each test's own, stopped when the test ends.
    let server: TestHTTPServer

    init() throws { server = try TestHTTPServer() }

    deinit { server.stop() }

    @Test("200: the body is cached by sha256 and handed on as UTF-8")
    func ok() async throws {
        let cache = makeCacheDirectory()
        let body = try await fetcher.body(server.url("/ok.csv"), cache: cache)
        #expect(body.status == 200)
        #expect(body.attempts == 1)
        #expect(body.mediaType == "text/csv")
        #expect(body.charset == "UTF-8")
        #expect(body.byteCount == Int64(okCSV.utf8.count))
        #expect(body.sha256 == SHA256.hex(of: Array(okCSV.utf8)))
        #expect(body.rawPath == "\(cache)/\(body.sha256.prefix(2))/\(body.sha256)")
        #expect(try String(contentsOfFile: body.rawPath, encoding: .utf8) == okCSV)
        #expect(try String(contentsOfFile: body.bodyPath, encoding: .utf8) == okCSV)
        #expect(body.bodyPath.hasSuffix(".csv"))
        let input = body.sourceInput(sourceID: "portal")
        #expect(input.sha256 == body.sha256)
        #expect(input.fileExtension == "csv")
        #expect(input.charset == "UTF-8")
    }

    @Test("304 on the second fetch with the stored ETag; Last-Modified is kept")
    func conditionalGet() async throws {
        let cache = makeCacheDirectory()
        let body = try await fetcher.body(server.url("/etag"), cache: cache)
        #expect(body.etag == "\"v1\"")
        #expect(body.lastModified == "Wed, 01 Mar 2023 08:00:00 GMT")
        let second = try await fetcher.fetch(
            FetchRequest(
                url: server.url("/etag"), etag: body.etag, lastModified: body.lastModified, limits: testLimits(),
                cacheDirectory: cache))
        guard case .notModified(let unchanged) = second else {
            Issue.record("expected 304 Not Modified, got \(second)")
            return
        }
        #expect(unchanged.status == 304)
        #expect(unchanged.etag == "\"v1\"")
        #expect(filesIn(cache).filter { !$0.hasPrefix("bodies/") }.count == 1)
    }

    @Test("503 then 200: retried, two attempts")
    func flaky() async throws {
        let key = UUID().uuidString
        let body = try await fetcher.body(server.url("/flaky?case=\(key)"))
        #expect(body.status == 200)
        #expect(body.attempts == 2)
        #expect(try await server.hits("/flaky", key: key) == 2)
    }

    @Test("429 with Retry-After: 1 waits a second before trying again")
    func rateLimited() async throws {
        let key = UUID().uuidString
        let started = Date()
        let result = try await fetcher.fetch(
            FetchRequest(
                url: server.url("/ratelimited?case=\(key)"), limits: testLimits(), cacheDirectory: makeCacheDirectory())
        )
        let waited = Date().timeIntervalSince(started)
        #expect(result.body?.attempts == 2)
        #expect(waited >= 1.0)
        #expect(try await server.hits("/ratelimited", key: key) == 2)
    }

    @Test("5xx every time: fails with the status after the attempt limit")
    func alwaysFailing() async throws {
        let key = UUID().uuidString
        let error = await fetcher.error(fetching: server.url("/always503?case=\(key)"), limits: testLimits(attempts: 3))
        #expect(error?.code == .httpStatus)
        #expect(error?.status == 503)
        #expect(error?.attempts == 3)
        #expect(try await server.hits("/always503", key: key) == 3)
    }

    @Test("404 fails at once with the status and the URL")
    func missing() async throws {
        let key = UUID().uuidString
        let url = server.url("/missing?case=\(key)")
        let error = await fetcher.error(fetching: url)
        #expect(error?.code == .httpStatus)
        #expect(error?.status == 404)
        #expect(error?.attempts == 1)
        #expect(error?.url == url)
        #expect(error?.message.contains(url) == true)
        #expect(error?.message.contains("404") == true)
        #expect(try await server.hits("/missing", key: key) == 1)
    }

    @Test("a response slower than the total timeout fails with a timeout")
    func slow() async throws {
        let started = Date()
        let error = await fetcher.error(
            fetching: server.url("/slow?seconds=60"), limits: testLimits(attempts: 1, total: 1))
        #expect(error?.code == .timeout)
        // Given up at the 1 s limit, long before the server's 60 s answer (loose, for a loaded machine).
        #expect(Date().timeIntervalSince(started) < 30)
    }

    @Test("a timeout is retried within the attempt limit")
    func slowRetried() async throws {
        let key = UUID().uuidString
        let error = await fetcher.error(
            fetching: server.url("/slow?seconds=3&case=\(key)"), limits: testLimits(attempts: 2, total: 0.5))
        #expect(error?.code == .timeout)
        #expect(error?.attempts == 2)
    }

    @Test("a body over the size limit is refused and nothing is stored", arguments: ["/big", "/big?chunked=1"])
    func tooLarge(path: String) async throws {
        let cache = makeCacheDirectory()
        let error = await fetcher.error(fetching: server.url(path), limits: testLimits(maxBody: 1 << 20), cache: cache)
        #expect(error?.code == .tooLarge)
        #expect(error?.attempts == 1)
        #expect(filesIn(cache).isEmpty)
    }

    @Test("gzip Content-Encoding is decoded; the cache holds the decoded bytes")
    func gzipEncoding() async throws {
        let body = try await fetcher.body(server.url("/gzip"))
        #expect(try String(contentsOfFile: body.bodyPath, encoding: .utf8) == okCSV)
        #expect(body.sha256 == SHA256.hex(of: Array(okCSV.utf8)))
    }

    @Test("a GBK CSV is converted to UTF-8; the raw bytes stay GBK", arguments: ["/gbk.csv", "/gbk-undeclared.csv"])
    func gbk(path: String) async throws {
        let body = try await fetcher.body(server.url(path))
        let expected = "指标,年份,数值,单位\n一般公共预算收入,2022,18.6,亿元\n粮食产量,2022,98.5,万吨\n"
        #expect(body.charset == "GB18030")
        #expect(body.bodyCharset == "UTF-8")
        #expect(try String(contentsOfFile: body.bodyPath, encoding: .utf8) == expected)
        let raw = try [UInt8](Data(contentsOf: URL(fileURLWithPath: body.rawPath)))
        #expect(raw.count == Int(body.byteCount))
        #expect(String(validating: raw, as: UTF8.self) == nil)
        #expect(raw.count < expected.utf8.count)
    }

    @Test("a charset that cannot be converted is an error naming the URL and the charset")
    func unsupportedCharset() async throws {
        let url = server.url("/koi8.csv")
        let error = await fetcher.error(fetching: url)
        #expect(error?.code == .undecodableBody)
        #expect(error?.message.contains(url) == true)
        #expect(error?.message.contains("KOI8-R") == true)
    }

    @Test("a latin-1 body is converted to UTF-8")
    func latin1Body() async throws {
        let body = try await fetcher.body(server.url("/latin1.csv"))
        #expect(body.bodyCharset == "UTF-8")
        #expect(try String(contentsOfFile: body.bodyPath, encoding: .utf8) == "name,value\ncafé,1\n")
    }

    @Test("a redirect loop stops at the redirect limit")
    func loop() async throws {
        let error = await fetcher.error(fetching: server.url("/loop"), limits: testLimits(redirects: 3))
        #expect(error?.code == .tooManyRedirects)
        #expect(error?.attempts == 1)
    }

    @Test("a redirect to file:///etc/passwd is refused")
    func redirectToFile() async throws {
        let cache = makeCacheDirectory()
        let error = await fetcher.error(fetching: server.url("/to-file"), cache: cache)
        #expect(error?.code == .redirectRefused)
        #expect(filesIn(cache).isEmpty)
    }

    @Test("an ordinary redirect is followed and the final URL reported")
    func redirect() async throws {
        let body = try await fetcher.body(server.url("/moved"))
        #expect(body.finalURL == server.url("/ok.csv"))
        #expect(try String(contentsOfFile: body.bodyPath, encoding: .utf8) == okCSV)
    }

    @Test("headers are sent, the User-Agent names Yardstick, and errors never show header values")
    func headers() async throws {
        let body = try await fetcher.body(server.url("/headers"), headers: ["Authorization": "Bearer secret-token-123"])
        let text = try String(contentsOfFile: body.bodyPath, encoding: .utf8)
        #expect(text.contains("authorized=True"))
        #expect(text.contains("agent=Yardstick/"))
        let error = await fetcher.error(
            fetching: server.url("/missing"), headers: ["Authorization": "Bearer secret-token-123"])
        #expect(error?.status == 404)
        #expect(error?.message.contains("secret-token-123") == false)
    }

    @Test("nothing listening: a connection error after the retries")
    func refused() async throws {
        let url = server.url("/ok.csv")
        server.stop()
        let error = await fetcher.error(fetching: url, limits: testLimits(attempts: 2, retryTime: 5))
        #expect(error?.code == .connection)
        #expect(error?.attempts == 2)
    }

    @Test(
        "schemes other than http, https and file are refused", arguments: ["ftp://example.org/a.csv", "gopher://x/1"])
    func scheme(url: String) async throws {
        let error = await fetchError {
            try await fetcher.fetch(FetchRequest(url: url, cacheDirectory: makeCacheDirectory()))
        }
        #expect(error?.code == .unsupportedScheme)
    }
}
