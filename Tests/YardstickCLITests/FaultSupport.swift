import Foundation
import Storage
import TestSupport
import Testing

/// A `yardstick` process started in the background, its stdout and stderr in files (so a chatty
/// run never blocks on a full pipe).
final class BackgroundRun: @unchecked Sendable {
    let process = Process()
    let outPath: String
    let errPath: String

    init(
        _ arguments: [String], in directory: String, environment: [String: String] = [:],
        name: String = UUID().uuidString
    )
        throws
    {
        outPath = (directory as NSString).appendingPathComponent("\(name).out")
        errPath = (directory as NSString).appendingPathComponent("\(name).err")
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: Package.yardstick)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// Waits at most `limit` seconds; a run still going then is killed and `false` returned.
    @discardableResult
    func wait(limit: Double) async -> Bool {
        let deadline = Date().addingTimeInterval(limit)
        while process.isRunning && Date() < deadline { try? await Task.sleep(nanoseconds: 50_000_000) }
        if process.isRunning {
            kill(pid, SIGKILL)
        }
        let stopped = !process.isRunning
        process.waitUntilExit()
        return stopped
    }

    var status: Int32 { process.terminationStatus }
    var stdout: String { (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "" }
    var output: String { stdout + stderr }

    /// Kills the process if it still runs (for `defer`).
    func end() {
        if process.isRunning {
            kill(pid, SIGKILL)
            process.waitUntilExit()
        }
    }
}

/// What /proc says about processes, for checks of one process group (never the whole machine by name).
enum Processes {
    /// The pids of live (non-zombie) processes whose process group is `pgid`.
    static func members(ofGroup pgid: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }.filter { pid in
            guard let stat = self.stat(pid) else { return false }
            return stat.pgrp == pgid && stat.state != "Z"
        }
    }

    /// True while `pid` is a live process (a zombie does not count).
    static func isLive(_ pid: Int32) -> Bool {
        guard let stat = stat(pid) else { return false }
        return stat.state != "Z"
    }

    static func stat(_ pid: Int32) -> (state: String, pgrp: Int32)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 2, let pgrp = Int32(fields[2]) else { return nil }
        return (String(fields[0]), pgrp)
    }
}

/// Waits up to `limit` seconds for `condition`; false if it never held. Sleeps without holding a
/// thread of the shared pool, so tests running beside it are not starved.
func waitUntil(limit: Double, _ condition: () throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(limit)
    while Date() < deadline {
        if try condition() { return true }
        try? await Task.sleep(nanoseconds: 50_000_000)
    }
    return try condition()
}

/// Runs yardstick to its end on a thread of its own (not the shared pool).
func yardstickOffPool(_ arguments: [String], in directory: String) async throws -> CommandResult {
    try await withCheckedThrowingContinuation { continuation in
        Thread {
            do {
                continuation.resume(returning: try yardstick(arguments, in: directory))
            } catch {
                continuation.resume(throwing: error)
            }
        }.start()
    }
}

/// Writes p.yaml in `folder`: pipeline `id` with one exec source, `source`, running `command` (a YAML
/// flow list), with `extra` (lines of the source's keys) after it.
func writeExecPipeline(_ folder: TempFolder, _ id: String, source: String, command: String, extra: String = "")
    throws
{
    try folder.write(
        "p.yaml",
        """
        pipeline: \(id)
        sources:
          - id: \(source)
            adapter: exec
            command: \(command)
        \(extra)
        """)
}

/// Writes an open-data CSV of `rows` observations (about 24 bytes a row) named s0, s1, ….
func writeLargeCSV(_ path: String, rows: Int, value: Int = 1) throws {
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    let handle = try #require(FileHandle(forWritingAtPath: path))
    defer { try? handle.close() }
    var chunk = "subject,period,value,unit\n"
    for i in 0..<rows {
        chunk += "s\(i),2021,\(value),个\n"
        if chunk.utf8.count > 1 << 20 {
            handle.write(Data(chunk.utf8))
            chunk = ""
        }
    }
    handle.write(Data(chunk.utf8))
}

/// A small tmpfs mounted for a test (needs root); nil with the reason when mounting is impossible.
struct TmpfsMount {
    let path: String

    static func mount(size: String) -> (TmpfsMount?, String?) {
        guard getuid() == 0 else { return (nil, "mounting a tmpfs needs root (uid \(getuid()))") }
        let path = NSTemporaryDirectory() + "yardstick-tmpfs-" + UUID().uuidString
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            let r = try runCommand("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", path])
            guard r.status == 0 else {
                try? FileManager.default.removeItem(atPath: path)
                return (nil, "mount -t tmpfs failed: \(r.stderr)")
            }
        } catch {
            return (nil, "mount -t tmpfs could not run: \(error)")
        }
        return (TmpfsMount(path: path), nil)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    func remount(_ mode: String) throws -> Bool {
        try runCommand("/bin/mount", ["-o", "remount,\(mode)", path]).status == 0
    }

    func unmount() {
        _ = try? runCommand("/bin/umount", [path])
        try? FileManager.default.removeItem(atPath: path)
    }
}
