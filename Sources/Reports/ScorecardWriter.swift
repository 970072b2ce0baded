import Foundation
import IndicatorKit

/// Writes a scorecard's report files, one per format it is given.
///
/// Files are named `<pipeline>.<extension>` (`zhecheng-2022.html`, `zhecheng-2022.txt` for the
/// table) in `directory`, which is created when missing. A run passes its pipeline's
/// `report.formats` without `table` (the run prints the table to the terminal instead). Each file is written whole to a temporary
/// name and then renamed, so a reader never sees half a report.
public struct ScorecardWriter: Sendable {
    public init() {}

    /// The formats named in a pipeline file (any name ``ReportFormat/init(named:)`` accepts);
    /// throws `ReportError(.unknownFormat)` naming the first unknown one.
    public static func formats(named names: [String]) throws -> [ReportFormat] {
        try names.map { name in
            guard let format = ReportFormat(named: name) else {
                throw ReportError(.unknownFormat, ReportFormat.unknownNameMessage(name))
            }
            return format
        }
    }

    /// Writes one file per format and returns their paths, in the formats' order. The terminal
    /// table is written without colour.
    @discardableResult
    public func write(_ scorecard: Scorecard, formats: [ReportFormat], to directory: String) throws -> [String] {
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportError(
                .unwritable,
                "\(directory): cannot create the report directory (\(error.localizedDescription)); check report.directory and its permissions"
            )
        }
        var paths: [String] = []
        for format in formats {
            let path = (directory as NSString).appendingPathComponent("\(scorecard.pipeline).\(format.fileExtension)")
            let text = format.renderer(colour: false).render(scorecard)
            do {
                try text.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                throw ReportError(
                    .unwritable,
                    "\(path): cannot write the \(format.rawValue) report (\(error.localizedDescription)); check the directory's permissions and free space"
                )
            }
            paths.append(path)
        }
        return paths
    }
}
