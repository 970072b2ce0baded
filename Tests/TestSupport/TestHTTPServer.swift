import Fetch
import Foundation
import Logging

/// Starts Tests/FetchTests/Fixtures/test_server.py on 127.0.0.1 (a port the system picks) for one
/// test, and stops it.
///
/// ```swift
/// let server = try TestHTTPServer()
/// defer { server.stop() }
/// let url = server.url("/ok.csv")
/// ```
public final class TestHTTPServer: @unchecked Sendable {
    let process = Process()
    public let port: Int

    public init() throws {
        let script = (packageRoot as NSString).appendingPathComponent("Tests/FetchTests/Fixtures/test_server.py")
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", script]
        process.standardOutput = output
        try process.run()
        let text = firstLine(of: output)
        guard let port = Int(text) else {
            process.terminate()
            throw ServerError(message: "test_server.py did not print its port (got '\(text)')")
        }
        self.port = port
    }

    /// `http://127.0.0.1:<port><path>`.
    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// How many times the server saw `path` with query `key`.
    public func hits(_ path: String, key: String) async throws -> Int {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("hits-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let fetcher = Fetcher(logger: Logger(label: "test-server", factory: { _ in SwiftLogNoOpLogHandler() }))
        let result = try await fetcher.fetch(
            FetchRequest(
                url: url("/hits?path=\(path)&case=\(key)"), limits: FetchLimits(maxAttempts: 1), cacheDirectory: cache))
        guard let body = result.body else { return -1 }
        return Int(try String(contentsOfFile: body.bodyPath, encoding: .utf8)) ?? -1
    }

    /// Stops the server: SIGTERM, then SIGKILL if it is still running after two seconds.
    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    public struct ServerError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}
