import Foundation
import IndicatorKit

extension Fetcher {
    /// "Fetches" a local file: reads it in chunks, hashes it and keeps a copy in the cache, so that
    /// files and URLs reach adapters the same way. Its ETag is synthetic (`"sha256:<hex>"`): a
    /// request carrying the same one gets `.notModified`.
    func fetchFile(_ path: String, request: FetchRequest) throws -> FetchResult {
        let url = request.url
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw FetchError(.unreadableFile, "\(path): cannot open (\(reason)); check the source's location", url: url)
        }
        defer { close(fd) }
        var info = stat()
        let statted = fstat(fd, &info) == 0
        if statted, (info.st_mode & S_IFMT) == S_IFDIR {
            throw FetchError(
                .unreadableFile, "\(path): is a directory; the source's location must name a file", url: url)
        }
        // An unchanged file whose fingerprint (stat fields beside the sha256 it had) is trusted is
        // not read at all: a nightly run of thousands of unchanged inputs only stats them.
        let regular = statted && (info.st_mode & S_IFMT) == S_IFREG
        if regular, let etag = request.etag,
            let digest = FileFingerprint.unchangedDigest(of: path, info: info, cacheDirectory: request.cacheDirectory),
            etag == "\"sha256:\(digest)\""
        {
            logger.debug("not modified (fingerprint)", metadata: ["path": "\(path)", "sha256": "\(digest)"])
            return .notModified(
                NotModified(
                    url: url, finalURL: url, status: nil, etag: etag, lastModified: nil, attempts: 1,
                    byFingerprint: true))
        }
        let cache = ContentCache(directory: request.cacheDirectory)
        let (out, temporary) = try cache.makeTemporaryFile(url: url)
        var kept = false
        defer {
            close(out)
            if !kept { unlink(temporary) }
        }
        var hasher = SHA256()
        var total: Int64 = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FetchError(
                    .unreadableFile, "\(path): read failed (\(String(cString: strerror(errno))))", url: url)
            }
            if n == 0 { break }
            total += Int64(n)
            if total > request.limits.maxBodyBytes {
                throw FetchError(
                    .tooLarge,
                    "\(path): the file is larger than the limit of \(request.limits.maxBodyBytes) bytes; nothing was kept. Raise the source's max-body-size (e.g. max-body-size: 500MB) if it is expected to be this big",
                    url: url)
            }
            try buffer.withUnsafeBytes { raw in
                let chunk = UnsafeRawBufferPointer(rebasing: raw[0..<n])
                hasher.update(chunk.assumingMemoryBound(to: UInt8.self))
                var offset = 0
                while offset < n {
                    let w = write(out, chunk.baseAddress! + offset, n - offset)
                    if w < 0 {
                        if errno == EINTR { continue }
                        throw FetchError(
                            .cacheFailure, "\(url): cannot write into the cache \(request.cacheDirectory)", url: url)
                    }
                    offset += w
                }
            }
        }
        let sha = hasher.finalizeHex()
        let etag = "\"sha256:\(sha)\""
        // The stat fields from before the read: a write during it changed them, so the next run
        // finds them different and reads again.
        if regular { FileFingerprint.save(for: path, info: info, sha256: sha, cacheDirectory: request.cacheDirectory) }
        if request.etag == etag {
            logger.debug("not modified", metadata: ["path": "\(path)", "sha256": "\(sha)"])
            return .notModified(
                NotModified(url: url, finalURL: url, status: nil, etag: etag, lastModified: nil, attempts: 1))
        }
        kept = true
        let raw = try cache.store(temporaryPath: temporary, sha256: sha, url: url)
        let media = MediaType.guess(fromPath: path)
        let converted = try BodyConverter(cache: cache).convert(
            rawPath: raw, sha256: sha, byteCount: total, mediaType: media,
            urlExtension: MediaType.fileExtension(of: path), url: path)
        logger.debug("read file", metadata: ["path": "\(path)", "bytes": "\(total)", "sha256": "\(sha)"])
        return .fetched(
            FetchedBody(
                bodyPath: converted.bodyPath, bodyCharset: converted.bodyCharset, rawPath: raw, sha256: sha,
                byteCount: total, mediaType: media?.essence, charset: converted.charset, etag: etag, lastModified: nil,
                url: url, finalURL: url, status: nil, attempts: 1))
    }
}
