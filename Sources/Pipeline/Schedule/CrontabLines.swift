import Foundation

/// Writes crontab lines that run pipelines with `cd FOLDER && EXE run FILE --db DB` on their
/// schedules, meant to be appended to a crontab: `(crontab -l; yardstick schedule … --print-crontab) | crontab -`.
///
/// A schedule's `TZ=` zone is converted to the machine's zone, because Debian's and Ubuntu's cron
/// ignore `CRON_TZ=` and schedule every line in the daemon's zone: `TZ=Asia/Shanghai 0 2 * * *` on a
/// UTC machine becomes `0 18 * * *`. When a zone changes offset within a year (daylight saving) the
/// line holds at today's offsets and a comment says until when. A schedule that cannot be converted
/// (a day-of-month restriction with a time that crosses midnight in the machine's zone) keeps a
/// `CRON_TZ=` line (cronie reads it), with a comment and the zone switched back after the entry.
public enum CrontabLines {
    /// The crontab lines for one pipeline: a comment and the entry (see `text(for:machineTimeZone:)`).
    public static func lines(for pipeline: ScheduledPipeline, machineTimeZone: TimeZone = machineZone()) throws
        -> [String]
    {
        try text(for: [pipeline], machineTimeZone: machineTimeZone).split(
            separator: "\n", omittingEmptySubsequences: false
        )
        .dropLast().map(String.init)
    }

    /// A crontab fragment for several pipelines, ending in a newline.
    ///
    /// - Parameter machineTimeZone: the zone cron runs in.
    public static func text(
        for pipelines: [ScheduledPipeline], machineTimeZone: TimeZone = machineZone(), now: Date = Date()
    ) throws -> String {
        var out = ""
        for pipeline in pipelines {
            try pipeline.validate()
            let schedule = try pipeline.parsedSchedule()
            let command = command(for: pipeline)
            out += "# yardstick pipeline \(pipeline.id) (schedule: \(schedule.text))\n"
            if let converted = schedule.fields(in: machineTimeZone, at: now) {
                if schedule.timeZoneIdentifier != nil
                    && schedule.timeZone.secondsFromGMT(for: now)
                        != machineTimeZone.secondsFromGMT(for: now)
                {
                    out +=
                        "# times converted from \(schedule.timeZone.identifier) to this machine's zone \(machineTimeZone.identifier)"
                    if let until = converted.validUntil {
                        out += "; valid until the offset change around \(dayText(until)): print the crontab again then"
                    }
                    out += "\n"
                }
                for fields in converted.lines { out += "\(fields) \(command)\n" }
            } else {
                let zone = schedule.timeZone.identifier
                out +=
                    "# cron without CRON_TZ support (Debian's) runs this line in \(machineTimeZone.identifier), not \(zone)\n"
                out += "CRON_TZ=\(zone)\n"
                out += schedule.fields.map(\.portableText).joined(separator: " ") + " \(command)\n"
                out += "CRON_TZ=\(machineTimeZone.identifier)\n"
            }
        }
        return out
    }

    /// The zone the cron daemon runs in: /etc/timezone or the /etc/localtime link (the daemon does
    /// not see a user's `TZ`), else the process's zone.
    public static func machineZone() -> TimeZone {
        if let text = try? String(contentsOfFile: "/etc/timezone", encoding: .utf8),
            let zone = TimeZone(identifier: text.trimmingCharacters(in: .whitespacesAndNewlines))
        {
            return zone
        }
        if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/etc/localtime"),
            let range = link.range(of: "zoneinfo/"), let zone = TimeZone(identifier: String(link[range.upperBound...]))
        {
            return zone
        }
        return .current
    }

    static func dayText(_ date: Date) -> String { posixDateText(date, "yyyy-MM-dd") }

    /// `cd DIR && EXE run FILE --db DB`, shell-quoted, with `%` escaped as cron requires.
    static func command(for pipeline: ScheduledPipeline) -> String {
        let words = ["cd", pipeline.workingDirectory, "&&", pipeline.executablePath] + pipeline.runArguments
        return words.enumerated().map { i, w in i == 2 ? w : shellQuoted(w) }.joined(separator: " ")
            .replacingOccurrences(of: "%", with: "\\%")
    }

    /// `word` as one POSIX shell word: as is when plain, else in single quotes.
    public static func shellQuoted(_ word: String) -> String {
        let plain =
            !word.isEmpty
            && word.unicodeScalars.allSatisfy {
                ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)))
                    || "/._-+:@,=".unicodeScalars.contains($0)
            }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
