import Foundation

/// `PipelineLoader.absolute` for many paths in few folders: each folder is standardized once
/// (Foundation's `standardizingPath`, which resolves every component's symlinks with an `lstat` and
/// a `readlink` each), and a path in it costs one `lstat` of its last component.
///
/// The results are the same as `PipelineLoader.absolute`'s: a last component that is a symlink, is
/// `.` or `..`, or a folder that standardizes to `/`, `/private…` or `/var/automount…` (which
/// Foundation rewrites), goes the whole way through Foundation. A resolver remembers folders for
/// its whole life, so it is made for one batch of loads (a `run` over a folder), not kept by a
/// process that runs for days while someone swaps a symlinked folder.
public final class PathResolver: @unchecked Sendable {
    private let lock = NSLock()
    private var folders: [String: String] = [:]

    public init() {}

    /// `path` resolved against `folder`, standardized: `PipelineLoader.absolute(path, relativeTo: folder)`.
    public func absolute(_ path: String, relativeTo folder: String) -> String {
        let p = path.hasPrefix("/") ? path : (folder as NSString).appendingPathComponent(path)
        guard let slash = p.lastIndex(of: "/") else { return (p as NSString).standardizingPath }
        let name = p[p.index(after: slash)...]
        let parent = String(p[..<slash])
        guard !name.isEmpty, name != ".", name != "..", !parent.isEmpty else {
            return (p as NSString).standardizingPath
        }
        let resolved = standardized(folder: parent)
        guard resolved.hasPrefix("/"), resolved != "/", !resolved.hasPrefix("/private"),
            !resolved.hasPrefix("/var/automount")
        else { return (p as NSString).standardizingPath }
        let candidate = resolved + "/" + name
        var info = stat()
        if lstat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
            return (p as NSString).standardizingPath
        }
        return candidate
    }

    private func standardized(folder: String) -> String {
        lock.lock()
        if let known = folders[folder] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let resolved = (folder as NSString).standardizingPath
        lock.lock()
        folders[folder] = resolved
        lock.unlock()
        return resolved
    }
}
