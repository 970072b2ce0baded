import Foundation
import IndicatorKit

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

/// The pipeline tests' fixtures (Tests/PipelineTests/Fixtures), read in place: the command-line
/// tests run the same adapters and tables through the executable.
enum Fixtures {
    static func path(_ name: String) -> String {
        (Package.root as NSString).appendingPathComponent("Tests/PipelineTests/Fixtures/" + name)
    }
}

/// The package root and the built yardstick executable.
enum Package {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let shared: String = (root as NSString).appendingPathComponent("../shared")

    /// The yardstick executable built beside this test bundle.
    static let yardstick: String = {
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var candidates = [bundleDir.appendingPathComponent("yardstick").path]
        // xctest bundles on some platforms sit one level deeper.
        candidates.append(bundleDir.deletingLastPathComponent().appendingPathComponent("yardstick").path)
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("yardstick").path)
        candidates.append((root as NSString).appendingPathComponent(".build/debug/yardstick"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }()
}

/// The result of running a command.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the yardstick executable with `arguments` in `directory`.
func yardstick(_ arguments: [String], in directory: String? = nil, environment: [String: String]? = nil) throws
    -> CommandResult
{
    try runCommand(Package.yardstick, arguments, in: directory, environment: environment)
}

/// Runs `executable`; `environment` is added to this process's environment, or with `inherit: false`
/// is the whole environment.
func runCommand(
    _ executable: String, _ arguments: [String], in directory: String? = nil,
    environment: [String: String]? = nil, inherit: Bool = true
) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    if let environment {
        process.environment =
            inherit ? ProcessInfo.processInfo.environment.merging(environment) { $1 } : environment
    } else if !inherit {
        process.environment = [:]
    }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes concurrently so neither fills up.
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return CommandResult(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}
