import IndicatorKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An input opened for reading with POSIX `read()`, which returns whatever is available, so a
/// pipe or FIFO streams: records are emitted before the writer has finished.
final class InputFile {
    private let fd: Int32
    let name: String

    init(path: String, name: String) throws {
        fd = open(path, O_RDONLY)
        self.name = name
        guard fd >= 0 else {
            throw AdapterError(
                .unreadableInput,
                "\(name): cannot open the file (\(String(cString: strerror(errno)))); check that it exists and is readable"
            )
        }
    }

    deinit { close(fd) }

    private var sawFirstChunk = false
    private var converter: CharsetDecoder.Converter?

    /// The next chunk as UTF-8: the charset (declared, from a BOM, or detected on the first
    /// chunk) is converted with iconv when it is GB18030/GBK, Big5 or UTF-16. Empty at the end.
    func readUTF8(maxCount: Int, declaredCharset: String?) throws -> [UInt8] {
        var raw = try read(maxCount: maxCount)
        if !sawFirstChunk {
            sawFirstChunk = true
            guard !raw.isEmpty else { return raw }
            let charset = try CharsetDecoder.detect(raw, declared: declaredCharset, name: name, complete: false)
            if charset != .utf8 {
                raw.removeFirst(CharsetDecoder.bomLength(raw, charset))
                converter = try CharsetDecoder.Converter(from: charset, name: name)
            }
        }
        guard converter != nil else { return raw }
        if raw.isEmpty {
            try converter!.finish()
            return raw
        }
        var text = try converter!.feed(raw[...])
        while text.isEmpty {  // a chunk that held only part of a character
            let more = try read(maxCount: maxCount)
            if more.isEmpty {
                try converter!.finish()
                return []
            }
            text = try converter!.feed(more[...])
        }
        return Array(text.utf8)
    }

    /// The next chunk of at most `maxCount` bytes; empty at the end of the input.
    func read(maxCount: Int) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: maxCount)
        while true {
            let n = buffer.withUnsafeMutableBytes { raw in
                #if canImport(Glibc)
                    Glibc.read(fd, raw.baseAddress!, raw.count)
                #elseif canImport(Musl)
                    Musl.read(fd, raw.baseAddress!, raw.count)
                #else
                    Darwin.read(fd, raw.baseAddress!, raw.count)
                #endif
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw AdapterError(.unreadableInput, "\(name): read failed (\(String(cString: strerror(errno))))")
            }
            buffer.removeSubrange(n...)
            return buffer
        }
    }
}
