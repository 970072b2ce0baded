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
        var h = "<!doctype html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<meta name=\"generator\" content=\"yardstick\">\n"
        h += "<title>\(esc(s.title))</title>\n<style>\n\(HTMLRenderer.css)</style>\n</head>\n<body>\n<header>\n"
        h +=
            "<h1>\(esc(s.title))</h1>\n<p class=\"meta\">pipeline <code>\(esc(s.pipeline))</code> · period \(esc(s.period))"
        if let region = s.region { h += " · \(esc(region))" }
        if let run = s.runID { h += " · run \(run)" }
        h += " · generated \(esc(s.generatedAtText))</p>\n<p class=\"summary\">"
        for c in s.statusCounts {
            h += "<span class=\"status s-\(c.status.rawValue)\">\(c.count) \(label(c.status))</span> "
        }
        h += "</p>\n"
        if let notice = s.noDataNotice { h += "<p class=\"notice\" id=\"no-data-notice\">\(esc(notice))</p>\n" }
        if !s.sourceWarnings.isEmpty {
            h += "<div class=\"notice\" id=\"partial-notice\" role=\"alert\">"
                + s.sourceWarnings.map { "<p>\(esc($0))</p>" }.joined() + "</div>\n"
        }
        h += "</header>\n<nav class=\"filters\">\n<label>Status <select id=\"f-status\"><option value=\"\">all</option>"
        for st in CheckStatus.all { h += "<option value=\"\(st.rawValue)\">\(label(st))</option>" }
        h += "</select></label>\n<label>Area <select id=\"f-area\"><option value=\"\">all</option>"
        for area in s.areas { h += "<option value=\"\(esc(area))\">\(esc(area))</option>" }
        h += "</select></label>\n<span id=\"shown\">\(s.results.count) / \(s.results.count)</span>\n</nav>\n"
        h +=
            "<main>\n<table id=\"scorecard\">\n<thead><tr><th>Goal</th><th>Area</th><th class=\"barcol\">Target vs actual</th>"
        h += "<th>Target</th><th>Actual</th><th>Margin</th><th>Status</th><th>Source</th></tr></thead>\n<tbody>\n"
        for (i, r) in s.results.enumerated() { h += row(r, number: i + 1) }
        h += "</tbody>\n</table>\n</main>\n"
        h += "<section id=\"sources\">\n<h2>Where each figure came from</h2>\n<ol>\n"
        for (i, r) in s.results.enumerated() { h += sources(r, number: i + 1) }
        h += "</ol>\n</section>\n"
        if !s.notes.isEmpty {
            h +=
                "<section id=\"notes\"><h2>Notes</h2><ul>" + s.notes.map { "<li>\(esc($0))</li>" }.joined()
                + "</ul></section>\n"
        }
        if !s.unmatchedSubjects.isEmpty {
            h += "<section id=\"unmatched\"><h2>Unmatched subjects</h2><p>Add these to a catalog to check them:</p><ul>"
            h += s.unmatchedSubjects.map { "<li>\(esc($0))</li>" }.joined() + "</ul></section>\n"
        }
        h += "<script>\n\(HTMLRenderer.script)</script>\n</body>\n</html>\n"
        return h
    }

    private func row(_ r: CheckResult, number n: Int) -> String {
        let g = r.goal.goal
        let unit = g.quantity.unit
        var h = "<tr class=\"goal\" id=\"goal-\(n)\" data-status=\"\(r.status.rawValue)\" data-area=\"\(esc(r.area))\">"
        h += "<td class=\"name\"><strong>\(esc(g.subject))</strong>"
        if let ind = r.indicator, ind.nameHans != g.subject { h += " <small>\(esc(ind.nameHans))</small>" }
        h += "<div class=\"expl\">\(esc(r.explanation))</div></td>"
        h += "<td>\(esc(r.area))</td>"
        h += "<td class=\"barcol\">\(bars(r))</td>"
        let targetText = FigureText.target(g.comparator, r.target, upper: r.targetUpper, unit: unit)
        h +=
            "<td class=\"num\"><a href=\"#src-\(n)-goal\" title=\"\(esc(g.text ?? r.goal.provenance.text ?? ""))\">\(esc(targetText))</a></td>"
        if let e = r.observation {
            let text =
                r.actual.map { FigureText.withUnit($0, unit) }
                ?? (r.status == .redacted
                    ? "masked" : FigureText.withUnit(r.actualAsWritten?.value, r.actualAsWritten?.unit ?? ""))
            h +=
                "<td class=\"num\"><a href=\"#src-\(n)-actual\" title=\"\(esc(e.provenance.text ?? e.observation.text ?? ""))\">\(esc(text))</a></td>"
        } else {
            h += "<td class=\"num muted\">—</td>"
        }
        h += "<td class=\"num\">\(esc(r.margin.map { FigureText.signed($0) } ?? "—"))</td>"
        h += "<td><span class=\"status s-\(r.status.rawValue)\">\(label(r.status))</span></td>"
        h += "<td class=\"src\">\(esc(Scorecard.actualSource(r)))</td></tr>\n"
        return h
    }

    /// Two bars on one scale: the target (outlined) and the actual (in the status colour).
    private func bars(_ r: CheckResult) -> String {
        let t = r.expectedToDate ?? r.target
        let values = [t, r.targetUpper, r.actual].compactMap { $0 }.map { abs($0) }
        let scale = (values.max() ?? 0) * 1.1
        func pct(_ v: Double?) -> String {
            guard let v, scale > 0 else { return "0" }
            return FigureText.format(max(0, v) / scale * 100, places: 1)
        }
        var h = "<div class=\"bars\">"
        h += "<div class=\"bar target\" style=\"width:\(pct(t))%\" title=\"target \(esc(FigureText.format(t)))\"></div>"
        if r.actual != nil {
            h +=
                "<div class=\"bar actual s-\(r.status.rawValue)\" style=\"width:\(pct(r.actual))%\" title=\"actual \(esc(FigureText.format(r.actual)))\"></div>"
        } else {
            h += "<div class=\"bar none\">\(label(r.status))</div>"
        }
        return h + "</div>"
    }

    private func sources(_ r: CheckResult, number n: Int) -> String {
        let g = r.goal.goal
        var h =
            "<li class=\"source\" id=\"src-\(n)\" data-goal=\"goal-\(n)\"><strong>\(esc(g.subject))</strong> <span class=\"status s-\(r.status.rawValue)\">\(label(r.status))</span><ul>"
        h += "<li id=\"src-\(n)-goal\">target: \(provenance(r.goal.provenance, text: g.text))</li>"
        if let e = r.observation {
            if e.isDerived {
                h += "<li id=\"src-\(n)-actual\">actual, derived: <q>\(esc(e.provenance.text ?? ""))</q><ul>"
                for p in e.derivedFrom { h += "<li>\(provenance(p, text: nil))</li>" }
                h += "</ul></li>"
            } else {
                h += "<li id=\"src-\(n)-actual\">actual: \(provenance(e.provenance, text: e.observation.text))</li>"
            }
        }
        for alt in r.alternatives {
            h +=
                "<li>not used: \(esc(FigureText.withUnit(alt.observation.quantity.value, alt.observation.quantity.unit))) "
            h +=
                "(\(esc(alt.observation.attributes["basis"] ?? alt.observation.period.rawValue))) — \(provenance(alt.provenance, text: alt.observation.text))</li>"
        }
        if let b = r.baseline {
            var line =
                "baseline \(esc(b.entry.observation.period.rawValue)): \(esc(FigureText.withUnit(b.value, b.unit)))"
            if let c = b.impliedChange {
                line += "; the target implies \(esc(FigureText.signed(c)))\(esc(b.impliedChangeUnit ?? ""))"
            }
            if let l = b.impliedLevel { line += "; the target implies a rate of \(esc(FigureText.format(l)))%" }
            h += "<li>\(line) — \(provenance(b.entry.provenance, text: b.entry.observation.text))</li>"
        }
        return h + "</ul></li>\n"
    }

    private func provenance(_ p: Provenance, text: String?) -> String {
        var h = "<code>\(esc(p.sourceID))</code>"
        let loc = p.location.summary
        if !loc.isEmpty { h += " \(esc(loc))" }
        if let t = p.text ?? text, !t.isEmpty { h += " <q>\(esc(t))</q>" }
        h += " <small class=\"origin\">\(esc(p.origin))"
        if let sha = p.sha256 { h += " · sha256 \(esc(String(sha.prefix(12))))…" }
        return h + "</small>"
    }

    private func label(_ status: CheckStatus) -> String {
        status.rawValue.replacingOccurrences(of: "_", with: " ")
    }

    /// Escapes text for HTML content and attribute values.
    func esc(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
