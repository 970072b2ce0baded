import IndicatorKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Streams the lines of a text file in UTF-8 (with or without a BOM), GB18030/GBK or Big5.
///
/// The file is read with POSIX `read()`, which returns what is there (a pipe's first part, say),
/// so each complete line is handed on as soon as its bytes arrive. The charset is detected on the
/// first chunk; memory stays bounded by the longest line, and a line longer than `maxLineBytes` is
/// handed on in pieces cut after a 。 (with the column where each piece starts).
struct TextLineReader {
    var chunkSize = 1 << 16
    var maxLineBytes = 1 << 20

    /// One line (or a piece of a long one): its UTF-8 bytes without the line end, 1-based line
    /// number and the column offset of its first character.
    typealias LineHandler = (_ utf8: UnsafeBufferPointer<UInt8>, _ number: Int, _ columnOffset: Int) throws -> Void

    func stream(path: String, declaredCharset: String?, name: String, line: LineHandler) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw AdapterError(
                .unreadableInput, "\(name): cannot open the file (\(reason)); check that it exists and is readable")
        }
        defer { close(fd) }
        var pending: [UInt8] = []  // UTF-8 bytes of the line being read
        var lineNumber = 1
        var columnOffset = 0

        func deliver(_ bytes: ArraySlice<UInt8>, final: Bool) throws {
            pending.append(contentsOf: bytes)
            var start = 0
            var k = 0
            let count = pending.count
            try pending.withUnsafeBufferPointer { p in
                while k < count {
                    if p[k] == 0x0A {
                        var end = k
                        if end > start && p[end - 1] == 0x0D { end -= 1 }
                        try handLine(UnsafeBufferPointer(rebasing: p[start..<end]))
                        lineNumber += 1
                        columnOffset = 0
                        start = k + 1
                    }
                    k += 1
                }
            }
            if start > 0 { pending.removeFirst(start) }
            if final {
                if !pending.isEmpty {
                    var end = pending.count
                    if pending[end - 1] == 0x0D { end -= 1 }
                    try pending.withUnsafeBufferPointer { p in try handLine(UnsafeBufferPointer(rebasing: p[0..<end])) }
                    pending.removeAll()
                }
            } else if pending.count > maxLineBytes {
                try splitLongLine()
            }
        }

        func handLine(_ bytes: UnsafeBufferPointer<UInt8>) throws {
            try line(bytes, lineNumber, columnOffset)
        }

        /// Hands on the part of an overlong line up to its last 。 (or a character boundary).
        func splitLongLine() throws {
            let stop: [UInt8] = [0xE3, 0x80, 0x82]  // 。
            var cut = -1
            var k = pending.count - 3
            while k >= 0 {
                if pending[k] == stop[0] && pending[k + 1] == stop[1] && pending[k + 2] == stop[2] {
                    cut = k + 3
                    break
                }
                k -= 1
            }
            if cut <= 0 {
                cut = pending.count
                while cut > 0 && (pending[cut - 1] & 0xC0) == 0x80 { cut -= 1 }
                if cut > 0 && pending[cut - 1] >= 0xC0 { cut -= 1 }
            }
            guard cut > 0 else { return }
            try pending.withUnsafeBufferPointer { p in
                try line(UnsafeBufferPointer(rebasing: p[..<cut]), lineNumber, columnOffset)
            }
            for k in 0..<cut where pending[k] & 0xC0 != 0x80 { columnOffset += 1 }
            pending.removeFirst(cut)
        }

        // Wait for a line's worth of bytes (or the end) before deciding on the charset.
        try DecodedChunkReader(name: name, chunkSize: chunkSize).read(
            fd, enough: { $0.count >= 4096 || $0.contains(0x0A) },
            charset: { head, complete in
                try CharsetDecoder.detect(head, declared: declaredCharset, name: name, complete: complete)
            },
            chunk: { utf8, _, final in try deliver(utf8, final: final) })
    }
}
