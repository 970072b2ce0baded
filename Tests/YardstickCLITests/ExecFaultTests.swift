import Foundation
import Storage
import TestSupport
import Testing

/// External programs that hang, fork, flood or ignore signals: every run ends, the program's whole
/// process group is gone afterwards, and the source's last good data stays current.
@Suite(.serialized) struct ExecFaultTests {
    /// The reproduction: answers `describe`; with a file `good` beside it prints one record, else it
    /// starts a background child and hangs in a foreground one (both hold stdout).
    static let hangScript = """
        #!/bin/bash
        case "$1" in
          describe) echo '{"name":"hang","version":"1.0.0","options":[]}'; exit 0;;
        esac
        if [ -f good ]; then
          echo '{"type":"observation","subject":"hang-ok","kind":"level","value":1,"unit":"个","period":"2021"}'
          exit 0
        fi
        echo $$ > group.txt
        sleep 100001 &
        echo $! > background.txt
        sleep 100002
        """

    func setUp(timeout: Int, extra: String = "") throws -> TempFolder {
        let folder = try TempFolder()
        try folder.write("hang.sh", Self.hangScript)
        try folder.write(
            "p.yaml",
            """
            pipeline: hang
            \(extra)
            sources:
              - id: hang
                adapter: exec
                command: ["bash", "hang.sh"]
                timeout: \(timeout)
            """)
        return folder
    }

    /// Stores the good record once, so there is last good data to keep.
    func storeGoodRun(_ folder: TempFolder) async throws -> SQLiteStore {
        try folder.write("good", "")
        let first = try await yardstickOffPool(["run", "p.yaml", "--db", "db.sqlite"], in: folder.path)
        #expect(first.status == 0, "\(first.stderr)")
        try FileManager.default.removeItem(atPath: folder.file("good"))
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        #expect(try store.currentRecords(pipeline: "hang").map(\.record.subject) == ["hang-ok"])
        return store
    }

    /// A run that hangs after a good one, in a folder of its own; `end()` ends it and removes the folder.
    struct HangingRun {
        let folder: TempFolder
        let store: SQLiteStore
        let run: BackgroundRun

        func end() {
            run.end()
            folder.cleanup()
        }
    }

    /// In a folder `setUp(timeout:extra:)` makes, stores the good record once, then starts a run that
    /// hangs (the caller ends it).
    func startAfterAGoodRun(timeout: Int, extra: String = "") async throws -> HangingRun {
        let folder = try setUp(timeout: timeout, extra: extra)
        do {
            let store = try await storeGoodRun(folder)
            let run = try BackgroundRun(["run", "p.yaml", "--db", "db.sqlite"], in: folder.path)
            return HangingRun(folder: folder, store: store, run: run)
        } catch {
            folder.cleanup()
            throw error
        }
    }

    /// Sends the run SIGTERM once the hanging program has started its background child.
    func sigtermOnceTheChildRuns(_ hanging: HangingRun) async {
        #expect(
            await waitUntil(limit: 60) { FileManager.default.fileExists(atPath: hanging.folder.file("background.txt")) }
        )
        kill(hanging.run.pid, SIGTERM)
    }

    /// After a run ended: its program's process group is gone, the lock is free and the good record
    /// is still the current data.
    func expectGroupGoneAndLastGoodDataKept(
        _ folder: TempFolder, _ store: SQLiteStore, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws {
        try await expectGroupGone(folder)
        #expect(try store.lockHolder(pipeline: "hang") == nil, sourceLocation: sourceLocation)
        #expect(
            try store.currentRecords(pipeline: "hang").map(\.record.subject) == ["hang-ok"],
            sourceLocation: sourceLocation)
    }

    func groupID(_ folder: TempFolder) throws -> (group: Int32, background: Int32) {
        let group = try String(contentsOfFile: folder.file("group.txt"), encoding: .utf8)
        let background = try String(contentsOfFile: folder.file("background.txt"), encoding: .utf8)
        return (
            try #require(Int32(group.trimmingCharacters(in: .whitespacesAndNewlines))),
            try #require(Int32(background.trimmingCharacters(in: .whitespacesAndNewlines)))
        )
    }

    func expectGroupGone(_ folder: TempFolder) async throws {
        let (group, background) = try groupID(folder)
        // Killing is asynchronous for processes that are not ours to reap: allow them to go.
        let gone = await waitUntil(limit: 10) {
            Processes.members(ofGroup: group).isEmpty && !Processes.isLive(background)
        }
        #expect(gone, "processes of group \(group) still running: \(Processes.members(ofGroup: group))")
        if !gone { kill(-group, SIGKILL) }
    }

    @Test func aProgramThatForksAndHangsIsStoppedAtItsTimeoutWithItsWholeGroup() async throws {
        let hanging = try await startAfterAGoodRun(timeout: 2)
        defer { hanging.end() }
        let (folder, store, run) = (hanging.folder, hanging.store, hanging.run)
        // timeout 2 s + kill grace 2 s + the grace for pipes a descendant holds; generous for a busy machine.
        #expect(await run.wait(limit: 60), "the run did not end")
        #expect(run.status == 3, "\(run.output)")
        #expect(run.stdout.contains("timeout of 2 s"), "\(run.output)")
        #expect(run.stdout.contains("left processes behind"), "\(run.output)")
        try await expectGroupGone(folder)
        // The failed source kept its last good data; nothing of the failed run is stored.
        let current = try store.currentRecords(pipeline: "hang")
        #expect(current.map(\.record.subject) == ["hang-ok"])
        let runs = try store.runs(pipeline: "hang")
        #expect(runs.map(\.status) == ["failed", "succeeded"])
        #expect(try store.count("observations", runID: runs[0].id) == 0)
        #expect(try store.lockHolder(pipeline: "hang") == nil)
        // The next run is not refused by the lock.
        try FileManager.default.removeItem(atPath: folder.file("group.txt"))
        let next = try BackgroundRun(["run", "p.yaml", "--db", "db.sqlite"], in: folder.path)
        defer { next.end() }
        #expect(await next.wait(limit: 60))
        #expect(next.status == 3, "\(next.output)")
        #expect(!next.stderr.contains("already running"))
        try await expectGroupGone(folder)
    }

    @Test func sigtermStopsTheRunWithinTheStopGraceAndReleasesTheLock() async throws {
        let hanging = try await startAfterAGoodRun(timeout: 300, extra: "stop-grace: 1")
        defer { hanging.end() }
        let (folder, store, run) = (hanging.folder, hanging.store, hanging.run)
        await sigtermOnceTheChildRuns(hanging)
        #expect(await run.wait(limit: 60), "the run did not end after SIGTERM")
        #expect(run.status == 6, "\(run.output)")
        #expect(run.stderr.contains("SIGTERM received"), "\(run.output)")
        #expect(run.stdout.contains("stop grace of 1 s"), "\(run.output)")
        try await expectGroupGoneAndLastGoodDataKept(folder, store)
        #expect(try store.runs(pipeline: "hang").first?.status == "stopped")
    }

    @Test func aSecondSignalEndsTheRunAtOnceAndStillReleasesTheLock() async throws {
        let hanging = try await startAfterAGoodRun(timeout: 300, extra: "stop-grace: 300")
        defer { hanging.end() }
        let (folder, store, run) = (hanging.folder, hanging.store, hanging.run)
        await sigtermOnceTheChildRuns(hanging)
        #expect(await waitUntil(limit: 30) { run.stderr.contains("SIGTERM received") })
        kill(run.pid, SIGINT)
        #expect(await run.wait(limit: 60), "the run did not end after the second signal")
        #expect(run.status == 130, "\(run.output)")
        try await expectGroupGoneAndLastGoodDataKept(folder, store)
    }

    @Test func theRunTimeoutStopsARunAsSigtermWould() async throws {
        let hanging = try await startAfterAGoodRun(timeout: 300, extra: "run-timeout: 1\nstop-grace: 1")
        defer { hanging.end() }
        let (folder, store, run) = (hanging.folder, hanging.store, hanging.run)
        #expect(await run.wait(limit: 60), "the run did not end at its run-timeout")
        #expect(run.status == 6, "\(run.output)")
        #expect(run.output.contains("run-timeout of 1 s"), "\(run.output)")
        try await expectGroupGoneAndLastGoodDataKept(folder, store)
    }

    @Test func aChildThatLeftTheGroupAndHoldsStdoutDoesNotHoldTheRun() async throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        // The child leaves the process group (setsid) so only the pipe rule can end the run.
        try writeExecPipeline(
            folder, "escaped", source: "escaped",
            command: #"["bash", "-c", "setsid sleep 100005 & echo $! > escaped.txt; exit 0"]"#)
        let run = try BackgroundRun(["run", "p.yaml", "--db", "db.sqlite"], in: folder.path)
        defer { run.end() }
        let finished = await run.wait(limit: 60)
        if let text = try? String(contentsOfFile: folder.file("escaped.txt"), encoding: .utf8),
            let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
        {
            kill(pid, SIGKILL)
        }
        #expect(finished, "the run waited on a pipe held by a process outside the group")
        #expect(run.status == 3, "\(run.output)")
        #expect(run.stdout.contains("kept its output open"), "\(run.output)")
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        #expect(try store.currentRecords(pipeline: "escaped").isEmpty)
        #expect(try store.lockHolder(pipeline: "escaped") == nil)
    }

    @Test func aProgramThatPrintsAGigabyteIsStoppedByTheOutputLimits() async throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try folder.copyFixture("indicators.csv")
        try folder.write(
            "p.yaml",
            """
            pipeline: flood
            sources:
              - id: table
                adapter: open-data
                location: indicators.csv
              - id: blank-lines
                adapter: exec
                command: ["bash", "-c", "head -c 1073741824 /dev/zero | tr '\\\\0' '\\\\n'"]
                max-output-bytes: 20000000
              - id: one-line
                adapter: exec
                command: ["bash", "-c", "head -c 1073741824 /dev/zero"]
            """)
        let run = try BackgroundRun(["run", "p.yaml", "--db", "db.sqlite"], in: folder.path)
        defer { run.end() }
        #expect(await run.wait(limit: 120), "the run did not end")
        #expect(run.status == 3, "\(run.output)")
        #expect(run.stdout.contains("more than 20000000 bytes"), "\(run.output)")
        #expect(run.stdout.contains("max-output-bytes"))
        #expect(run.stdout.contains("over 16777216 bytes"), "\(run.output)")
        #expect(run.stdout.contains("max-line-bytes"))
        // Memory stayed bounded: far below the gigabyte the program printed.
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        #expect(usage.ru_maxrss < 600 * 1024, "largest child RSS \(usage.ru_maxrss) KiB")
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        let current = try store.currentRecords(pipeline: "flood")
        #expect(Set(current.map(\.provenance.sourceID)) == ["table"])
        #expect(try store.count("observations", sourceID: "blank-lines") == 0)
        #expect(try store.count("observations", sourceID: "one-line") == 0)
    }

    @Test func theProgramStartsWithDefaultSignalsAndOnlyTheStandardDescriptors() async throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        // The shell writes its pid and becomes `sleep`: the test looks at that process from outside.
        try writeExecPipeline(
            folder, "clean-start", source: "probe", command: #"["sh", "-c", "echo $$ > pid.txt; exec sleep 100003"]"#)
        let run = try BackgroundRun(["run", "p.yaml", "--db", "db.sqlite"], in: folder.path)
        defer { run.end() }
        var pid: Int32 = 0
        #expect(
            await waitUntil(limit: 60) {
                guard let text = try? String(contentsOfFile: folder.file("pid.txt"), encoding: .utf8),
                    let p = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)),
                    let comm = try? String(contentsOfFile: "/proc/\(p)/comm", encoding: .utf8), comm.hasPrefix("sleep")
                else { return false }
                pid = p
                return true
            })
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        // Right after exec the dynamic loader briefly holds the libraries it maps open (fd 3): a
        // descriptor inherited from the runner stays, so look until the list settles (at most 10 s).
        var fds: [String] = []
        _ = await waitUntil(limit: 10) {
            fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").sorted()) ?? []
            return fds == ["0", "1", "2"]
        }
        let group = Processes.stat(pid)?.pgrp
        kill(pid, SIGKILL)
        #expect(await run.wait(limit: 60))
        #expect(status.contains("SigBlk:\t0000000000000000"), "\(status)")
        #expect(status.contains("SigIgn:\t0000000000000000"), "\(status)")
        #expect(fds == ["0", "1", "2"], "\(fds)")
        #expect(group == pid, "the program leads a process group of its own")
        #expect(run.status == 3)
        #expect(run.stdout.contains("killed by signal 9"), "\(run.output)")
        let store = try SQLiteStore(path: folder.file("db.sqlite"))
        #expect(try store.currentRecords(pipeline: "clean-start").isEmpty)
    }
}
