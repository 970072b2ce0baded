import Foundation
import IndicatorKit
import Logging

/// A fresh temporary folder, removed by `cleanup()`.
struct TempFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "yardstick-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let p = file(name)
        try text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }

    /// Copies a fixture into this folder and returns its new path.
    @discardableResult
    func copyFixture(_ name: String) throws -> String {
        let dest = file(name)
        try FileManager.default.copyItem(atPath: Fixtures.path(name), toPath: dest)
        return dest
    }

    func cleanup() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

enum Fixtures {
    static func path(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name).path
    }
}

/// The package root.
enum Package {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
}

let quietLogger: Logger = {
    var l = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    l.logLevel = .critical
    return l
}()
