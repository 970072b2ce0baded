import Foundation
import IndicatorKit

/// Turns a raw cached body into the file an adapter reads: text becomes UTF-8 (charset from
/// `Content-Type`, a BOM, the XML declaration, or detection), binary stays as it is.
struct BodyConverter {
    let cache: ContentCache
    let chunkSize = 1 << 16

    struct Output {
        var bodyPath: String
        var bodyCharset: String?
        var charset: String?
    }

    func convert(
        rawPath: String, sha256: String, byteCount: Int64, mediaType: MediaType?, urlExtension: String, url: String
    ) throws -> Output {
        let ext = urlExtension.isEmpty ? (mediaType?.preferredExtension ?? "") : urlExtension
        let isGzip =
            ext.hasSuffix("gz") || mediaType?.essence == "application/gzip"
            || mediaType?.essence == "application/x-gzip"
        guard !isGzip, let mediaType, mediaType.isText else {
            let view = cache.bodyPath(sha256: sha256, extension: ext, converted: false)
            if ext.isEmpty { return Output(bodyPath: rawPath, bodyCharset: nil, charset: nil) }
            try cache.link(view, to: rawPath, url: url)
            return Output(bodyPath: view, bodyCharset: nil, charset: nil)
        }
        let fd = open(rawPath, O_RDONLY)
        guard fd >= 0 else {
            throw FetchError(.cacheFailure, "\(url): cannot reopen the cached body \(rawPath)", url: url)
        }
        defer { close(fd) }
        var first = [UInt8](repeating: 0, count: chunkSize)
        let n = readFully(fd, &first)
        first.removeSubrange(max(n, 0)...)
        var declared = mediaType.charset
        if declared == nil, mediaType.isXML { declared = Self.xmlDeclaredEncoding(first) }
        let charset: CharsetDecoder.Charset
        do {
            charset = try CharsetDecoder.detect(first, declared: declared, name: url, complete: Int64(n) >= byteCount)
        } catch let error as AdapterError {
            throw FetchError(
                .undecodableBody,
                "\(url): the body (declared charset \(declared ?? "none")) is not text in UTF-8, GB18030/GBK or Big5: \(error.message)",
                url: url)
        }
        if charset == .utf8 {
            let view = cache.bodyPath(sha256: sha256, extension: ext, converted: false)
            try cache.link(view, to: rawPath, url: url)
            return Output(bodyPath: view, bodyCharset: "UTF-8", charset: "UTF-8")
        }
        let target = cache.bodyPath(sha256: sha256, extension: ext, converted: true)
        if FileManager.default.fileExists(atPath: target) {
            return Output(bodyPath: target, bodyCharset: "UTF-8", charset: charset.rawValue)
        }
        try cache.createDirectory("\(cache.directory)/bodies", url: url)
        let (out, tmp) = try cache.makeTemporaryFile(url: url)
        var ok = false
        defer {
            close(out)
            if !ok { unlink(tmp) }
        }
        do {
            var converter = try CharsetDecoder.Converter(from: charset, name: url)
            var chunk = Array(first.dropFirst(CharsetDecoder.bomLength(first, charset)))
            var isFirst = true
            while true {
                var text = try converter.feed(chunk[...])
                if isFirst && mediaType.isXML { text = Self.rewritingXMLDeclaration(text) }
                isFirst = false
                try writeAll(out, Array(text.utf8), path: tmp, url: url)
                var next = [UInt8](repeating: 0, count: chunkSize)
                let got = readFully(fd, &next)
                if got <= 0 { break }
                chunk = Array(next[..<got])
            }
            try converter.finish()
        } catch let error as AdapterError {
            throw FetchError(
                .undecodableBody,
                "\(url): the body is not valid \(charset.rawValue) (declared \(declared ?? "none")): \(error.message)",
                url: url)
        }
        guard rename(tmp, target) == 0 else {
            throw FetchError(.cacheFailure, "\(url): cannot store the converted body at \(target)", url: url)
        }
        ok = true
        return Output(bodyPath: target, bodyCharset: "UTF-8", charset: charset.rawValue)
    }

    /// Reads until `buffer` is full or the file ends; returns the byte count (or -1).
    private func readFully(_ fd: Int32, _ buffer: inout [UInt8]) -> Int {
        var total = 0
        while total < buffer.count {
            let r = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + total, $0.count - total) }
            if r < 0 {
                if errno == EINTR { continue }
                return total > 0 ? total : -1
            }
            if r == 0 { break }
            total += r
        }
        return total
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String, url: String) throws {
        var offset = 0
        while offset < bytes.count {
            let w = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if w < 0 {
                if errno == EINTR { continue }
                throw FetchError(
                    .cacheFailure, "\(url): cannot write \(path) (\(String(cString: strerror(errno))))", url: url)
            }
            offset += w
        }
    }

    /// The `encoding` of an XML declaration at the start of `bytes`, if any.
    static func xmlDeclaredEncoding(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(256), as: UTF8.self)
        guard head.hasPrefix("<?xml"), let end = head.range(of: "?>") else { return nil }
        let decl = head[..<end.lowerBound]
        guard let enc = decl.range(of: "encoding") else { return nil }
        var rest = decl[enc.upperBound...].drop { $0 == " " || $0 == "=" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        rest = rest.dropFirst()
        guard let close = rest.firstIndex(of: quote) else { return nil }
        return String(rest[..<close])
    }

    /// The text with the XML declaration's encoding changed to UTF-8 (it was converted).
    static func rewritingXMLDeclaration(_ text: String) -> String {
        guard text.hasPrefix("<?xml"), let end = text.range(of: "?>"),
            let enc = text.range(of: "encoding", range: text.startIndex..<end.lowerBound)
        else { return text }
        var i = enc.upperBound
        while i < end.lowerBound, text[i] == " " || text[i] == "=" { i = text.index(after: i) }
        guard i < end.lowerBound, text[i] == "\"" || text[i] == "'" else { return text }
        let quote = text[i]
        let valueStart = text.index(after: i)
        guard let valueEnd = text[valueStart..<end.lowerBound].firstIndex(of: quote) else { return text }
        return text.replacingCharacters(in: valueStart..<valueEnd, with: "UTF-8")
    }
}
