import Foundation
import IndicatorKit

/// What `stat` says about a local input (device, inode, size, modification and status-change times
/// to the nanosecond), kept in the cache beside the sha256 of the bytes it had, so an unchanged file
/// is known unchanged without reading it.
///
/// A fingerprint is only trusted when it cannot hide a change:
/// - every field must be what it was; any write changes the status-change time (`ctime`), which no
///   program can set back (`touch -d` and `utimes` set `mtime` only, and change `ctime` themselves);
/// - and the file's `ctime` must be at least `racyWindow` older than the fingerprint's own file,
///   which is written after the bytes were hashed (the same rule as git's "racily clean" entries): a
///   write in the same clock tick as the hashing, or on a file system with coarse timestamps, could
///   otherwise leave every field as it was. Such a file is hashed again, and its new fingerprint
///   is trusted once the window has passed.
///
/// Fingerprints live in `<cache>/files/<sha256 of the absolute path>`, one small file per input; a
/// missing, unreadable or malformed one means "hash the file".
struct FileFingerprint: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modifiedSeconds: Int64
    var modifiedNanoseconds: Int64
    var changedSeconds: Int64
    var changedNanoseconds: Int64
    /// The sha256 of the bytes the file had when these fields were read.
    var sha256: String

    /// Seconds the input's `ctime` must lie before the fingerprint file's `mtime`.
    static let racyWindow: Int64 = 1

    init(_ info: stat, sha256: String) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modifiedSeconds = Int64(info.st_mtim.tv_sec)
        modifiedNanoseconds = Int64(info.st_mtim.tv_nsec)
        changedSeconds = Int64(info.st_ctim.tv_sec)
        changedNanoseconds = Int64(info.st_ctim.tv_nsec)
        self.sha256 = sha256
    }

    init?(line: String) {
        let f = line.split(separator: " ")
        guard f.count == 9, f[0] == "v1", let device = UInt64(f[1]), let inode = UInt64(f[2]),
            let size = Int64(f[3]), let ms = Int64(f[4]), let mn = Int64(f[5]), let cs = Int64(f[6]),
            let cn = Int64(f[7]), f[8].count == 64
        else { return nil }
        self.device = device
        self.inode = inode
        self.size = size
        modifiedSeconds = ms
        modifiedNanoseconds = mn
        changedSeconds = cs
        changedNanoseconds = cn
        sha256 = String(f[8])
    }

    var line: String {
        "v1 \(device) \(inode) \(size) \(modifiedSeconds) \(modifiedNanoseconds) \(changedSeconds) \(changedNanoseconds) \(sha256)\n"
    }

    /// Where the fingerprint of `path` is kept in the cache at `directory`.
    static func file(for path: String, cacheDirectory directory: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return "\(directory)/files/\(SHA256.hex(of: Array(absolute.utf8)))"
    }

    /// The sha256 the file `info` describes still has, when a trusted fingerprint says so; nil
    /// means the bytes must be read.
    static func unchangedDigest(of path: String, info: stat, cacheDirectory: String) -> String? {
        let file = Self.file(for: path, cacheDirectory: cacheDirectory)
        var own = stat()
        guard stat(file, &own) == 0, own.st_size < 256,
            let data = FileManager.default.contents(atPath: file),
            let text = String(data: data, encoding: .utf8),
            let saved = FileFingerprint(line: text.trimmingCharacters(in: .newlines))
        else { return nil }
        let current = FileFingerprint(info, sha256: saved.sha256)
        guard current == saved else { return nil }
        // Racily clean: the input changed too close to the time its bytes were hashed.
        guard saved.changedSeconds + racyWindow < Int64(own.st_mtim.tv_sec) else { return nil }
        return saved.sha256
    }

    /// Saves that the file `info` describes has the bytes whose digest is `sha256`. Best effort: a
    /// fingerprint that cannot be written only means the next run reads the file again.
    static func save(for path: String, info: stat, sha256: String, cacheDirectory: String) {
        let file = Self.file(for: path, cacheDirectory: cacheDirectory)
        let folder = (file as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = file + ".\(getpid()).tmp"
        let text = FileFingerprint(info, sha256: sha256).line
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else { return }
        if rename(temporary, file) != 0 { unlink(temporary) }
    }
}
