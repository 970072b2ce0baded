import IndicatorKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The kind of document the speech-text adapter is given: plain text, an HTML page or a PDF.
///
/// Decided in this order: the source's `format` option; the media type from the fetch (HTTP
/// `Content-Type`, or the name of a local file) when it names HTML, PDF or plain text; the file's
/// first bytes (`%PDF-`, or `<!DOCTYPE html` / `<html` / `<head` / `<body` after a BOM and
/// white space); the file name's extension; plain text otherwise.
enum DocumentFormat: String, Sendable, CaseIterable {
    case text, html, pdf

    /// The format a media type names, or nil for one that says nothing useful
    /// (`application/octet-stream`, a download).
    init?(mediaType: String) {
        let essence = mediaType.split(separator: ";").first.map { $0.lowercased() } ?? ""
        switch essence.trimmed(of: " \t") {
        case "text/html", "application/xhtml+xml", "application/vnd.wap.xhtml+xml": self = .html
        case "application/pdf", "application/x-pdf", "application/acrobat", "text/pdf": self = .pdf
        case "text/plain": self = .text
        default: return nil
        }
    }

    /// The format the first bytes of a file show, if they show one.
    init?(magic bytes: [UInt8]) {
        // %PDF- may follow a few bytes of junk; the PDF specification allows it within 1024 bytes.
        let pdf: [UInt8] = Array("%PDF-".utf8)
        if bytes.count >= pdf.count {
            for k in 0...min(1024, bytes.count - pdf.count) where bytes[k] == 0x25 {
                if Array(bytes[k..<k + pdf.count]) == pdf {
                    self = .pdf
                    return
                }
            }
        }
        var k = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { k = 3 }
        while k < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0x0C].contains(bytes[k]) { k += 1 }
        let head = String(decoding: bytes[k..<min(bytes.count, k + 1024)], as: UTF8.self).lowercased()
        for opening in ["<!doctype html", "<html", "<head", "<body", "<meta", "<title"] where head.hasPrefix(opening) {
            self = .html
            return
        }
        // An XML declaration or a comment first: HTML when an <html> element follows soon.
        if head.hasPrefix("<?xml") || head.hasPrefix("<!--"), head.contains("<html") {
            self = .html
            return
        }
        return nil
    }

    /// The format a file name's extension names, if any.
    init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "html", "htm", "xhtml", "shtml", "shtm": self = .html
        case "pdf": self = .pdf
        case "txt", "text": self = .text
        default: return nil
        }
    }

    /// The format of `input`: `option` when given, else its media type, else its first bytes, else
    /// its extension, else plain text.
    static func of(_ input: SourceInput, option: DocumentFormat?) -> DocumentFormat {
        if let option { return option }
        if let media = input.mediaType, let format = DocumentFormat(mediaType: media) { return format }
        if let head = firstBytes(of: input.path, count: 2048), let format = DocumentFormat(magic: head) {
            return format
        }
        return DocumentFormat(fileExtension: input.fileExtension) ?? .text
    }

    /// The first `count` bytes of a regular file; nil for a pipe (its bytes cannot be read twice) or
    /// when it cannot be opened (the reader then reports why).
    static func firstBytes(of path: String, count: Int) -> [UInt8]? {
        // Look before opening: opening a FIFO would take the writer's data away from the reader.
        var before = stat()
        guard stat(path, &before) == 0, (before.st_mode & S_IFMT) == S_IFREG else { return nil }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        var buffer = [UInt8](repeating: 0, count: count)
        var have = 0
        while have < count {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + have, count - have) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            have += n
        }
        return Array(buffer[..<have])
    }
}

extension String {
    /// The string without leading and trailing characters of `set`.
    func trimmed(of set: String) -> String {
        let drop = Set(set)
        var s = Substring(self)
        while let f = s.first, drop.contains(f) { s = s.dropFirst() }
        while let l = s.last, drop.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
