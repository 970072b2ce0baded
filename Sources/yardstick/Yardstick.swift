import ArgumentParser

@main
struct Yardstick: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yardstick",
        abstract: "Tracks whether stated targets were met: reads sources, checks goals, writes a scorecard.",
        version: YardstickVersion.current,
        subcommands: [
            Run.self, Validate.self, Extract.self, Adapters.self, Runs.self, Diff.self, Report.self, Export.self,
            Schedule.self,
            NewAdapter.self, Init.self, Doctor.self, SiteCommand.self, ServeCommand.self, Worker.self, Enqueue.self,
        ])
}
