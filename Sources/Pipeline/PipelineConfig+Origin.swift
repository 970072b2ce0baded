import Foundation

extension PipelineConfig {
    /// An origin as a report meant to be shared shows it, never an absolute local path:
    /// - a path (or `file://` URL) becomes relative to the pipeline file's folder
    ///   (`../seeds/zhecheng-2022-economic-work-conference.txt`);
    /// - an `http(s)` URL stays as it is, less any `user:password@`;
    /// - anything else (an `exec` command line, a derived figure's "a + b") keeps its words, each
    ///   absolute path among them made relative the same way.
    public func sharedOrigin(_ origin: String) -> String {
        let lower = origin.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            guard var c = URLComponents(string: origin), c.user != nil || c.password != nil else { return origin }
            c.user = nil
            c.password = nil
            return c.string ?? origin
        }
        let folder = (file as NSString).deletingLastPathComponent
        // A configured location is one path even when it holds spaces.
        if sources.contains(where: { $0.location == origin }), let path = PipelineConfig.localPath(origin) {
            return PipelineConfig.relativePath(path, from: folder)
        }
        return origin.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            guard let path = PipelineConfig.localPath(String(word)) else { return String(word) }
            return PipelineConfig.relativePath(path, from: folder)
        }.joined(separator: " ")
    }

    /// The absolute path an absolute path or `file://` URL names, else nil.
    static func localPath(_ s: String) -> String? {
        if s.hasPrefix("/") { return s }
        if s.lowercased().hasPrefix("file://"), let url = URL(string: s), url.isFileURL, url.path.hasPrefix("/") {
            return url.path
        }
        return nil
    }

    /// `path` relative to the folder `base` (both absolute): "seeds/a.txt", "../seeds/a.txt", ".".
    static func relativePath(_ path: String, from base: String) -> String {
        let to = (path as NSString).standardizingPath.split(separator: "/").map(String.init)
        let from = (base as NSString).standardizingPath.split(separator: "/").map(String.init)
        var common = 0
        while common < to.count, common < from.count, to[common] == from[common] { common += 1 }
        let parts = Array(repeating: "..", count: from.count - common) + to[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
