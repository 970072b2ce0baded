import ArgumentParser
import Foundation
import IndicatorKit
import Storage

extension Yardstick {
    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Goals whose status or actual changed between two runs (default: the last two checked runs).")

        @OptionGroup var store: StoreOptions
        @OptionGroup var global: GlobalOptions

        @Option(help: "The pipeline (default: the pipeline of the latest run).")
        var pipeline: String?

        @Argument(help: "The earlier run id.")
        var runA: Int64?

        @Argument(help: "The later run id.")
        var runB: Int64?

        func run() async throws {
            _ = global.bootstrap()
            let store = try await openExistingStore(self.store.databasePath)
            if let pipeline { try await requireKnownPipeline(pipeline, in: store, path: self.store.databasePath) }
            var a = runA
            var b = runB
            var pipelineID = pipeline
            if let given = b ?? a, pipelineID == nil { pipelineID = try await store.run(id: given)?.pipeline }
            if pipelineID == nil { pipelineID = try await store.runs(pipeline: nil, limit: 1).first?.pipeline }
            guard let pipelineID else {
                StandardOutput.line("no runs yet; start one with: yardstick run PIPELINE.yaml")
                return
            }
            if a != nil && b == nil {
                b = a
                a = try await store.latestCheckedRun(pipeline: pipelineID, before: b)
            }
            if b == nil { b = try await store.latestCheckedRun(pipeline: pipelineID, before: nil) }
            if a == nil, let b { a = try await store.latestCheckedRun(pipeline: pipelineID, before: b) }
            guard let a, let b else {
                StandardOutput.line("\(pipelineID): fewer than two runs with goal checks; nothing to compare yet")
                return
            }
            let before = Dictionary(
                try await store.checks(runID: a).map { (Self.key($0), $0) }, uniquingKeysWith: { x, _ in x })
            let after = try await store.checks(runID: b)
            StandardOutput.line("\(pipelineID): run \(a) → run \(b)")
            var changes = 0
            var seen = Set<String>()
            for c in after {
                let k = Self.key(c)
                seen.insert(k)
                guard let old = before[k] else {
                    StandardOutput.line("  new      \(c.subject): \(c.status)\(Self.actual(c))")
                    changes += 1
                    continue
                }
                if old.status != c.status || old.actual != c.actual {
                    StandardOutput.line(
                        "  changed  \(c.subject): \(old.status)\(Self.actual(old)) → \(c.status)\(Self.actual(c))")
                    changes += 1
                }
            }
            for (k, old) in before where !seen.contains(k) {
                StandardOutput.line("  gone     \(old.subject): was \(old.status)\(Self.actual(old))")
                changes += 1
            }
            if changes == 0 { StandardOutput.line("  no goal changed status or actual") }
        }

        static func key(_ c: StoredCheck) -> String {
            "\(c.indicator ?? "")|\(c.subject)|\(c.target.map { "\($0)" } ?? "")|\(c.unit ?? "")"
        }

        static func actual(_ c: StoredCheck) -> String {
            guard let v = c.actual else { return "" }
            return " (actual \(JSONText.format(v))\(c.unit.map { " \($0)" } ?? ""))"
        }
    }
}
