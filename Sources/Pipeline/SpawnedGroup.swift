import Foundation

/// A program started with posix_spawn as the leader of a new process group, its stdout and stderr
/// on pipes the caller reads.
///
/// The child gets every signal at its default disposition (a runner that ignores SIGTERM must not
/// pass that on), an empty signal mask, stdin on /dev/null and no descriptor but 0, 1 and 2.
final class SpawnedGroup: @unchecked Sendable {
    struct SpawnError: Error {
        var message: String
    }

    enum Status: Equatable {
        case running
        case exited(Int32)
        case signaled(Int32)
    }

    /// The child's pid, which is also its process group id.
    let pid: pid_t
    /// Read ends of the child's stdout and stderr.
    let stdout: Int32
    let stderr: Int32
    private let lock = NSLock()
    private var reaped: Status = .running
    private var pipesClosed = false

    private init(pid: pid_t, stdout: Int32, stderr: Int32) {
        self.pid = pid
        self.stdout = stdout
        self.stderr = stderr
    }

    var status: Status {
        lock.lock()
        defer { lock.unlock() }
        return reaped
    }

    /// Starts `program` (searched in PATH when it has no '/') with `arguments` in `directory`.
    static func spawn(program: String, arguments: [String], environment: [String: String], directory: String) throws
        -> SpawnedGroup
    {
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        guard pipe(&outPipe) == 0 else { throw SpawnError(message: "pipe failed (errno \(errno))") }
        guard pipe(&errPipe) == 0 else {
            close(outPipe[0])
            close(outPipe[1])
            throw SpawnError(message: "pipe failed (errno \(errno))")
        }
        // Close-on-exec, so programs other threads start do not inherit them (pipe2 is not exported).
        for fd in outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }

        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attr, 0)
        // Every signal, glibc's internal ones (32, 33) included: sigfillset leaves those out, and the
        // spawn would then start the program with them ignored.
        var all = sigset_t()
        _ = withUnsafeMutableBytes(of: &all) { $0.initializeMemory(as: UInt8.self, repeating: 0xff) }
        posix_spawnattr_setsigdefault(&attr, &all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attr, &none)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        if let closeFrom = SpawnExtensions.addCloseFrom {
            _ = closeFrom(&actions, 3)
        } else {
            // No closefrom action (glibc before 2.34): close what is open now.
            for fd in openDescriptors() where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        }
        guard let addChdir = SpawnExtensions.addChdir else {
            throw SpawnError(
                message: "this C library has no posix_spawn_file_actions_addchdir_np (glibc 2.29 or newer)")
        }
        _ = directory.withCString { addChdir(&actions, $0) }

        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, program, &actions, &attr, argv, envp)
        close(outPipe[1])
        close(errPipe[1])
        guard rc == 0 else {
            close(outPipe[0])
            close(errPipe[0])
            throw SpawnError(message: String(cString: strerror(rc)))
        }
        return SpawnedGroup(pid: pid, stdout: outPipe[0], stderr: errPipe[0])
    }

    /// Reaps the child if it exited; true once it has.
    func reap() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if reaped != .running { return true }
        var st: Int32 = 0
        let r = waitpid(pid, &st, WNOHANG)
        guard r == pid else { return false }
        let low = st & 0x7f
        reaped = low == 0 ? .exited((st >> 8) & 0xff) : .signaled(low)
        return true
    }

    /// Waits up to 100 ms for the child to exit.
    func waitBriefly() {
        for _ in 0..<10 {
            if reap() { return }
            usleep(10_000)
        }
    }

    /// Sends `signal` to every process of the group.
    func killGroup(_ signal: Int32) {
        _ = Glibc.kill(-pid, signal)
    }

    /// True while a process of the group exists.
    var groupExists: Bool {
        Glibc.kill(-pid, 0) == 0 || errno == EPERM
    }

    func closePipes() {
        lock.lock()
        defer { lock.unlock() }
        guard !pipesClosed else { return }
        pipesClosed = true
        close(stdout)
        close(stderr)
    }

    /// Ends what is left of the group once the child has exited or been killed: SIGTERM, then SIGKILL
    /// after `grace`. Returns true when processes were left behind.
    func stopLeftovers(grace: Double) -> Bool {
        if !reap() {
            killGroup(SIGTERM)
            let until = monotonicSeconds() + grace
            while !reap() && monotonicSeconds() < until { usleep(20_000) }
            if !reap() {
                killGroup(SIGKILL)
                while !reap() { usleep(20_000) }
            }
        }
        guard groupExists else { return false }
        killGroup(SIGTERM)
        let until = monotonicSeconds() + grace
        while groupExists && monotonicSeconds() < until { usleep(20_000) }
        if groupExists {
            killGroup(SIGKILL)
            let after = monotonicSeconds() + grace
            while groupExists && monotonicSeconds() < after { usleep(20_000) }
        }
        return true
    }

    private static func openDescriptors() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
    }
}

/// glibc's posix_spawn extensions, which the Glibc module does not export (they need _GNU_SOURCE).
enum SpawnExtensions {
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    typealias AddChdir =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    static let addCloseFrom: AddCloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")
    static let addChdir: AddChdir? = symbol("posix_spawn_file_actions_addchdir_np")

    private static func symbol<T>(_ name: String) -> T? {
        guard let handle = dlopen(nil, RTLD_NOW), let sym = dlsym(handle, name) else { return nil }
        return unsafeBitCast(sym, to: T.self)
    }
}
