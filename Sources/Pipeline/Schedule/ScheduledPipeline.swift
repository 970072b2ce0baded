/// What the crontab and systemd writers need to know about one scheduled pipeline.
public struct ScheduledPipeline: Sendable, Hashable {
    /// The pipeline id (`pipeline:` in its file): letters, digits and `-`.
    public var id: String
    /// The pipeline file, as an absolute path.
    public var pipelinePath: String
    /// The `schedule:` text, `TZ=` prefix included.
    public var schedule: String
    /// The yardstick executable, as an absolute path.
    public var executablePath: String
    /// The directory the run starts in, as an absolute path.
    public var workingDirectory: String
    /// The store, as an absolute path.
    public var databasePath: String

    public init(
        id: String, pipelinePath: String, schedule: String, executablePath: String, workingDirectory: String,
        databasePath: String
    ) {
        self.id = id
        self.pipelinePath = pipelinePath
        self.schedule = schedule
        self.executablePath = executablePath
        self.workingDirectory = workingDirectory
        self.databasePath = databasePath
    }

    /// The parsed schedule; throws `ScheduleError` naming the pipeline.
    func parsedSchedule() throws -> CronSchedule {
        do {
            return try CronSchedule(parsing: schedule)
        } catch let error as ScheduleError {
            throw ScheduleError(error.code, "pipeline '\(id)': \(error.message)")
        }
    }

    /// Throws unless the id and every path can be written into a crontab line or a unit file.
    func validate() throws {
        guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw ScheduleError(
                .invalidPipelineID, "pipeline id '\(id)' may hold only letters, digits and '-'; rename it in its file")
        }
        let paths = [
            ("pipeline file", pipelinePath), ("yardstick executable", executablePath),
            ("working directory", workingDirectory), ("database", databasePath),
        ]
        for (what, path) in paths {
            guard path.hasPrefix("/") else {
                throw ScheduleError(
                    .relativePath,
                    "pipeline '\(id)': the \(what) '\(path)' must be an absolute path (cron and systemd do not start in your directory)"
                )
            }
            guard !path.contains(where: { $0.isNewline || $0 == "\0" }) else {
                throw ScheduleError(
                    .relativePath, "pipeline '\(id)': the \(what) path contains a line break; rename it")
            }
        }
    }

    /// The run's arguments after the executable.
    var runArguments: [String] { ["run", pipelinePath, "--db", databasePath] }
}
