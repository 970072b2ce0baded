import Foundation
import Storage

/// The warnings a scorecard carries when some of its sources failed: which sources, since when,
/// and how old the figures shown for them are.
enum SourceWarnings {
    /// Nothing when every source of `config` was read in its latest attempt; otherwise a summary line
    /// (`Partial scorecard: 1 of 3 sources failed (crashy).`, or `Stale scorecard: …` when every source
    /// is failing) and one line per failing source.
    static func lines(for config: PipelineConfig, store: any ResultStore) async throws -> [String] {
        var failing: [SourceHealth] = []
        for source in config.sources {
            let health = try await store.sourceHealth(pipeline: config.id, sourceID: source.id)
            if health.isFailing { failing.append(health) }
        }
        guard !failing.isEmpty else { return [] }
        let total = config.sources.count
        // When every source is failing nothing on the scorecard is fresh: say so rather than "partial".
        let heading = failing.count == total ? "Stale scorecard" : "Partial scorecard"
        var out = [
            "\(heading): \(failing.count) of \(total) source\(total == 1 ? "" : "s") failed ("
                + failing.map(\.sourceID).joined(separator: ", ") + ")."
        ]
        for h in failing {
            let first = h.failures.first!
            let last = h.failures.last!
            var line = "Source '\(h.sourceID)' "
            if h.failures.count == 1 {
                line += "failed in run \(last.runID) (\(format(last.startedAt)))"
            } else {
                line +=
                    "has failed in \(h.failures.count) runs since run \(first.runID) (\(format(first.startedAt))), "
                    + "most recently run \(last.runID)"
            }
            if let error = last.error { line += ": " + shorten(error) }
            line += ". "
            if let data = h.dataRun {
                line += "Its figures here are older: from run \(data.id) (\(format(data.startedAt)))."
            } else {
                line += "It has no stored data, so goals that depend on it show no data."
            }
            out.append(line)
        }
        return out
    }

    static func format(_ date: Date) -> String { posixDateText(date, "yyyy-MM-dd HH:mm xxx") }

    static func shorten(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
        return flat.count <= 240 ? flat : String(flat.prefix(239)) + "…"
    }
}
