import CLibXML2
import IndicatorKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file read with POSIX `read()`, which hands the parser whatever bytes have arrived: a FIFO or a
/// pipe is parsed while it is still being written.
///
/// The first bytes are read at open to tell gzip (`1f 8b`) from plain XML; they are served again
/// before the rest.
final class FileInput {
    private var fd: Int32
    private var prefix: [UInt8] = []
    private var prefixOffset = 0
    /// True when the file starts with the gzip magic bytes.
    let isGzip: Bool

    init(path: String, name: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        self.fd = fd
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw AdapterError(
                .unreadableInput, "\(name): cannot open the file (\(reason)); check the path and permissions")
        }
        var buffer = [UInt8](repeating: 0, count: 2)
        var have = 0
        while have < 2 {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + have, 2 - have) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            have += n
        }
        prefix = Array(buffer[..<have])
        isGzip = have == 2 && prefix[0] == 0x1F && prefix[1] == 0x8B
        #if os(Linux)
            // The file is read once from start to end: the kernel may read ahead further.
            // (Fails harmlessly on a pipe or FIFO.)
            _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        #endif
        if isGzip {
            var info = stat()
            if fstat(fd, &info) != 0 || (info.st_mode & S_IFMT) != S_IFREG {
                closeNow()
                throw AdapterError(
                    .unsupportedInput,
                    "\(name): gzip input must be a regular file, not a pipe; decompress it first (gunzip -c)")
            }
        }
    }

    /// Fills `buffer` with up to `length` bytes; 0 at the end, -1 on an error.
    func fill(_ buffer: UnsafeMutablePointer<CChar>, length: Int) -> Int32 {
        if prefixOffset < prefix.count {
            let n = min(length, prefix.count - prefixOffset)
            prefix.withUnsafeBytes { raw in
                UnsafeMutableRawPointer(buffer).copyMemory(from: raw.baseAddress! + prefixOffset, byteCount: n)
            }
            prefixOffset += n
            return Int32(n)
        }
        guard fd >= 0 else { return 0 }
        while true {
            let n = read(fd, buffer, length)
            if n < 0 && errno == EINTR { continue }
            return Int32(n)
        }
    }

    func closeNow() {
        if fd >= 0 {
            close(fd)
            fd = -1
        }
    }

    deinit { closeNow() }
}
