import Foundation

/// A fresh temporary folder, removed by `cleanup()`.
public struct TempFolder: Sendable {
    public let path: String

    public init() throws {
        path = NSTemporaryDirectory() + "yardstick-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// The path of `name` in this folder.
    public func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Writes `text` as `name` in this folder and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        let p = file(name)
        try text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }

    /// Copies the file at `source` into this folder as `name` and returns its new path.
    @discardableResult
    public func copy(_ source: String, as name: String) throws -> String {
        let dest = file(name)
        try FileManager.default.copyItem(atPath: source, toPath: dest)
        return dest
    }

    public func cleanup() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// The package root (the folder of Package.swift).
public let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()
