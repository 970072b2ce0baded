import Foundation
import IndicatorKit

/// Runs an external adapter program that speaks the record protocol (docs/adapter-protocol.md).
///
/// The program is started as `COMMAND... read --options JSON --input PATH` in the pipeline file's
/// folder. Each stdout line must be one record in the record JSON; stderr is kept (its tail goes into
/// error messages). A non-zero exit, a signal, a timeout or a malformed line fails the source.
public struct ExternalAdapter: Sendable {
    /// The protocol version this runner speaks.
    public static let protocolVersion = 1

    public var command: [String]
    public var timeout: Double
    public var options: AdapterOptions
    public var workingDirectory: String
    /// Seconds between SIGTERM and SIGKILL when stopping the program.
    public var killGrace: Double = 2

    public init(command: [String], timeout: Double?, options: AdapterOptions, workingDirectory: String) {
        self.command = command
        self.timeout = timeout ?? 300
        self.options = options
        self.workingDirectory = workingDirectory
    }

    /// Runs the program on `input`, emitting each record line into `sink` as it arrives.
    public func read(_ input: SourceInput, into sink: RecordSink) async throws {
        let run = ExternalRun(adapter: self, input: input, sink: sink)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            let thread = Thread {
                do {
                    try run.execute()
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.name = "yardstick.exec"
            thread.start()
        }
    }

    /// The program as the user would type it, for messages.
    var displayCommand: String { command.joined(separator: " ") }
}

/// One execution of an external adapter.
final class ExternalRun: @unchecked Sendable {
    let adapter: ExternalAdapter
    let input: SourceInput
    let sink: RecordSink
    private let lock = NSLock()
    private var stderrTail: [UInt8] = []
    private var timedOut = false
    private static let tailLimit = 4096

    init(adapter: ExternalAdapter, input: SourceInput, sink: RecordSink) {
        self.adapter = adapter
        self.input = input
        self.sink = sink
    }

    func execute() throws {
        let process = Process()
        var args = adapter.command
        guard !args.isEmpty else { throw AdapterError(.invalidOption, "exec: the command is empty") }
        let program = args.removeFirst()
        if program.contains("/") {
            process.executableURL = URL(
                fileURLWithPath: PipelineLoader.absolute(program, relativeTo: adapter.workingDirectory))
            process.arguments = args
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [program] + args
        }
        process.arguments! += ["read", "--options", adapter.options.jsonText, "--input", input.path]
        process.currentDirectoryURL = URL(fileURLWithPath: adapter.workingDirectory)
        var env = ProcessInfo.processInfo.environment
        env["YARDSTICK_PROTOCOL"] = String(ExternalAdapter.protocolVersion)
        env["YARDSTICK_SOURCE_ID"] = input.sourceID ?? ""
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw AdapterError(
                .externalFailure,
                "could not start `\(adapter.displayCommand)`: \(error.localizedDescription); check that the program exists and is executable")
        }
        let stderrDone = DispatchGroup()
        stderrDone.enter()
        let stderrThread = Thread { [self] in
            self.drainStderr(err.fileHandleForReading.fileDescriptor)
            stderrDone.leave()
        }
        stderrThread.start()

        let deadline = DispatchTime.now() + adapter.timeout
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: deadline) { [self] in
            guard process.isRunning else { return }
            lock.lock()
            timedOut = true
            lock.unlock()
            kill(pid, SIGTERM)
            DispatchQueue.global().asyncAfter(deadline: .now() + adapter.killGrace) {
                if process.isRunning { kill(pid, SIGKILL) }
            }
        }

        var failure: Error?
        do {
            try readRecords(out.fileHandleForReading.fileDescriptor)
        } catch {
            failure = error
            if process.isRunning {
                kill(pid, SIGTERM)
                DispatchQueue.global().asyncAfter(deadline: .now() + adapter.killGrace) {
                    if process.isRunning { kill(pid, SIGKILL) }
                }
            }
        }
        process.waitUntilExit()
        _ = stderrDone.wait(timeout: .now() + 5)
        lock.lock()
        let didTimeOut = timedOut
        lock.unlock()
        let tail = stderrText()
        let tailNote = tail.isEmpty ? "" : "; its stderr ended with:\n\(tail)"
        if didTimeOut {
            throw AdapterError(
                .externalFailure,
                "`\(adapter.displayCommand)` did not finish within \(JSONText.format(adapter.timeout)) s and was stopped; raise the source's timeout or make the program faster\(tailNote)")
        }
        if let failure {
            if let e = failure as? AdapterError, e.code == .malformedRecord {
                throw AdapterError(.externalFailure, e.message + tailNote)
            }
            throw failure
        }
        switch process.terminationReason {
        case .uncaughtSignal:
            throw AdapterError(
                .externalFailure,
                "`\(adapter.displayCommand)` was killed by signal \(process.terminationStatus)\(tailNote)")
        default:
            let status = process.terminationStatus
            if status == 2 {
                throw AdapterError(
                    .externalFailure, "`\(adapter.displayCommand)` rejected its options (exit 2)\(tailNote)")
            }
            if status != 0 {
                throw AdapterError(
                    .externalFailure, "`\(adapter.displayCommand)` failed with exit status \(status)\(tailNote)")
            }
        }
    }

    private func readRecords(_ fd: Int32) throws {
        var buffer = [UInt8](repeating: 0, count: 65536)
        var line: [UInt8] = []
        var lineNumber = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw AdapterError(.externalFailure, "reading the output of `\(adapter.displayCommand)` failed (errno \(errno))")
            }
            if n == 0 { break }
            var start = 0
            for i in 0..<n where buffer[i] == 0x0A {
                line.append(contentsOf: buffer[start..<i])
                lineNumber += 1
                try handle(line, number: lineNumber)
                line.removeAll(keepingCapacity: true)
                start = i + 1
            }
            line.append(contentsOf: buffer[start..<n])
            if line.count > 16 << 20 {
                throw AdapterError(
                    .malformedRecord, "`\(adapter.displayCommand)` wrote a line over 16 MB at line \(lineNumber + 1); each record must be one line")
            }
        }
        if !line.isEmpty {
            lineNumber += 1
            try handle(line, number: lineNumber)
        }
    }

    private func handle(_ bytes: [UInt8], number: Int) throws {
        var slice = bytes[...]
        while let last = slice.last, last == 0x0D || last == 0x20 || last == 0x09 { slice = slice.dropLast() }
        while let first = slice.first, first == 0x20 || first == 0x09 { slice = slice.dropFirst() }
        if slice.isEmpty { return }
        let record: Record
        do {
            record = try Record(jsonData: Data(slice))
        } catch let error as AdapterError {
            let shown = String(decoding: slice.prefix(200), as: UTF8.self)
            throw AdapterError(
                .malformedRecord,
                "`\(adapter.displayCommand)` wrote a malformed record on stdout line \(number): \(error.message): \(shown); each stdout line must be one record in the record JSON, and logs go to stderr")
        }
        try sink.emit(record)
    }

    private func drainStderr(_ fd: Int32) {
        var buffer = [UInt8](repeating: 0, count: 8192)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            lock.lock()
            stderrTail.append(contentsOf: buffer[0..<n])
            if stderrTail.count > Self.tailLimit * 2 { stderrTail.removeFirst(stderrTail.count - Self.tailLimit) }
            lock.unlock()
            input.logger.debug("\(String(decoding: buffer[0..<n], as: UTF8.self))", metadata: ["source": "\(input.sourceID ?? "")"])
        }
    }

    private func stderrText() -> String {
        lock.lock()
        defer { lock.unlock() }
        let tail = stderrTail.suffix(Self.tailLimit)
        let text = String(decoding: tail, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).suffix(12)
        return lines.map { "    \($0)" }.joined(separator: "\n")
    }
}
