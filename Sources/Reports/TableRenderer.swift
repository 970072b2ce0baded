import GoalCheck
import IndicatorKit

/// A plain-text table for a terminal: goal, target, actual, margin, status, source, and, when some
/// goal has one, the baseline with the change the target implies.
///
/// Labels are in the scorecard's language (`ReportLabels`); goals that share a subject are told
/// apart by their clause (`Scorecard.goalNames`).
///
/// Columns are aligned by display width (a Chinese character takes two columns). With `colour`,
/// statuses are coloured with ANSI escapes; pass it only when standard output is a terminal.
public struct TableRenderer: ScorecardRenderer {
    public var colour: Bool

    public init(colour: Bool = false) {
        self.colour = colour
    }

    public func render(_ scorecard: Scorecard) -> String {
        let l = scorecard.labels
        var out = scorecard.title + "\n"
        out +=
            l.meta(
                pipeline: scorecard.pipeline, period: scorecard.period, region: scorecard.region,
                run: scorecard.runID, generated: nil) + "\n\n"
        if scorecard.isPanel {
            out += panelBody(scorecard)
        } else {
            out += table(scorecard, indices: Array(scorecard.results.indices))
        }
        out += "\n" + scorecard.summaryLine + "\n"
        if let notice = scorecard.noDataNotice { out += notice + "\n" }
        for warning in scorecard.sourceWarnings { out += "warning: " + warning + "\n" }
        for note in scorecard.notes { out += l.note + note + "\n" }
        if !scorecard.unmatchedSubjects.isEmpty {
            out += l.unmatchedLine + scorecard.unmatchedSubjects.joined(separator: l.listSeparator) + "\n"
        }
        return out
    }

    /// The goals at `indices` as an aligned table (heading, rule, a row each).
    func table(_ scorecard: Scorecard, indices: [Int]) -> String {
        let l = scorecard.labels
        let names = scorecard.goalNames
        let chosen = indices.map { scorecard.results[$0] }
        var out = ""
        // The baseline column only when some goal has a baseline.
        let showBaseline = chosen.contains { $0.baseline != nil }
        var header = [l.goal, l.target, l.actual, l.margin, l.statusHeading, l.source]
        if showBaseline { header.append(l.baseline) }
        var rows: [[String]] = []
        for (r, name) in zip(chosen, indices.map { names[$0] }) {
            let unit = r.goal.goal.quantity.unit
            var row = [
                name,
                FigureText.target(r.goal.goal.comparator, r.target, upper: r.targetUpper, unit: unit),
                r.actual.map { FigureText.withUnit($0, unit) } ?? (r.status == .redacted ? l.masked : "—"),
                r.margin.map { FigureText.signed($0) } ?? "—",
                l.status(r.status),
                scorecard.actualSource(r),
            ]
            if showBaseline { row.append(l.baselineCell(r) ?? "—") }
            rows.append(row)
        }
        var widths = header.map(TableRenderer.width)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], TableRenderer.width(cell)) }
        }
        func line(_ cells: [String], status: CheckStatus? = nil) -> String {
            var parts: [String] = []
            for (i, cell) in cells.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - TableRenderer.width(cell))
                let numeric = (1...3).contains(i) && status != nil
                var text = numeric ? pad + cell : cell + pad
                if i == 4, let status, colour { text = TableRenderer.ansi(status) + cell + "\u{1B}[0m" + pad }
                parts.append(text)
            }
            var s = parts.joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s + "\n"
        }
        out += line(header)
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for (row, r) in zip(rows, chosen) { out += line(row, status: r.status) }
        return out
    }

    static func ansi(_ status: CheckStatus) -> String {
        switch status {
        case .met: "\u{1B}[32m"
        case .onTrack: "\u{1B}[36m"
        case .behind: "\u{1B}[33m"
        case .missed: "\u{1B}[31m"
        case .redacted: "\u{1B}[35m"
        case .incomparable: "\u{1B}[34m"
        default: "\u{1B}[2m"
        }
    }

    /// Display width: East Asian wide and full-width characters count two.
    static func width(_ s: String) -> Int {
        var w = 0
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            {
                w += 2
            } else if v >= 0x20, !(0x300...0x36F).contains(v) {
                w += 1
            }
        }
        return w
    }
}
