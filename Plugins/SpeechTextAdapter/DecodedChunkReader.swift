import IndicatorKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file with POSIX `read()` (which returns what is there, a pipe's first part, say) and hands
/// on its text as UTF-8, chunk by chunk, each chunk ending on a whole character.
///
/// The charset is decided once, on the first bytes, kept until `enough` says they suffice or the file
/// ends. GB18030/GBK, Big5 and UTF-16 are converted; UTF-8 passes through without its BOM. Memory
/// stays bounded by the chunk size and the head. The text and HTML readers share it.
struct DecodedChunkReader {
    /// The input's name for messages.
    var name: String
    var chunkSize = 1 << 16

    /// One chunk of UTF-8: `converted` when a converter produced it (so it is valid UTF-8), `final`
    /// for the last one.
    typealias ChunkHandler = (_ utf8: ArraySlice<UInt8>, _ converted: Bool, _ final: Bool) throws -> Void

    /// Reads `fd` to its end. `enough` says whether the first bytes decide the charset; `charset`
    /// decides it (`complete`: those bytes are the whole file).
    func read(
        _ fd: Int32, enough: ([UInt8]) -> Bool,
        charset: (_ head: [UInt8], _ complete: Bool) throws -> CharsetDecoder.Charset, chunk: ChunkHandler
    ) throws {
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var head: [UInt8] = []  // the first bytes, kept until there are enough to decide the charset
        var decided = false
        var converter: CharsetDecoder.Converter?
        var utf8Carry: [UInt8] = []  // bytes of a UTF-8 character cut at a chunk's end

        func pass(_ bytes: ArraySlice<UInt8>, final: Bool) throws {
            if converter != nil {
                let text = try converter!.feed(bytes)
                if final { try converter!.finish() }
                try chunk(ArraySlice(text.utf8), true, final)
            } else {
                var all = utf8Carry
                all.append(contentsOf: bytes)
                let keep = final ? all.count : CharsetDecoder.completeUTF8Length(all)
                utf8Carry = Array(all[keep...])
                try chunk(all[..<keep], false, final)
            }
        }

        while true {
            let n = buffer.withUnsafeMutableBytes { readBytes(fd, $0.baseAddress, chunkSize) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                throw AdapterError(.unreadableInput, "\(name): read failed (\(reason)); check the file")
            }
            let atEnd = n == 0
            if !decided {
                head.append(contentsOf: buffer[..<n])
                if !atEnd && !enough(head) { continue }
                decided = true
                let found = try charset(head, atEnd)
                if found != .utf8 { converter = try CharsetDecoder.Converter(from: found, name: name) }
                try pass(head[CharsetDecoder.bomLength(head, found)...], final: atEnd)
                head = []
                if atEnd { break }
                continue
            }
            try pass(buffer[..<n], final: atEnd)
            if atEnd { break }
        }
    }
}

/// POSIX `read()` (the name is taken inside `DecodedChunkReader`).
private func readBytes(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
