import Foundation
import IndicatorKit

/// Runs an external adapter program that speaks the record protocol (docs/adapter-protocol.md).
///
/// The program is started as `COMMAND... read --options JSON --input PATH` in the pipeline file's
/// folder, in a process group of its own, with every signal at its default disposition, no signal
/// blocked, stdin on /dev/null and no descriptor open but stdin, stdout and stderr. Each stdout line
/// must be one record in the record JSON; stderr is kept (its tail goes into error messages). A
/// non-zero exit, a signal, a timeout, a stop request, an output limit or a malformed line fails the
/// source. When the source's run ends, whatever is left of the program's process group is killed
/// (SIGTERM, then SIGKILL after `killGrace`); the runner stops reading the program's pipes once the
/// program itself has exited and `killGrace` has passed, whatever a descendant still holds.
public struct ExternalAdapter: Sendable {
    /// The protocol version this runner speaks.
    public static let protocolVersion = 1
    /// The longest stdout line (one record) read by default: 16 MiB. Source key `max-line-bytes`.
    public static let defaultMaxLineBytes = 16 << 20
    /// The most stdout bytes read from one run by default: 1 GiB. Source key `max-output-bytes`.
    public static let defaultMaxOutputBytes = 1 << 30

    public var command: [String]
    public var timeout: Double
    public var options: AdapterOptions
    public var workingDirectory: String
    /// Seconds between SIGTERM and SIGKILL when stopping the program's process group, and how long
    /// the runner keeps reading pipes a descendant still holds after the program exited.
    public var killGrace: Double = 2
    /// The longest stdout line accepted, in bytes.
    public var maxLineBytes: Int = ExternalAdapter.defaultMaxLineBytes
    /// The most stdout bytes accepted, in bytes.
    public var maxOutputBytes: Int = ExternalAdapter.defaultMaxOutputBytes
    /// A run's stop flag: once it is aborted the program is stopped and the source fails.
    public var stop: StopFlag?

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
    private var stderrTail: [UInt8] = []
    private static let tailLimit = 4096

    /// Why the runner stopped the program, if it did.
    enum StopReason {
        case timeout
        case stopRequest(String)
        case failure
    }

    init(adapter: ExternalAdapter, input: SourceInput, sink: RecordSink) {
        self.adapter = adapter
        self.input = input
        self.sink = sink
    }

    func execute() throws {
        guard !adapter.command.isEmpty else { throw AdapterError(.invalidOption, "exec: the command is empty") }
        var args = adapter.command
        var program = args.removeFirst()
        if program.contains("/") { program = PipelineLoader.absolute(program, relativeTo: adapter.workingDirectory) }
        args += ["read", "--options", adapter.options.jsonText, "--input", input.path]
        var env = ProcessInfo.processInfo.environment
        env["YARDSTICK_PROTOCOL"] = String(ExternalAdapter.protocolVersion)
        env["YARDSTICK_SOURCE_ID"] = input.sourceID ?? ""

        let child: SpawnedGroup
        do {
            child = try SpawnedGroup.spawn(
                program: program, arguments: args, environment: env, directory: adapter.workingDirectory)
        } catch let error as SpawnedGroup.SpawnError {
            throw AdapterError(
                .externalFailure,
                "could not start `\(adapter.displayCommand)`: \(error.message); check that the program exists and is executable"
            )
        }
        let cleanup = adapter.stop?.addCleanup { child.killGroup(SIGKILL) }
        defer { if let cleanup { adapter.stop?.removeCleanup(cleanup) } }

        var failure: Error?
        var reason: StopReason?
        var killDeadline: Double?
        var sentKill = false
        var exitedAt: Double?
        var pipesHeld = false
        let start = monotonicSeconds()
        let deadline = start + adapter.timeout
        var lines = LineSplitter(
            label: adapter.displayCommand, maxLine: adapter.maxLineBytes, maxTotal: adapter.maxOutputBytes)
        var outOpen = true
        var errOpen = true
        var buffer = [UInt8](repeating: 0, count: 65536)

        func beginStop(_ why: StopReason, now: Double) {
            guard reason == nil else { return }
            reason = why
            child.killGroup(SIGTERM)
            killDeadline = now + adapter.killGrace
        }

        while true {
            let now = monotonicSeconds()
            if exitedAt == nil, child.reap() { exitedAt = now }
            if reason == nil, let why = adapter.stop?.abortReason { beginStop(.stopRequest(why), now: now) }
            if reason == nil, exitedAt == nil, now >= deadline { beginStop(.timeout, now: now) }
            if let killDeadline, !sentKill, now >= killDeadline {
                child.killGroup(SIGKILL)
                sentKill = true
            }
            if !outOpen && !errOpen {
                if exitedAt != nil { break }
                // Both pipes closed but the program still runs: wait for it without spinning.
                child.waitBriefly()
                continue
            }
            if let exitedAt, now >= exitedAt + adapter.killGrace {
                pipesHeld = true
                break
            }
            var fds: [pollfd] = []
            if outOpen { fds.append(pollfd(fd: child.stdout, events: Int16(POLLIN), revents: 0)) }
            if errOpen { fds.append(pollfd(fd: child.stderr, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), 100)
            if ready <= 0 { continue }
            for p in fds where p.revents != 0 {
                let n = buffer.withUnsafeMutableBytes { Glibc.read(p.fd, $0.baseAddress, $0.count) }
                if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
                if n <= 0 {
                    if p.fd == child.stdout { outOpen = false } else { errOpen = false }
                    continue
                }
                if p.fd == child.stderr {
                    keepStderr(buffer[0..<n])
                    continue
                }
                guard failure == nil else { continue }  // drain and drop while the group is stopped
                do {
                    try lines.feed(buffer[0..<n]) { line, number in try handle(line, number: number) }
                } catch {
                    failure = error
                    beginStop(.failure, now: monotonicSeconds())
                }
            }
        }
        if failure == nil && reason == nil && !pipesHeld {
            do {
                try lines.finish { line, number in try handle(line, number: number) }
            } catch {
                failure = error
            }
        }
        child.closePipes()
        let leftBehind = child.stopLeftovers(grace: adapter.killGrace)
        let status = child.status

        let tail = stderrText()
        let tailNote = tail.isEmpty ? "" : "; its stderr ended with:\n\(tail)"
        let leftNote =
            leftBehind || pipesHeld
            ? "; it left processes behind (process group \(child.pid)), which were killed" : ""
        switch reason {
        case .timeout:
            throw AdapterError(
                .externalFailure,
                "`\(adapter.displayCommand)` did not finish within its timeout of \(JSONText.format(adapter.timeout)) s and was stopped\(leftNote); raise the source's `timeout` or make the program faster\(tailNote)"
            )
        case .stopRequest(let why):
            throw AdapterError(
                .externalFailure, "`\(adapter.displayCommand)` was stopped: \(why)\(leftNote)\(tailNote)")
        case .failure, .none:
            break
        }
        if let failure {
            if let e = failure as? AdapterError {
                throw AdapterError(
                    e.code == .malformedRecord ? .externalFailure : e.code, e.message + leftNote + tailNote)
            }
            throw failure
        }
        if pipesHeld {
            throw AdapterError(
                .externalFailure,
                "`\(adapter.displayCommand)` exited but left processes behind that kept its output open for \(JSONText.format(adapter.killGrace)) s; the runner stopped reading, killed what was left of process group \(child.pid) and did not store the source's records (a process that left the group, e.g. with setsid, must be ended by hand); make the program wait for its children before it exits\(tailNote)"
            )
        }
        if leftBehind {
            input.logger.warning(
                "`\(adapter.displayCommand)` left processes behind (process group \(child.pid)); they were killed")
        }
        switch status {
        case .signaled(let sig):
            throw AdapterError(.externalFailure, "`\(adapter.displayCommand)` was killed by signal \(sig)\(tailNote)")
        case .exited(2):
            throw AdapterError(.externalFailure, "`\(adapter.displayCommand)` rejected its options (exit 2)\(tailNote)")
        case .exited(let code) where code != 0:
            throw AdapterError(
                .externalFailure, "`\(adapter.displayCommand)` failed with exit status \(code)\(tailNote)")
        default:
            break
        }
    }

    private func handle(_ bytes: ArraySlice<UInt8>, number: Int) throws {
        var slice = bytes
        while let last = slice.last, last == 0x0D || last == 0x20 || last == 0x09 { slice = slice.dropLast() }
        while let first = slice.first, first == 0x20 || first == 0x09 { slice = slice.dropFirst() }
        if slice.isEmpty { return }
        let record: SourceRecord
        do {
            record = try SourceRecord(jsonData: Data(slice))
        } catch let error as AdapterError {
            let shown = String(decoding: slice.prefix(200), as: UTF8.self)
            throw AdapterError(
                .malformedRecord,
                "`\(adapter.displayCommand)` wrote a malformed record on stdout line \(number): \(error.message): \(shown); each stdout line must be one record in the record JSON, and logs go to stderr"
            )
        }
        try sink.emit(record)
    }

    private func keepStderr(_ bytes: ArraySlice<UInt8>) {
        stderrTail.append(contentsOf: bytes)
        if stderrTail.count > Self.tailLimit * 2 { stderrTail.removeFirst(stderrTail.count - Self.tailLimit) }
        input.logger.debug(
            "\(String(decoding: bytes, as: UTF8.self))", metadata: ["source": "\(input.sourceID ?? "")"])
    }

    private func stderrText() -> String {
        let tail = stderrTail.suffix(Self.tailLimit)
        let text = String(decoding: tail, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return "" }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).suffix(12)
        return lines.map { "    \($0)" }.joined(separator: "\n")
    }

    /// Splits stdout into lines, enforcing the line-length and total-output limits.
    struct LineSplitter {
        let label: String
        let maxLine: Int
        let maxTotal: Int
        var line: [UInt8] = []
        var number = 0
        var total = 0

        mutating func feed(_ bytes: ArraySlice<UInt8>, _ body: (ArraySlice<UInt8>, Int) throws -> Void) throws {
            total += bytes.count
            if total > maxTotal {
                throw AdapterError(
                    .externalFailure,
                    "`\(label)` wrote more than \(maxTotal) bytes on stdout (the source's limit `max-output-bytes`); raise `max-output-bytes` on the source if the output is expected"
                )
            }
            var start = bytes.startIndex
            var i = start
            while i < bytes.endIndex {
                if bytes[i] == 0x0A {
                    number += 1
                    if line.isEmpty {
                        try check(i - start)
                        try body(bytes[start..<i], number)
                    } else {
                        line.append(contentsOf: bytes[start..<i])
                        try check(line.count)
                        try body(line[...], number)
                        line.removeAll(keepingCapacity: true)
                    }
                    start = i + 1
                }
                i += 1
            }
            line.append(contentsOf: bytes[start..<bytes.endIndex])
            if line.count > maxLine { try check(line.count, lineNumber: number + 1) }
        }

        mutating func finish(_ body: (ArraySlice<UInt8>, Int) throws -> Void) throws {
            if !line.isEmpty {
                number += 1
                try body(line[...], number)
                line.removeAll()
            }
        }

        func check(_ length: Int, lineNumber: Int? = nil) throws {
            guard length > maxLine else { return }
            throw AdapterError(
                .externalFailure,
                "`\(label)` wrote a line over \(maxLine) bytes on stdout (line \(lineNumber ?? number), the source's limit `max-line-bytes`); each record must be one line, or raise `max-line-bytes` on the source"
            )
        }
    }
}

/// Seconds on the monotonic clock.
func monotonicSeconds() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds) / 1e9
}
