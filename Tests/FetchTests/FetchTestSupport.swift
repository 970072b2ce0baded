import Fetch
import Foundation
import Logging
import Testing

/// A fresh cache directory under the system's temporary directory.
func makeCacheDirectory() -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("yardstick-fetch-\(UUID().uuidString)")
        .path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Regular files under `directory`, recursively (links included).
func filesIn(_ directory: String) -> [String] {
    guard let e = FileManager.default.enumerator(atPath: directory) else { return [] }
    var out: [String] = []
    while let next = e.nextObject() as? String {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory + "/" + next, isDirectory: &isDir), !isDir.boolValue {
            out.append(next)
        }
    }
    return out
}

/// Limits that keep the tests quick: short timeouts and retry windows.
func testLimits(
    attempts: Int = 4, retryTime: Double = 10, total: Double = 10, maxBody: Int64 = 1 << 20, redirects: Int = 5
) -> FetchLimits {
    FetchLimits(
        connectTimeout: 5, totalTimeout: total, maxRedirects: redirects, maxBodyBytes: maxBody, maxAttempts: attempts,
        maxRetryTime: retryTime)
}

extension Fetcher {
    /// Fetches `url` into `cache` (a fresh one by default) and returns the body; a 304 (no body)
    /// fails the test.
    func body(
        _ url: String, headers: [String: String] = [:], limits: FetchLimits = testLimits(),
        cache: String = makeCacheDirectory(), sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws -> FetchedBody {
        let result = try await fetch(FetchRequest(url: url, headers: headers, limits: limits, cacheDirectory: cache))
        return try #require(result.body, "\(url) answered \(result)", sourceLocation: sourceLocation)
    }

    /// The `FetchError` that fetching `url` into `cache` (a fresh one by default) throws, or `nil`.
    func error(
        fetching url: String, headers: [String: String] = [:], limits: FetchLimits = testLimits(),
        cache: String = makeCacheDirectory()
    ) async -> FetchError? {
        await fetchError {
            try await fetch(FetchRequest(url: url, headers: headers, limits: limits, cacheDirectory: cache))
        }
    }
}

/// Runs `body` and returns the `FetchError` it throws, or `nil` when it throws none.
func fetchError(_ body: () async throws -> FetchResult) async -> FetchError? {
    do {
        _ = try await body()
        return nil
    } catch let error as FetchError {
        return error
    } catch {
        return FetchError(.transfer, "unexpected error \(error)", url: "")
    }
}

let okCSV = "指标,年份,数值,单位\n地区生产总值,2022,512.3,亿元\n规模以上工业增加值,2022,6.1,%\n"
