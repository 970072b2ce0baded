import Fetch
import Foundation
import IndicatorKit
import TestSupport
import Testing

@Suite("Fetcher on local files")
struct FetcherFileTests {
    let fetcher = Fetcher(logger: quietLogger)

    func writeTemporary(_ bytes: [UInt8], name: String) throws -> String {
        let dir = makeCacheDirectory()
        let path = "\(dir)/\(name)"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("a path and a file:// URL are read, hashed and cached alike")
    func pathAndFileURL() async throws {
        let path = try writeTemporary(Array(okCSV.utf8), name: "local data.csv")
        let cache = makeCacheDirectory()
        let byPath = try #require(try await fetcher.fetch(FetchRequest(url: path, cacheDirectory: cache)).body)
        let fileURL = "file://" + path.replacingOccurrences(of: " ", with: "%20")
        let byURL = try #require(try await fetcher.fetch(FetchRequest(url: fileURL, cacheDirectory: cache)).body)
        #expect(byPath.sha256 == SHA256.hex(of: Array(okCSV.utf8)))
        #expect(byURL.sha256 == byPath.sha256)
        #expect(byPath.status == nil)
        #expect(byPath.mediaType == "text/csv")
        #expect(try String(contentsOfFile: byPath.bodyPath, encoding: .utf8) == okCSV)
        #expect(byPath.etag == "\"sha256:\(byPath.sha256)\"")
    }

    @Test("the same bytes with the stored synthetic ETag are not modified; changed bytes are fetched")
    func unchangedFile() async throws {
        let path = try writeTemporary(Array(okCSV.utf8), name: "a.csv")
        let cache = makeCacheDirectory()
        let first = try #require(try await fetcher.fetch(FetchRequest(url: path, cacheDirectory: cache)).body)
        let again = try await fetcher.fetch(FetchRequest(url: path, etag: first.etag, cacheDirectory: cache))
        #expect(again.isNotModified)
        try Data((okCSV + "粮食产量,2022,98.5,万吨\n").utf8).write(to: URL(fileURLWithPath: path))
        let changed = try await fetcher.fetch(FetchRequest(url: path, etag: first.etag, cacheDirectory: cache))
        #expect(changed.body != nil)
        #expect(changed.body?.sha256 != first.sha256)
    }

    @Test("a GBK file is converted to UTF-8")
    func gbkFile() async throws {
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let body = try #require(
            try await fetcher.fetch(
                FetchRequest(
                    url: fixtures.appendingPathComponent("gbk-bulletin.txt").path, cacheDirectory: makeCacheDirectory())
            ).body)
        #expect(body.charset == "GB18030")
        let text = try String(contentsOfFile: body.bodyPath, encoding: .utf8)
        #expect(text.contains("示例县（虚构，用于测试）"))
        #expect(text.contains("全县地区生产总值增长6.5%"))
    }

    @Test("an XML body in GBK is converted and its declaration says UTF-8")
    func gbkXML() async throws {
        let xml = "<?xml version=\"1.0\" encoding=\"GBK\"?>\n<公报><指标 名称=\"粮食产量\">98.5</指标></公报>\n"
        let gbk = try #require(xml.data(using: String.Encoding(rawValue: 0x8000_0632)))
        let path = try writeTemporary([UInt8](gbk), name: "bulletin.xml")
        let body = try #require(
            try await fetcher.fetch(FetchRequest(url: path, cacheDirectory: makeCacheDirectory())).body)
        #expect(body.charset == "GB18030")
        let text = try String(contentsOfFile: body.bodyPath, encoding: .utf8)
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
        #expect(text.contains("<指标 名称=\"粮食产量\">98.5</指标>"))
    }

    @Test("a missing file is an unreadable-file error naming the path")
    func missingFile() async throws {
        let error = await fetchError {
            try await fetcher.fetch(FetchRequest(url: "/nonexistent/dir/a.csv", cacheDirectory: makeCacheDirectory()))
        }
        #expect(error?.code == .unreadableFile)
        #expect(error?.message.contains("/nonexistent/dir/a.csv") == true)
    }

    @Test("a file over the size limit is refused and nothing is stored")
    func tooLargeFile() async throws {
        let path = try writeTemporary([UInt8](repeating: 0x41, count: 5000), name: "big.txt")
        let cache = makeCacheDirectory()
        let error = await fetchError {
            try await fetcher.fetch(
                FetchRequest(url: path, limits: FetchLimits(maxBodyBytes: 4096), cacheDirectory: cache))
        }
        #expect(error?.code == .tooLarge)
        #expect(filesIn(cache).isEmpty)
    }
}

@Suite("URL redaction in messages")
struct RedactionTests {
    @Test("credentials and secret-looking query values never reach messages")
    func secretsInURL() async throws {
        let fetcher = Fetcher(logger: quietLogger)
        let error = await fetchError {
            try await fetcher.fetch(
                FetchRequest(
                    url: "http://user:hunter2@127.0.0.1:9/data.csv?year=2022&api_key=abc123&Token=xyz",
                    limits: FetchLimits(connectTimeout: 1, maxAttempts: 1), cacheDirectory: makeCacheDirectory()))
        }
        let message = try #require(error?.message)
        #expect(error?.code == .connection)
        #expect(!message.contains("hunter2"))
        #expect(!message.contains("abc123"))
        #expect(!message.contains("xyz"))
        #expect(message.contains("year=2022"))
    }
}
