import Foundation

/// The content-addressed cache: raw bodies as `<directory>/<sha256[0..2]>/<sha256>`, bodies
/// converted to UTF-8 and named views with an extension under `<directory>/bodies/`.
struct ContentCache: Sendable {
    let directory: String

    /// The path of the raw bytes with this digest.
    func rawPath(sha256: String) -> String {
        "\(directory)/\(sha256.prefix(2))/\(sha256)"
    }

    /// The path of the adapter-facing body for this digest and extension.
    func bodyPath(sha256: String, extension ext: String, converted: Bool) -> String {
        let name = converted ? "\(sha256).utf8" : sha256
        return ext.isEmpty ? "\(directory)/bodies/\(name)" : "\(directory)/bodies/\(name).\(ext)"
    }

    /// Creates an empty temporary file in the cache and opens it for writing.
    func makeTemporaryFile(url: String) throws -> (fd: Int32, path: String) {
        try createDirectory(directory, url: url)
        let template = "\(directory)/.incoming-XXXXXX"
        var bytes = Array(template.utf8CString)
        let fd = bytes.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw FetchError(
                .cacheFailure,
                "\(url): cannot create a file in the cache \(directory) (\(String(cString: strerror(errno)))); check that the directory is writable",
                url: url)
        }
        let path = bytes.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return (fd, path)
    }

    /// Moves a finished temporary file to its content address; an existing copy is kept.
    func store(temporaryPath: String, sha256: String, url: String) throws -> String {
        let target = rawPath(sha256: sha256)
        try createDirectory("\(directory)/\(sha256.prefix(2))", url: url)
        if FileManager.default.fileExists(atPath: target) {
            unlink(temporaryPath)
            return target
        }
        chmod(temporaryPath, 0o444)
        guard rename(temporaryPath, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw FetchError(
                .cacheFailure, "\(url): cannot store the body in the cache at \(target) (\(reason))", url: url)
        }
        return target
    }

    /// A link named `linkPath` to `target` (replacing an old one), or a copy where links fail.
    func link(_ linkPath: String, to target: String, url: String) throws {
        try createDirectory((linkPath as NSString).deletingLastPathComponent, url: url)
        unlink(linkPath)
        if Foundation.link(target, linkPath) == 0 || symlink(target, linkPath) == 0 { return }
        do {
            try FileManager.default.copyItem(atPath: target, toPath: linkPath)
        } catch {
            throw FetchError(.cacheFailure, "\(url): cannot write \(linkPath) in the cache (\(error))", url: url)
        }
    }

    func createDirectory(_ path: String, url: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw FetchError(
                .cacheFailure,
                "\(url): cannot create the cache directory \(path); check the path and its permissions", url: url)
        }
    }
}
