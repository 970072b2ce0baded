import Foundation
import GoalCheck
import IndicatorKit

/// One self-contained HTML file (inline CSS and JavaScript, no network) that works offline.
///
/// A row per goal (`tr.goal` with `data-status` and `data-area`) shows a bar of the target
/// against the actual in the status colour, the figures, the margin and the status; every figure
/// links to the entry under "Where each figure came from" that gives the source id, the line and
/// column or element path, and the exact text. Two filters (status, area) hide rows; they follow
/// the URL hash, so `report.html#status=met&area=经济` opens filtered.
public struct HTMLRenderer: ScorecardRenderer {
    public init() {}

    public func render(_ s: Scorecard) -> String {
        let l = s.labels
        var h = "<!doctype html>\n<html lang=\"\(s.language.htmlLang)\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<meta name=\"generator\" content=\"yardstick\">\n"
        h +=
            "<title>\(esc(s.title))</title>\n<style>\n\(HTMLRenderer.css)\(s.isPanel ? HTMLRenderer.panelCSS : "")</style>\n</head>\n<body>\n<header>\n"
        // The pipeline id goes in <code>: a NUL stands for it until the rest is escaped.
        let meta = l.meta(
            pipeline: "\u{0}", period: s.period, region: s.region, run: s.runID, generated: s.generatedAtText)
        h += "<h1>\(esc(s.title))</h1>\n<p class=\"meta\">"
        h += esc(meta).replacingOccurrences(of: "\u{0}", with: "<code>\(esc(s.pipeline))</code>")
        h += "</p>\n<p class=\"summary\">"
        for c in s.statusCounts {
            h += "<span class=\"status s-\(c.status.rawValue)\">\(c.count) \(esc(l.status(c.status)))</span> "
        }
        h += "</p>\n"
        h += Self.notices(s, warningsClass: "notice")
        h += "</header>\n<nav class=\"filters\">\n<label>\(esc(l.statusHeading)) <select id=\"f-status\">"
        h += "<option value=\"\">\(esc(l.all))</option>"
        for st in CheckStatus.all { h += "<option value=\"\(st.rawValue)\">\(esc(l.status(st)))</option>" }
        h += "</select></label>\n<label>\(esc(l.area)) <select id=\"f-area\"><option value=\"\">\(esc(l.all))</option>"
        for area in s.areas { h += "<option value=\"\(esc(area))\">\(esc(area))</option>" }
        h += "</select></label>\n<span id=\"shown\">\(s.results.count) / \(s.results.count)</span>\n</nav>\n"
        // The baseline column only when some goal has a baseline.
        let showBaseline = s.results.contains { $0.baseline != nil }
        var headings = [
            ("", l.goal), ("", l.area), (" class=\"barcol\"", l.targetVsActual), ("", l.target), ("", l.actual),
            ("", l.margin), ("", l.statusHeading), ("", l.source),
        ]
        if showBaseline { headings.insert(("", l.baseline), at: 7) }
        h += "<main>\n<div class=\"scroll\">\n<table id=\"scorecard\">\n<thead><tr>"
        h += headings.map { "<th\($0.0)>\(esc($0.1))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        let names = s.goalNames
        if s.isPanel {
            // A heading row before each year's goals and each plan span's.
            for section in s.panelSections {
                h +=
                    "<tr class=\"section\"><th colspan=\"\(headings.count)\">\(esc(l.sectionTitle(section)))</th></tr>\n"
                for i in section.indices {
                    h += row(s.results[i], name: names[i], number: i + 1, in: s, baselineColumn: showBaseline)
                }
            }
        } else {
            for (i, r) in s.results.enumerated() {
                h += row(r, name: names[i], number: i + 1, in: s, baselineColumn: showBaseline)
            }
        }
        h += "</tbody>\n</table>\n</div>\n</main>\n"
        if s.isPanel { h += trends(s) }
        h += "<section id=\"sources\">\n<h2>\(esc(l.whereFrom))</h2>\n<ol>\n"
        for (i, r) in s.results.enumerated() { h += sources(r, name: names[i], number: i + 1, labels: l) }
        h += "</ol>\n</section>\n"
        h += Self.notesSections(s)
        h += "<script>\n\(HTMLRenderer.script)</script>\n</body>\n</html>\n"
        return h
    }

    /// One goal: a table row on a wide screen, a card on a narrow one (each cell carries its heading
    /// in `data-label` for the card layout).
    private func row(_ r: CheckResult, name: String, number n: Int, in s: Scorecard, baselineColumn: Bool) -> String {
        let l = s.labels
        let g = r.goal.goal
        let unit = g.quantity.unit
        var h = "<tr class=\"goal\" id=\"goal-\(n)\" data-status=\"\(r.status.rawValue)\" data-area=\"\(esc(r.area))\">"
        h += "<td class=\"name\"><strong>\(esc(name))</strong>"
        if let ind = r.indicator, ind.nameHans != g.subject { h += " <small>\(esc(ind.nameHans))</small>" }
        h += "<div class=\"expl\">\(esc(l.explanation(r)))</div></td>"
        h += "<td class=\"area\" data-label=\"\(esc(l.area))\">\(esc(r.area))</td>"
        h += "<td class=\"barcol\">\(bars(r, labels: l))</td>"
        let targetText = FigureText.target(g.comparator, r.target, upper: r.targetUpper, unit: unit)
        h += "<td class=\"num\" data-label=\"\(esc(l.target))\"><a href=\"#src-\(n)-goal\" "
        h +=
            "title=\"\(esc(g.text ?? r.goal.provenance.text ?? ""))\">\(esc(r.target == nil ? l.masked : targetText))</a></td>"
        if let e = r.observation {
            let text =
                r.actual.map { FigureText.withUnit($0, unit) }
                ?? (r.status == .redacted
                    ? l.masked : FigureText.withUnit(r.actualAsWritten?.value, r.actualAsWritten?.unit ?? ""))
            h += "<td class=\"num\" data-label=\"\(esc(l.actual))\"><a href=\"#src-\(n)-actual\" "
            h += "title=\"\(esc(e.provenance.text ?? e.observation.text ?? ""))\">\(esc(text))</a></td>"
        } else {
            h += "<td class=\"num muted\" data-label=\"\(esc(l.actual))\">—</td>"
        }
        if let m = r.margin {
            h += "<td class=\"num\" data-label=\"\(esc(l.margin))\">\(esc(FigureText.signed(m)))</td>"
        } else {
            h += "<td class=\"num muted\" data-label=\"\(esc(l.margin))\">—</td>"
        }
        h += "<td class=\"st\"><span class=\"status s-\(r.status.rawValue)\">\(esc(l.status(r.status)))</span></td>"
        if baselineColumn {
            if let b = l.baselineCell(r) {
                h +=
                    "<td class=\"base\" data-label=\"\(esc(l.baseline))\"><a href=\"#src-\(n)-baseline\">\(esc(b))</a></td>"
            } else {
                h += "<td class=\"base muted\" data-label=\"\(esc(l.baseline))\">—</td>"
            }
        }
        let source = s.actualSource(r)
        h +=
            "<td class=\"src\(source.isEmpty ? " muted" : "")\" data-label=\"\(esc(l.source))\">\(esc(source))</td></tr>\n"
        return h
    }

    /// Bars on one scale: the target (outlined) and the actual (in the status colour); without an
    /// actual, the baseline (hatched) when it is in the goal's unit.
    private func bars(_ r: CheckResult, labels l: ReportLabels) -> String {
        let t = r.expectedToDate ?? r.target
        let base = r.actual == nil && r.baseline?.unit == r.goal.goal.quantity.unit ? r.baseline?.value : nil
        let values = [t, r.targetUpper, r.actual, base].compactMap { $0 }.map { abs($0) }
        let scale = (values.max() ?? 0) * 1.1
        func pct(_ v: Double?) -> String {
            guard let v, scale > 0 else { return "0" }
            return FigureText.format(max(0, v) / scale * 100, places: 1)
        }
        var h = "<div class=\"bars\">"
        h +=
            "<div class=\"bar target\" style=\"width:\(pct(t))%\" title=\"\(esc(l.targetWord)) \(esc(FigureText.format(t)))\"></div>"
        if r.actual != nil {
            h +=
                "<div class=\"bar actual s-\(r.status.rawValue)\" style=\"width:\(pct(r.actual))%\" title=\"\(esc(l.actualWord)) \(esc(FigureText.format(r.actual)))\"></div>"
        } else {
            if let base, let b = r.baseline {
                let period = b.entry.observation.period.rawValue
                h +=
                    "<div class=\"bar baseline\" style=\"width:\(pct(base))%\" title=\"\(esc(period)) \(esc(FigureText.format(base)))\"></div>"
            }
            h += "<div class=\"bar none\">\(esc(l.status(r.status)))</div>"
        }
        return h + "</div>"
    }

    private func sources(_ r: CheckResult, name: String, number n: Int, labels l: ReportLabels) -> String {
        let g = r.goal.goal
        var h =
            "<li class=\"source\" id=\"src-\(n)\" data-goal=\"goal-\(n)\"><strong>\(esc(name))</strong> <span class=\"status s-\(r.status.rawValue)\">\(esc(l.status(r.status)))</span><ul>"
        h +=
            "<li id=\"src-\(n)-goal\">\(esc(l.targetWord + l.colon))\(provenance(r.goal.provenance, text: g.text, labels: l))</li>"
        if let e = r.observation {
            if e.isDerived {
                h +=
                    "<li id=\"src-\(n)-actual\">\(esc(l.derivedActual + l.colon))<q>\(esc(e.provenance.text ?? ""))</q><ul>"
                for p in e.derivedFrom { h += "<li>\(provenance(p, text: nil, labels: l))</li>" }
                h += "</ul></li>"
            } else {
                h +=
                    "<li id=\"src-\(n)-actual\">\(esc(l.actualWord + l.colon))\(provenance(e.provenance, text: e.observation.text, labels: l))</li>"
            }
        }
        for alt in r.alternatives {
            h +=
                "<li>\(esc(l.notUsed + l.colon))\(esc(FigureText.withUnit(alt.observation.quantity.value, alt.observation.quantity.unit))) "
            h +=
                "(\(esc(alt.observation.attributes["basis"] ?? alt.observation.period.rawValue))) — \(provenance(alt.provenance, text: alt.observation.text, labels: l))</li>"
        }
        if let b = r.baseline {
            h +=
                "<li id=\"src-\(n)-baseline\">\(esc(l.baselineLine(b))) — \(provenance(b.entry.provenance, text: b.entry.observation.text, labels: l))</li>"
        }
        return h + "</ul></li>\n"
    }

    private func provenance(_ p: Provenance, text: String?, labels l: ReportLabels) -> String {
        var h = "<code>\(esc(p.sourceID))</code>"
        let loc = l.location(p.location)
        if !loc.isEmpty { h += " \(esc(loc))" }
        if let t = p.text ?? text, !t.isEmpty { h += " <q>\(esc(t))</q>" }
        h += " <small class=\"origin\">\(esc(p.origin))"
        if let sha = p.sha256 { h += " · sha256 \(esc(String(sha.prefix(12))))…" }
        return h + "</small>"
    }

    /// Escapes text for HTML content and attribute values.
    func esc(_ s: String) -> String { Self.escaped(s) }

    /// The scorecard's no-data notice and its sources' warnings (a `div` of class `warningsClass`), as
    /// the report and the site's pipeline pages show them; empty when there are neither.
    package static func notices(_ s: Scorecard, warningsClass: String) -> String {
        var h = ""
        if let notice = s.noDataNotice { h += "<p class=\"notice\" id=\"no-data-notice\">\(escaped(notice))</p>\n" }
        if !s.sourceWarnings.isEmpty {
            h +=
                "<div class=\"\(warningsClass)\" id=\"partial-notice\" role=\"alert\">"
                + s.sourceWarnings.map { "<p>\(escaped($0))</p>" }.joined() + "</div>\n"
        }
        return h
    }

    /// Escapes text for HTML element content and attribute values (`&`, `<`, `>`, quotes); the
    /// site's pages escape with it too.
    package static func escaped(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// The scorecard's notes and the subjects the catalog did not match, as HTML sections (empty
    /// when it has neither); the site's pipeline page shows the same.
    package static func notesSections(_ s: Scorecard) -> String {
        let l = s.labels
        var h = ""
        if !s.notes.isEmpty {
            h +=
                "<section id=\"notes\"><h2>\(escaped(l.notes))</h2><ul>"
                + s.notes.map { "<li>\(escaped($0))</li>" }.joined() + "</ul></section>\n"
        }
        if !s.unmatchedSubjects.isEmpty {
            h += "<section id=\"unmatched\"><h2>\(escaped(l.unmatched))</h2><p>\(escaped(l.unmatchedHint))</p><ul>"
            h += s.unmatchedSubjects.map { "<li>\(escaped($0))</li>" }.joined() + "</ul></section>\n"
        }
        return h
    }
}
