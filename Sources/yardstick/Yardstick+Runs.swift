import ArgumentParser
import Foundation
import IndicatorKit
import Pipeline
import Storage

extension Yardstick {
    struct Runs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List recent runs, or show one.",
            subcommands: [List.self, Show.self], defaultSubcommand: List.self)

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Recent runs: id, pipeline, start, duration, status, records.")

            @OptionGroup var store: StoreOptions
            @OptionGroup var global: GlobalOptions

            @Option(help: "Only runs of this pipeline.")
            var pipeline: String?

            @Option(help: "How many runs to list.")
            var limit: Int = 20

            func run() async throws {
                _ = global.bootstrap()
                let store = try await openExistingStore(self.store.databasePath)
                if let pipeline { try await requireKnownPipeline(pipeline, in: store, path: self.store.databasePath) }
                let runs = try await store.runs(pipeline: pipeline, limit: limit)
                if runs.isEmpty {
                    StandardOutput.line("no runs yet; start one with: yardstick run PIPELINE.yaml")
                    return
                }
                StandardOutput.line(
                    pad("id", 6) + pad("pipeline", 22) + pad("started", 22) + pad("seconds", 9) + pad("status", 12)
                        + "records")
                for r in runs {
                    StandardOutput.line(
                        pad(String(r.id), 6) + pad(r.pipeline, 22) + pad(formatDate(r.startedAt), 22)
                            + pad(r.duration.map { String(format: "%.2f", $0) } ?? "-", 9) + pad(r.status, 12)
                            + String(r.records))
                }
            }
        }

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "One run: each source's status, records, bytes, seconds and errors; the goal statuses.")

            @OptionGroup var store: StoreOptions
            @OptionGroup var global: GlobalOptions

            @Argument(help: "The run id (see `yardstick runs`).")
            var id: Int64

            func run() async throws {
                _ = global.bootstrap()
                let store = try await openExistingStore(self.store.databasePath)
                guard let r = try await store.run(id: id) else {
                    StandardOutput.error(
                        "error: no run \(id) in \(self.store.databasePath); list runs with: yardstick runs")
                    throw ExitCodes.invalidInput
                }
                StandardOutput.line("run \(r.id) of \(r.pipeline) (\(r.pipelineFile))")
                StandardOutput.line("  started  \(formatDate(r.startedAt)) by pid \(r.pid) on \(r.host)")
                let sources = try await store.runSources(runID: id)
                let fetches = try await store.fetches(runID: id)
                StandardOutput.line(
                    "  status   \(RunWords.status(r.status, sources: sources))\(r.duration.map { String(format: " after %.2f s", $0) } ?? "")\(r.fullRefresh ? " (full refresh)" : "")"
                )
                StandardOutput.line("  records  \(r.records)")
                StandardOutput.line("sources:")
                for s in sources {
                    var line =
                        "  " + pad(s.sourceID, 18) + pad(s.status, 11) + pad("\(s.records) records", 15)
                        + pad("\(s.bytes) bytes", 16) + String(format: "%.2f s", s.seconds)
                    // How a downloaded input came: the HTTP status, and whether the server said unchanged.
                    if let f = fetches.last(where: { $0.sourceID == s.sourceID }), let http = f.httpStatus {
                        line += "\n      fetched: HTTP \(http) \(f.status)" + (f.mediaType.map { ", \($0)" } ?? "")
                    }
                    if let e = s.error {
                        line +=
                            "\n      \(s.status == "failed" ? "error" : "warning"): \(TerminalText.visible(e, keepingNewlines: true))"
                    }
                    StandardOutput.line(line)
                }
                if let summary = r.summary {
                    StandardOutput.line("goals: \(RunWords.goalCounts(summaryJSON: summary))")
                } else {
                    StandardOutput.line("goals: not checked in this run")
                }
            }
        }
    }
}

/// Exits with the invalid-input code when `store` has no run of `pipeline`, naming those it has.
func requireKnownPipeline(_ pipeline: String, in store: any ResultStore, path: String) async throws {
    guard try await store.runs(pipeline: pipeline, limit: 1).isEmpty else { return }
    var known: [String] = []
    for r in try await store.runs(pipeline: nil, limit: 10_000) where !known.contains(r.pipeline) {
        known.append(r.pipeline)
    }
    var message = "error: unknown pipeline '\(pipeline)': no runs of it in \(path)"
    if let guess = Spelling.closest(to: pipeline, among: known) { message += " (did you mean '\(guess)'?)" }
    message +=
        known.isEmpty ? "; no pipeline has run yet" : "; pipelines with runs: " + known.sorted().joined(separator: ", ")
    StandardOutput.error(message)
    throw ExitCodes.invalidInput
}

/// `s` padded to `width` terminal columns (CJK characters count two), with at least one space after it.
func pad(_ s: String, _ width: Int) -> String {
    let w = s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) }
    return w >= width ? s + " " : s + String(repeating: " ", count: width - w)
}

func formatDate(_ d: Date) -> String {
    let f = DateFormatter()
    f.dateFormat = "yyyy-MM-dd HH:mm:ss"
    f.locale = Locale(identifier: "en_US_POSIX")
    return f.string(from: d)
}
