import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A process started with `posix_spawn` and reaped with `wait4` on its own pid: its exit status,
/// its peak RSS and what it wrote to stdout and stderr (through a file, never a pipe, so a daemon it
/// leaves running cannot hold the caller's read open). Every descriptor above stderr is closed in
/// the child, so such a daemon holds none of the test process's pipes either.
public struct SpawnedProcess: Sendable {
    public var status: Int32
    public var maxRSSKiB: Int
    public var output: String

    /// Runs `argv` (its first element an absolute path) with stdin from /dev/null; its output file
    /// goes to `directory` (default: the temporary folder).
    public static func run(_ argv: [String], directory: String? = nil) throws -> SpawnedProcess {
        let outPath = (directory ?? NSTemporaryDirectory()) + "/spawned-\(UUID().uuidString).out"
        defer { try? FileManager.default.removeItem(atPath: outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // The descriptors open now (another thread may open one meanwhile; its pipe would only be
        // held as long as the child runs).
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap(Int32.init) where fd > 2 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, nil, &cArgs, environ)
        guard rc == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSFilePathErrorKey: argv[0]])
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let exited = (status & 0x7F) == 0
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        return SpawnedProcess(
            status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F), maxRSSKiB: Int(usage.ru_maxrss),
            output: output)
    }
}
