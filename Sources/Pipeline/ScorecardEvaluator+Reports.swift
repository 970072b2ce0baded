import Foundation
import Reports

extension ScorecardEvaluator {
    /// Step 4: the scorecard as reports show it (origins relative to the pipeline file) goes into the
    /// summary (status counts, JSON, terminal table), and into the report files of the formats asked
    /// for (`options.reportFormats`, else the pipeline's `report.formats`) when a directory is given.
    public func writeReports(
        _ checked: Scorecard, for config: PipelineConfig, options: RunOptions, summary: inout RunSummary
    ) throws {
        let scorecard = checked.mappingOrigins(config.sharedOrigin)
        for (status, count) in scorecard.statusCounts { summary.statusCounts[status.rawValue] = count }
        summary.unmatchedSubjects = scorecard.unmatchedSubjects
        summary.scorecardJSON = JSONRenderer().render(scorecard).trimmingCharacters(in: .newlines)
        summary.table = TableRenderer(colour: colour).render(scorecard)
        let formats = try ScorecardWriter.formats(named: options.reportFormats ?? config.report.formats)
            .filter { $0 != .table }
        guard !formats.isEmpty, let directory = options.reportDirectory ?? config.report.directory else { return }
        summary.reportFiles = try ScorecardWriter().write(scorecard, formats: formats, to: directory)
    }
}
