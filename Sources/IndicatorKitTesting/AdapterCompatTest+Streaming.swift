import Foundation
import IndicatorKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension AdapterCompatTest {
    /// Writes the fixture into a FIFO in two parts and checks that a record reached the sink before
    /// the second part was written, and that the records equal those read from the file.
    func checkStreaming(_ instance: any SourceAdapter, fixture: URL) async -> [AdapterCompatViolation] {
        let name = fixture.lastPathComponent
        func violation(_ message: String) -> [AdapterCompatViolation] {
            [AdapterCompatViolation(rule: .streaming, fixture: name, message: message)]
        }
        guard let data = try? Data(contentsOf: fixture) else { return violation("cannot read the fixture") }
        guard let cut = streamingCut(data), cut > 0, cut < data.count else {
            return violation(
                "the fixture (\(data.count) bytes) is too small to split into two parts at a line break before two thirds of it; add lines to it or set streamingCut"
            )
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("adapter-compat-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            return violation("cannot create a temporary directory for the FIFO: \(error)")
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent(name).path
        guard mkfifo(fifo, 0o600) == 0 else { return violation("mkfifo failed (errno \(errno))") }
        ignoreBrokenPipes()

        let collector = RecordCollector()
        let state = StreamingState()
        let input = self.input(path: fifo, origin: fixture.path)
        let timeout = streamingTimeout
        // The adapter reads on its own thread, not on Swift's cooperative pool: in a parallel test run
        // the pool's few threads may all be busy with other tests for minutes, and a read that waits
        // its turn would miss the check's deadlines through no fault of the adapter.
        Task.detached(executorPreference: StreamingExecutor()) {
            state.start()
            do {
                try await instance.read(input, into: collector.sink)
                state.finish(error: nil)
            } catch {
                state.finish(error: error)
            }
        }
        let writer = Thread {
            Self.feed(data, cut: cut, fifo: fifo, collector: collector, state: state, timeout: timeout)
        }
        writer.start()
        // Wait for the writer, then give the adapter a while to finish after end of input. The clock
        // starts when the adapter's task does: on a busy machine the task may wait for a thread.
        while !(state.writerDone && state.adapterDone) {
            let deadline = (state.startedAt ?? ContinuousClock.now) + timeout * 2 + .seconds(30)
            if ContinuousClock.now >= deadline || ContinuousClock.now >= state.created + Self.startCap { break }
            try? await Task.sleep(for: .milliseconds(10))
        }

        var found: [AdapterCompatViolation] = []
        let lineAtCut = data.prefix(cut).reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        if let problem = state.writerProblem { found += violation(problem) }
        if state.writerProblem == nil && !state.recordBeforeSecondPart {
            found += violation(
                "no record reached the sink within \(timeout) of writing the first \(cut) of \(data.count) bytes (\(lineAtCut) lines); read the input incrementally (POSIX read(), not FileHandle.read(upToCount:) or a whole-file read) and emit each record as soon as it is complete"
            )
        }
        guard state.adapterDone else {
            found += violation("the adapter had not finished \(timeout * 2 + .seconds(30)) after the input was closed")
            return found
        }
        if let error = state.adapterError {
            found += violation(
                "reading the input through a FIFO threw: \(error); read the path sequentially (no seek, no size check)")
            return found
        }
        let viaFIFO = collector.records.map { $0.jsonLine() }
        let fromFile = (try? await read(instance, path: fixture.path, origin: fixture.path))?.map { $0.jsonLine() }
        if let fromFile, fromFile != viaFIFO {
            found += violation(
                "records read through a FIFO in two parts (\(viaFIFO.count)) differ from those read from the file (\(fromFile.count)); check records that straddle a read boundary"
            )
        }
        return found
    }

    /// How long the FIFO check waits for the adapter's task to start at all.
    static var startCap: Duration { .seconds(900) }

    /// The writer's side, on its own thread so a blocked adapter cannot stall it.
    private static func feed(
        _ data: Data, cut: Int, fifo: String, collector: RecordCollector, state: StreamingState, timeout: Duration
    ) {
        defer { state.writerFinished() }
        // Open without blocking, retrying until the adapter opens the FIFO for reading. The limit
        // counts from the start of the adapter's task, so that a task that starts late still finds a
        // writer (else it would block in open() for good).
        var fd: Int32 = -1
        while fd < 0 {
            fd = open(fifo, O_WRONLY | O_NONBLOCK)
            if fd >= 0 { break }
            if state.adapterDone {
                state.fail("the adapter finished without opening its input")
                return
            }
            let openDeadline = (state.startedAt ?? ContinuousClock.now) + timeout + .seconds(20)
            if ContinuousClock.now > openDeadline || ContinuousClock.now > state.created + startCap {
                state.fail("the adapter did not open its input within \(timeout + .seconds(20))")
                releaseReader(fifo)
                return
            }
            usleep(5_000)
        }
        defer { close(fd) }
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK)
        let bytes = [UInt8](data)
        guard writeAll(fd, bytes[..<cut]) else {
            state.fail("the adapter closed its input before reading the first part")
            return
        }
        let waitDeadline = ContinuousClock.now + timeout
        while collector.records.isEmpty && !state.adapterDone && ContinuousClock.now < waitDeadline {
            usleep(2_000)
        }
        state.markFirstPart(recordArrived: !collector.records.isEmpty)
        _ = writeAll(fd, bytes[cut...])
    }

    /// Gives up on the FIFO without leaving the adapter blocked in `open(2)` for ever (which would hold
    /// one of the few threads Swift concurrency runs on, and so stall every other test): a blocked
    /// reader waits for a writer, so be one for a moment, and remove the FIFO so that a later open
    /// fails instead of blocking.
    private static func releaseReader(_ fifo: String) {
        let fd = open(fifo, O_RDWR | O_NONBLOCK)
        unlink(fifo)
        if fd >= 0 { close(fd) }
    }

    private static func writeAll(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Bool {
        var rest = bytes
        while !rest.isEmpty {
            let n = rest.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            rest = rest.dropFirst(n)
        }
        return true
    }

    /// A reader that closes the FIFO early must not kill the test process with SIGPIPE.
    private func ignoreBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }
}

/// What the adapter's task and the writer thread report to each other.
final class StreamingState: @unchecked Sendable {
    private let lock = NSLock()
    private var _adapterDone = false
    private var _adapterError: (any Error)?
    private var _writerDone = false
    private var _writerProblem: String?
    private var _recordBeforeSecondPart = false
    private var _startedAt: ContinuousClock.Instant?
    /// When the check began.
    let created = ContinuousClock.now

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    var adapterDone: Bool { locked { _adapterDone } }
    var adapterError: (any Error)? { locked { _adapterError } }
    var writerDone: Bool { locked { _writerDone } }
    var writerProblem: String? { locked { _writerProblem } }
    var recordBeforeSecondPart: Bool { locked { _recordBeforeSecondPart } }

    func finish(error: (any Error)?) {
        locked {
            _adapterDone = true
            _adapterError = error
        }
    }
    func writerFinished() { locked { _writerDone = true } }
    /// When the adapter's task started, if it has.
    var startedAt: ContinuousClock.Instant? { locked { _startedAt } }
    func start() { locked { _startedAt = ContinuousClock.now } }
    func fail(_ problem: String) { locked { _writerProblem = problem } }
    func markFirstPart(recordArrived: Bool) { locked { _recordBeforeSecondPart = recordArrived } }
}

/// Runs the jobs of the streaming check's read on a dispatch queue of its own.
final class StreamingExecutor: TaskExecutor, @unchecked Sendable {
    private let queue = DispatchQueue(label: "yardstick.compat.streaming")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
