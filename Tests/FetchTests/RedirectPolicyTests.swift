import Foundation
import TestSupport
import Testing

@testable import Fetch

/// Redirects between loopback names and ports of one local server (nothing here can reach another
/// machine); the metadata-address and other-host cases run in a network namespace in YardstickCLITests.
@Suite("Redirects stay where they were pointed", .serialized)
struct RedirectPolicyTests {
    let fetcher = Fetcher(logger: quietLogger, progress: false)
    let secret = ["X-Api-Key": "secret-value-42"]

    @Test("a redirect on the same scheme, host and port keeps the configured headers")
    func sameOriginKeepsHeaders() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let body = try #require(
            try await fetcher.fetch(
                FetchRequest(
                    url: server.url("/redirect?to=/headers"), headers: secret, limits: testLimits(),
                    cacheDirectory: makeCacheDirectory())
            ).body)
        #expect(body.finalURL == server.url("/headers"))
        #expect(try String(contentsOfFile: body.bodyPath, encoding: .utf8).contains("x-api-key"))
    }

    @Test("a redirect to another host name is refused by default, naming the target")
    func otherHostRefused() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let target = "http://localhost:\(server.port)/headers"
        let cache = makeCacheDirectory()
        let error = await fetchError {
            try await fetcher.fetch(
                FetchRequest(
                    url: server.url("/redirect?to=\(target)"), headers: secret, limits: testLimits(),
                    cacheDirectory: cache))
        }
        #expect(error?.code == .redirectRefused)
        #expect(error?.message.contains(target) == true)
        #expect(error?.message.contains("follow-redirects") == true)
        #expect(error?.message.contains("secret-value-42") == false)
        #expect(error?.attempts == 1)
        #expect(filesIn(cache).isEmpty)
    }

    @Test("a redirect to another port of the same host is another origin too")
    func otherPortRefused() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let error = await fetchError {
            try await fetcher.fetch(
                FetchRequest(
                    url: server.url("/redirect?to=http://127.0.0.1:\(server.port == 65535 ? 1 : server.port + 1)/"),
                    limits: testLimits(), cacheDirectory: makeCacheDirectory()))
        }
        #expect(error?.code == .redirectRefused)
    }

    @Test(
        "allowed to another host, the redirect drops every configured header",
        arguments: [RedirectPolicy.any, .hosts(["LOCALHOST"])])
    func otherHostAllowedDropsHeaders(policy: RedirectPolicy) async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let target = "http://localhost:\(server.port)/headers"
        let body = try #require(
            try await fetcher.fetch(
                FetchRequest(
                    url: server.url("/redirect?to=\(target)"),
                    headers: secret.merging(["Authorization": "Bearer secret-token-123"]) { $1 },
                    limits: testLimits(), cacheDirectory: makeCacheDirectory(), redirects: policy)
            ).body)
        #expect(body.finalURL == target)
        let text = try String(contentsOfFile: body.bodyPath, encoding: .utf8)
        #expect(text.contains("names="))
        #expect(!text.contains("x-api-key"))
        #expect(!text.contains("authorization"))
    }

    @Test(
        "address classes",
        arguments: [
            ([127, 0, 0, 1], AddressClass.loopback), ([169, 254, 169, 254], .linkLocal),
            ([10, 1, 2, 3], .privateNetwork),
            ([172, 20, 0, 1], .privateNetwork), ([192, 168, 1, 1], .privateNetwork),
            ([100, 100, 0, 1], .privateNetwork),
            ([0, 0, 0, 0], .privateNetwork), ([8, 8, 8, 8], .publicNetwork), ([172, 32, 0, 1], .publicNetwork),
            ([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], .loopback),
            ([0xFE, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], .linkLocal),
            ([0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], .privateNetwork),
            ([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 169, 254, 169, 254], .linkLocal),
            ([0x24, 0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], .publicNetwork),
        ] as [([UInt8], AddressClass)])
    func classes(bytes: [UInt8], expected: AddressClass) {
        #expect(AddressClass(addressBytes: bytes) == expected)
    }

    @Test func origins() {
        #expect(URLOrigin("http://A.example.org/x") == URLOrigin("http://a.example.org:80/y?z"))
        #expect(URLOrigin("https://a.example.org/") != URLOrigin("http://a.example.org/"))
        #expect(URLOrigin("http://user:pw@a.example.org:8080/")?.port == 8080)
        #expect(URLOrigin("http://[::1]:9/")?.host == "::1")
        #expect(URLOrigin("http://evil.example@good.example/")?.host == "good.example")
    }
}
