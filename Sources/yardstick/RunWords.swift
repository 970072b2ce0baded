import Foundation
import Storage

/// A run's status and goal counts in words, for `runs show`.
enum RunWords {
    /// `partial: 1 of 3 sources failed (crashy)`, `succeeded: 3 sources read (2 stored, 1 unchanged)`.
    static func status(_ status: String, sources: [RunSourceRecord]) -> String {
        let failed = sources.filter { $0.status == "failed" }
        let stored = sources.filter { $0.status == "stored" }.count
        let unchanged = sources.filter { $0.status == "unchanged" }.count
        let total = sources.count
        let failedNames = failed.isEmpty ? "" : " (" + failed.map(\.sourceID).joined(separator: ", ") + ")"
        var read: [String] = []
        if stored > 0 { read.append("\(stored) stored") }
        if unchanged > 0 { read.append("\(unchanged) unchanged") }
        let readText = read.isEmpty ? "" : " (" + read.joined(separator: ", ") + ")"
        switch status {
        case "succeeded":
            return "succeeded: \(count(total, "source")) read\(readText)"
        case "partial" where !failed.isEmpty:
            return "partial: \(failed.count) of \(count(total, "source")) failed\(failedNames)"
        case "partial":
            return "partial: the sources were read but the goal checks or reports failed"
        case "failed":
            return "failed: " + (total == 1 ? "its source failed" : "all \(total) sources failed") + failedNames
        case "stopped":
            return "stopped on request after \(count(total, "source"))\(failedNames)"
        case "interrupted":
            return "interrupted: the process ended before the run finished"
        case "running":
            return "running"
        default:
            return status
        }
    }

    /// The stored goal-status counts (`{"met":3,"missed":1}`) as `3 met, 1 missed`, in the order
    /// the scorecard lists statuses.
    static func goalCounts(summaryJSON: String) -> String {
        guard let data = summaryJSON.data(using: .utf8),
            let counts = try? JSONDecoder().decode([String: Int].self, from: data)
        else { return summaryJSON }
        let order = ["met", "missed", "on_track", "behind", "no_data", "redacted", "incomparable"]
        let keys = order.filter { counts[$0] != nil } + counts.keys.filter { !order.contains($0) }.sorted()
        let parts = keys.compactMap { k -> String? in
            guard let n = counts[k], n > 0 else { return nil }
            return "\(n) \(k.replacingOccurrences(of: "_", with: " "))"
        }
        let total = counts.values.reduce(0, +)
        return parts.isEmpty ? "no goals checked" : "\(parts.joined(separator: ", ")) (\(count(total, "goal")))"
    }

    static func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }
}
