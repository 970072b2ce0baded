import Foundation
import Pipeline
import Storage

/// Writes Prometheus text-format metrics for node_exporter's textfile collector.
///
/// The file keeps the lines of other pipelines, so one file can serve every pipeline run from the
/// same schedule; it is replaced atomically (written beside, then renamed).
enum MetricsWriter {
    static func write(summary: RunSummary, store: any ResultStore, to path: String) async throws {
        let pipeline = summary.pipeline
        var kept: [String] = []
        if let existing = try? String(contentsOfFile: path, encoding: .utf8) {
            for line in existing.split(separator: "\n") where !line.hasPrefix("#") {
                if !line.contains("pipeline=\"\(escape(pipeline))\"") { kept.append(String(line)) }
            }
        }
        let run = try await store.run(id: summary.runID)
        let finished = (run?.finishedAt ?? Date()).timeIntervalSince1970
        let p = "pipeline=\"\(escape(pipeline))\""
        var lines: [String] = []
        lines.append("yardstick_run_last_timestamp_seconds{\(p)} \(Int(finished))")
        lines.append("yardstick_run_last_duration_seconds{\(p)} \(format(run?.duration ?? 0))")
        lines.append("yardstick_run_last_id{\(p)} \(summary.runID)")
        for status in ["succeeded", "partial", "failed", "stopped"] {
            lines.append("yardstick_run_last_status{\(p),status=\"\(status)\"} \(summary.status == status ? 1 : 0)")
        }
        lines.append("yardstick_run_last_records{\(p)} \(summary.records)")
        for s in summary.sources {
            let sp = "\(p),source=\"\(escape(s.sourceID))\""
            for status in ["stored", "unchanged", "failed"] {
                lines.append("yardstick_source_last_status{\(sp),status=\"\(status)\"} \(s.status == status ? 1 : 0)")
            }
            lines.append("yardstick_source_last_records{\(sp)} \(s.records)")
            lines.append("yardstick_source_last_bytes{\(sp)} \(s.bytes)")
            lines.append("yardstick_source_last_duration_seconds{\(sp)} \(format(s.seconds))")
        }
        for status in ["met", "missed", "on_track", "behind", "no_data", "redacted", "incomparable"] {
            lines.append("yardstick_goals{\(p),status=\"\(status)\"} \(summary.statusCounts[status] ?? 0)")
        }
        let header = """
            # HELP yardstick_run_last_timestamp_seconds When the pipeline's last run finished (Unix time).
            # TYPE yardstick_run_last_timestamp_seconds gauge
            # HELP yardstick_run_last_duration_seconds How long the pipeline's last run took.
            # TYPE yardstick_run_last_duration_seconds gauge
            # HELP yardstick_run_last_id The id of the pipeline's last run in the store.
            # TYPE yardstick_run_last_id gauge
            # HELP yardstick_run_last_status 1 for the status of the pipeline's last run.
            # TYPE yardstick_run_last_status gauge
            # HELP yardstick_run_last_records Records stored by the pipeline's last run.
            # TYPE yardstick_run_last_records gauge
            # HELP yardstick_source_last_status 1 for the status of each source in the last run.
            # TYPE yardstick_source_last_status gauge
            # HELP yardstick_source_last_records Records stored from each source in the last run.
            # TYPE yardstick_source_last_records gauge
            # HELP yardstick_source_last_bytes Input bytes of each source in the last run.
            # TYPE yardstick_source_last_bytes gauge
            # HELP yardstick_source_last_duration_seconds Seconds each source took in the last run.
            # TYPE yardstick_source_last_duration_seconds gauge
            # HELP yardstick_goals Goals by status after the pipeline's last run.
            # TYPE yardstick_goals gauge
            """
        let all = (kept + lines).sorted()
        let text = header + "\n" + all.joined(separator: "\n") + "\n"
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let temp = path + ".tmp-\(getpid())"
        try text.write(toFile: temp, atomically: false, encoding: .utf8)
        if rename(temp, path) != 0 {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func format(_ d: Double) -> String { String(format: "%.3f", d) }
}
