import Foundation
import Logging

/// Runs pipelines in the foreground when their `schedule:` says, for systemd services and containers.
///
/// Pipeline files (or folders of them) are re-read when they change; a pipeline that fails is logged
/// and runs again at its next time; `stop` (SIGTERM/SIGINT) ends the loop after the current run has
/// finished or rolled back its current source.
public struct PipelineScheduler: Sendable {
    /// Files or folders (every *.yaml / *.yml inside) to schedule.
    public var paths: [String]
    public var loader: PipelineLoader
    public var logger: Logger
    /// Runs one pipeline; the scheduler logs what it returns or throws.
    public var runPipeline: @Sendable (PipelineConfig) async throws -> String
    public var stop: StopFlag
    /// Longest sleep between checks, in seconds (so file changes and stop requests are noticed).
    public var tick: Double = 1
    /// Run each pipeline once as soon as it is first loaded, then on its schedule (catch up after a
    /// restart; `yardstick schedule --run-now`).
    public var runAtStart = false

    public init(
        paths: [String], loader: PipelineLoader, logger: Logger, stop: StopFlag,
        runPipeline: @escaping @Sendable (PipelineConfig) async throws -> String
    ) {
        self.paths = paths
        self.loader = loader
        self.logger = logger
        self.stop = stop
        self.runPipeline = runPipeline
    }

    struct Entry {
        var config: PipelineConfig
        var schedule: CronSchedule
        var modified: Date
        var next: Date
    }

    /// The pipeline files the paths name now.
    public func pipelineFiles() -> [String] {
        var files: [String] = []
        for p in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else {
                logger.error("\(p): no such file or folder")
                continue
            }
            if isDir.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: p)) ?? []
                for n in names.sorted() where n.hasSuffix(".yaml") || n.hasSuffix(".yml") {
                    files.append((p as NSString).appendingPathComponent(n))
                }
            } else {
                files.append(p)
            }
        }
        return files
    }

    /// Runs until `stop` is requested.
    public func run() async {
        var entries: [String: Entry] = [:]
        var broken: [String: Date] = [:]  // files that failed to load, by modification time
        logger.info("scheduler started for \(paths.joined(separator: ", "))")
        while !stop.isRequested {
            // (Re)load changed files.
            let files = pipelineFiles()
            for gone in Set(entries.keys).subtracting(files) {
                logger.notice("\(gone): removed, no longer scheduled")
                entries[gone] = nil
            }
            for file in files {
                let modified = Self.modificationDate(file)
                if let e = entries[file], e.modified == modified { continue }
                if let b = broken[file], b == modified { continue }
                do {
                    let config = try loader.load(path: file)
                    guard let text = config.schedule else {
                        logger.warning("\(file): no schedule: key, not scheduled")
                        broken[file] = modified
                        entries[file] = nil
                        continue
                    }
                    let schedule = try CronSchedule(parsing: text)
                    guard let next = schedule.nextRun(after: Date()) else {
                        logger.warning("\(file): schedule '\(text)' never runs")
                        broken[file] = modified
                        continue
                    }
                    let verb = entries[file] == nil ? "scheduled" : "reloaded"
                    let first = runAtStart && entries[file] == nil ? Date() : next
                    entries[file] = Entry(config: config, schedule: schedule, modified: modified, next: first)
                    broken[file] = nil
                    logger.info(
                        "\(verb) pipeline '\(config.id)' (\(text)); next run \(Self.format(next, schedule.timeZone))")
                } catch let error as ConfigError {
                    logger.error("\(file): not scheduled until fixed:\n\(error.description)")
                    broken[file] = modified
                    entries[file] = nil
                } catch {
                    logger.error("\(file): not scheduled until fixed: \(error)")
                    broken[file] = modified
                    entries[file] = nil
                }
            }
            // Run what is due, earliest first.
            let now = Date()
            for file in entries.keys.sorted(by: { entries[$0]!.next < entries[$1]!.next }) {
                guard let entry = entries[file], entry.next <= now, !stop.isRequested else { continue }
                logger.info("pipeline '\(entry.config.id)' is due: running")
                do {
                    let outcome = try await runPipeline(entry.config)
                    logger.info("pipeline '\(entry.config.id)': \(outcome)")
                } catch {
                    logger.error("pipeline '\(entry.config.id)' failed: \(error); it runs again at its next time")
                }
                if let next = entry.schedule.nextRun(after: max(Date(), entry.next)) {
                    entries[file]?.next = next
                    logger.info("pipeline '\(entry.config.id)': next run \(Self.format(next, entry.schedule.timeZone))")
                }
            }
            // Sleep until the next due time, in short ticks.
            let nextDue = entries.values.map(\.next).min() ?? Date().addingTimeInterval(tick)
            let wait = min(tick, max(0.05, nextDue.timeIntervalSinceNow))
            try? await Task.sleep(nanoseconds: UInt64(wait * 1e9))
        }
        logger.info("scheduler stopped")
    }

    static func modificationDate(_ path: String) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast
    }

    /// A run time in the schedule's zone: "2026-11-30 02:00 Asia/Shanghai".
    public static func format(_ date: Date, _ zone: TimeZone) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = zone
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return "\(f.string(from: date)) \(zone.identifier)"
    }
}
