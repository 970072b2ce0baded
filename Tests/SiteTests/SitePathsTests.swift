import Testing

@testable import Serve
@testable import Site

@Suite struct SitePathsTests {
    @Test(arguments: ["china-2022", "speech", "bulletin_2021", "柘城县", "a.b", "a~b", "a/b", "..", "%2e"])
    func aSlugLeadsBackToItsNameAndIsOneSafeSegment(name: String) {
        let slug = SitePaths.slug(name)
        #expect(SitePaths.name(fromSlug: slug) == name)
        #expect(slug.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_~".contains($0)) }, "\(slug)")
    }

    @Test(arguments: ["~2", "~ZZ", "a~2e", "", "~2E~2E~2"])
    func aStringThatNoNameMakesIsNoSlug(slug: String) {
        // "~2e" is not what slug() writes (it writes "~2E"), so each page has one path only.
        #expect(SitePaths.name(fromSlug: slug) == nil)
    }

    @Test func pagesLinkBackToTheRoot() {
        #expect(SitePaths.up(from: SitePaths.index) == "")
        #expect(SitePaths.up(from: SitePaths.pipeline("x")) == "../")
        #expect(SitePaths.up(from: SitePaths.source(pipeline: "x", source: "y")) == "../../")
    }
}

@Suite struct ServeRulesTests {
    @Test(arguments: [
        ("/", true), ("/index.html", true), ("/pipelines/china-2022.html", true), ("/sources/a/b.html", true),
        ("/../../etc/passwd", false), ("/a/../b", false), ("/./index.html", false), ("/%2e%2e/etc/passwd", false),
        ("/assets/..%2fx", false), ("/a\\..\\b", false), ("//etc/passwd", false), ("etc/passwd", false),
    ])
    func onlyPathsInsideTheSitePass(path: String, confined: Bool) {
        #expect(SecurityRules.isConfined(path) == confined)
    }

    @Test func theBearerTokenMustMatchExactly() {
        let token = "0123456789abcdef"
        #expect(SecurityRules.authorized("Bearer 0123456789abcdef", token: token))
        #expect(!SecurityRules.authorized("Bearer 0123456789abcdeg", token: token))
        #expect(!SecurityRules.authorized("Bearer 0123456789abcdef0", token: token))
        #expect(!SecurityRules.authorized("Bearer 0123456789abcde", token: token))
        #expect(!SecurityRules.authorized("Basic 0123456789abcdef", token: token))
        #expect(!SecurityRules.authorized(nil, token: token))
    }

    @Test(arguments: [
        ("127.0.0.1", true), ("127.1.2.3", true), ("localhost", true), ("::1", true), ("[::1]", true),
        ("0.0.0.0", false), ("192.168.1.10", false), ("::", false), ("example.org", false), ("127.0.0.256", false),
    ])
    func loopbackIsOnlyThisMachine(host: String, loopback: Bool) {
        #expect(ServeConfiguration.isLoopback(host) == loopback)
    }

    @Test func offLoopbackWithoutATokenDoesNotStart() throws {
        #expect(throws: ServeError.self) {
            _ = try ServeConfiguration.token(fromFile: "/nonexistent/token")
        }
    }
}
