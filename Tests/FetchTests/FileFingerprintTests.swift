import Fetch
import Foundation
import IndicatorKit
import TestSupport
import Testing

@Suite("Fingerprints of local files")
struct FileFingerprintTests {
    let fetcher = Fetcher(logger: quietLogger)

    /// Waits (at most 20 s) until a file written now gets a modification time at least two whole
    /// seconds after `path`'s status-change time: then a fingerprint saved now is no longer racy.
    func waitPastRacyWindow(of path: String, cache: String) throws {
        var input = stat()
        #expect(stat(path, &input) == 0)
        let probe = cache + "/probe"
        for _ in 0..<200 {
            #expect(FileManager.default.createFile(atPath: probe, contents: Data("p".utf8)))
            var info = stat()
            #expect(stat(probe, &info) == 0)
            if info.st_mtim.tv_sec >= input.st_ctim.tv_sec + 2 { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("the file system's clock did not pass \(path)'s ctime + 2 s within 20 s")
    }

    /// Writes `okCSV` to a.csv in a fresh folder, fetches it once into a fresh cache, and runs `body`
    /// with the file's path, the cache and that first body; both folders are removed after.
    func withFetchedFile(_ body: (String, String, FetchedBody) async throws -> Void) async throws {
        let dir = makeCacheDirectory()
        let cache = makeCacheDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: dir)
            try? FileManager.default.removeItem(atPath: cache)
        }
        let path = dir + "/a.csv"
        try Data(okCSV.utf8).write(to: URL(fileURLWithPath: path))
        let first = try #require(try await fetcher.fetch(FetchRequest(url: path, cacheDirectory: cache)).body)
        try await body(path, cache, first)
    }

    /// Fetches `path` again with `etag`: the answer for an unchanged file, or `nil` (an issue
    /// recorded) when the file was fetched again.
    func fetchUnchanged(_ path: String, etag: String?, cache: String) async throws -> NotModified? {
        guard
            case .notModified(let answer) = try await fetcher.fetch(
                FetchRequest(url: path, etag: etag, cacheDirectory: cache))
        else {
            Issue.record("the unchanged file was fetched again")
            return nil
        }
        return answer
    }

    @Test("an unchanged file with a trusted fingerprint is not read; a changed byte with the same size and mtime is")
    func fingerprintSkipsReadingAndSeesEveryWrite() async throws {
        try await withFetchedFile { path, cache, first in
            try waitPastRacyWindow(of: path, cache: cache)
            // Hashed again (the first fingerprint was saved too close to the file's last change), and
            // a fingerprint saved that is trusted from now on.
            guard try await fetchUnchanged(path, etag: first.etag, cache: cache) != nil,
                let fast = try await fetchUnchanged(path, etag: first.etag, cache: cache)
            else { return }
            #expect(fast.byFingerprint, "the file was read although its fingerprint holds")
            #expect(fast.etag == first.etag)

            // The same size and modification time, one byte different: the status-change time tells.
            var before = stat()
            #expect(stat(path, &before) == 0)
            var bytes = Array(okCSV.utf8)
            let digit = try #require(bytes.lastIndex { $0 >= 0x30 && $0 <= 0x38 })
            bytes[digit] += 1
            let fd = open(path, O_WRONLY)
            #expect(fd >= 0)
            #expect(bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress!, bytes.count, 0) } == bytes.count)
            close(fd)
            var times = [before.st_atim, before.st_mtim]
            #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
            let changed = try await fetcher.fetch(FetchRequest(url: path, etag: first.etag, cacheDirectory: cache))
            let body = try #require(changed.body, "a changed byte was not seen")
            #expect(body.sha256 == SHA256.hex(of: bytes))
            #expect(body.sha256 != first.sha256)
        }
    }

    @Test("a damaged fingerprint means the file is hashed, and it is still found unchanged")
    func damagedFingerprintFallsBackToHashing() async throws {
        try await withFetchedFile { path, cache, first in
            let fingerprints = try FileManager.default.contentsOfDirectory(atPath: cache + "/files")
            #expect(fingerprints.count == 1)
            for name in fingerprints {
                try Data("v1 1 2 3 garbage\n".utf8).write(to: URL(fileURLWithPath: cache + "/files/" + name))
            }
            guard let again = try await fetchUnchanged(path, etag: first.etag, cache: cache) else { return }
            #expect(!again.byFingerprint)
            // Without a stored ETag there is nothing to compare with: the body is fetched.
            #expect(
                try await fetcher.fetch(FetchRequest(url: path, cacheDirectory: cache)).body?.sha256 == first.sha256)
        }
    }
}
