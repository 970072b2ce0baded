import Foundation

/// Writes crontab lines that run pipelines with `yardstick run FILE --db DB` on their schedules.
///
/// A schedule's `TZ=` zone becomes a `CRON_TZ=` line (cronie reads it; Debian's Vixie cron
/// ignores it and uses the machine's zone). `CRON_TZ=` applies to every later line, so a list of
/// entries switches it back to the machine's zone after the last zoned entry.
public enum CrontabLines {
    /// The crontab lines for one pipeline: a comment, `CRON_TZ=` when its schedule names a zone,
    /// and the entry.
    public static func lines(for pipeline: ScheduledPipeline) throws -> [String] {
        try text(for: [pipeline]).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// A crontab fragment for several pipelines, ending in a newline.
    ///
    /// - Parameter machineTimeZone: the zone cron runs in, restored after zoned entries.
    public static func text(for pipelines: [ScheduledPipeline], machineTimeZone: TimeZone = .current) throws -> String {
        var out = ""
        var zoneInForce: String?
        for pipeline in pipelines {
            try pipeline.validate()
            let schedule = try pipeline.parsedSchedule()
            out += "# yardstick pipeline \(pipeline.id) (schedule: \(schedule.text))\n"
            if let zone = schedule.timeZoneIdentifier, zone != zoneInForce {
                out += "CRON_TZ=\(zone)\n"
                zoneInForce = zone
            } else if schedule.timeZoneIdentifier == nil, zoneInForce != nil {
                out += "CRON_TZ=\(machineTimeZone.identifier)\n"
                zoneInForce = nil
            }
            let fields = schedule.fields.map(\.portableText).joined(separator: " ")
            out += "\(fields) \(command(for: pipeline))\n"
        }
        if zoneInForce != nil { out += "CRON_TZ=\(machineTimeZone.identifier)\n" }
        return out
    }

    /// `cd DIR && EXE run FILE --db DB`, shell-quoted, with `%` escaped as cron requires.
    static func command(for pipeline: ScheduledPipeline) -> String {
        let words = ["cd", pipeline.workingDirectory, "&&", pipeline.executablePath] + pipeline.runArguments
        return words.enumerated().map { i, w in i == 2 ? w : shellQuoted(w) }.joined(separator: " ")
            .replacingOccurrences(of: "%", with: "\\%")
    }

    /// `word` as one POSIX shell word: as is when plain, else in single quotes.
    static func shellQuoted(_ word: String) -> String {
        let plain =
            !word.isEmpty
            && word.unicodeScalars.allSatisfy {
                ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)))
                    || "/._-+:@,=".unicodeScalars.contains($0)
            }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
