import Foundation
import GoalCheck
import IndicatorKit
import Reports

extension SiteRenderer {
    /// A source's page: its documents, and each figure with its clause and the lines around it in
    /// the document it was read from, the figure marked. `#g12` opens figure g12.
    public func source(_ s: SourcePage) -> String {
        let path = SitePaths.source(pipeline: s.summary.pipeline, source: s.summary.id)
        let up = SitePaths.up(from: path)
        let r = ReportLabels(language)
        var h = "<header><h1>\(esc(s.summary.id)) <small>\(esc(l.sources))</small></h1>\n"
        h +=
            "<p class=\"meta\"><a href=\"\(up)\(SitePaths.pipeline(s.summary.pipeline))\">\(esc(s.pipelineTitle))</a> · "
        h += "\(esc(l.adapter)) <code>\(esc(s.summary.adapter))</code> · \(esc(s.summary.origin)) · "
        h +=
            "<span class=\"run r-\(esc(s.summary.status))\">\(esc(l.runStatus(s.summary.status)))</span></p></header>\n"
        h +=
            "<section id=\"documents\"><h2>\(esc(l.documents))</h2><div class=\"scroll\"><table class=\"list\"><thead><tr>"
        h +=
            "<th>\(esc(l.origin))</th><th>sha256</th><th>\(esc(l.bytes))</th><th>\(esc(l.runsCol))</th><th></th></tr></thead><tbody>"
        for d in s.documents {
            h += "<tr class=\"document\(d.isCurrent ? " current" : "")\"><td>\(esc(d.origin))</td>"
            h +=
                "<td><code>\(esc(d.sha256.map { String($0.prefix(12)) } ?? "—"))</code></td><td class=\"num\">\(d.bytes)</td>"
            h +=
                "<td>\(d.firstRun == d.lastRun ? esc(l.run(d.firstRun)) : esc(l.run(d.firstRun)) + " – " + esc(l.run(d.lastRun)))</td>"
            h += "<td>\(esc(d.isCurrent ? l.current : l.earlier))</td></tr>"
        }
        h += "</tbody></table></div></section>\n"
        h += "<section id=\"figures\"><h2>\(esc(l.figures))</h2>\n"
        if let note = s.excerptNote { h += "<p class=\"notice\">\(esc(note))</p>\n" }
        h +=
            "<form class=\"filters\" id=\"filters\"><label>\(esc(l.search)) <input id=\"f-search\" type=\"search\" placeholder=\"\(esc(l.searchHint))\"></label>"
        h +=
            " <output id=\"shown\" data-total=\"\(s.figures.count)\">\(s.figures.count) / \(s.figures.count)</output></form>\n"
        if s.figures.isEmpty { h += "<p class=\"muted\">\(esc(l.noFigures))</p>\n" }
        for f in s.figures {
            let rec = f.record
            let kind = rec.goal != nil ? l.goalWord : l.observationWord
            let value: String
            if let g = rec.goal {
                value =
                    g.redacted
                    ? r.masked
                    : FigureText.target(g.comparator, g.quantity.value, upper: g.quantity.upper, unit: g.quantity.unit)
            } else {
                value = rec.redacted ? r.masked : FigureText.withUnit(rec.quantity.value, rec.quantity.unit)
            }
            let place = r.location(f.provenance.location)
            let text = [rec.subject, rec.indicator ?? "", rec.period.rawValue, rec.region ?? "", rec.text ?? ""].joined(
                separator: " ")
            h += "<details class=\"item figure\" id=\"\(f.anchor)\" data-status=\"\" data-text=\"\(esc(text))\">"
            h += "<summary><span class=\"kind k-\(rec.goal != nil ? "goal" : "observation")\">\(esc(kind))</span> "
            h +=
                "<b>\(esc(rec.subject))</b> \(esc(value)) <small>\(esc(rec.period.rawValue))\(rec.region.map { " · " + esc($0) } ?? "") · \(esc(place))</small></summary>"
            if let clause = rec.text ?? f.provenance.text {
                h += "<blockquote class=\"clause\">\(esc(clause))</blockquote>"
            }
            if let e = f.excerpt {
                h += "<pre class=\"excerpt\">"
                if let header = e.header { h += "<span class=\"ln header\"><i>1</i>\(esc(header))</span>" }
                for line in e.lines {
                    let chars = Array(line.text)
                    h += "<span class=\"ln\(line.mark != nil ? " hit" : "")\"><i>\(line.number)</i>"
                    if let m = line.mark, m.lowerBound <= chars.count, m.upperBound <= chars.count {
                        h +=
                            esc(String(chars[..<m.lowerBound])) + "<mark>" + esc(String(chars[m])) + "</mark>"
                            + esc(String(chars[m.upperBound...]))
                    } else {
                        h += esc(line.text)
                    }
                    h += "</span>"
                }
                h += "</pre>"
            }
            h += "</details>\n"
        }
        h += "</section>\n"
        return page(path, title: s.summary.id, body: h)
    }

    // MARK: Indicators

    /// The list of indicators with the pipelines that have goals for each.
    public func indicators(_ list: [IndicatorSummary]) -> String {
        var h = "<header><h1>\(esc(l.indicators))</h1></header>\n"
        h +=
            "<form class=\"filters\" id=\"filters\"><label>\(esc(l.search)) <input id=\"f-search\" type=\"search\" placeholder=\"\(esc(l.searchHint))\"></label>"
        h += " <output id=\"shown\" data-total=\"\(list.count)\">\(list.count) / \(list.count)</output></form>\n"
        h +=
            "<main><div class=\"scroll\"><table class=\"list\"><thead><tr><th>\(esc(l.indicators))</th><th>\(esc(l.goals))</th><th>\(esc(l.pipelines))</th></tr></thead><tbody>\n"
        for i in list {
            h +=
                "<tr class=\"item\" data-status=\"\" data-text=\"\(esc(i.name + " " + i.code + " " + i.pipelines.joined(separator: " ")))\">"
            h +=
                "<td><a href=\"\(SitePaths.indicator(i.code))\">\(esc(i.name))</a> <code>\(esc(i.code))</code></td><td class=\"num\">\(i.goals)</td>"
            h +=
                "<td>\(esc(i.pipelines.prefix(12).joined(separator: l.report.listSeparator)))\(i.pipelines.count > 12 ? " …" : "")</td></tr>\n"
        }
        h += "</tbody></table></div></main>\n"
        return page(SitePaths.indicators, title: l.indicators, body: h)
    }

    /// An indicator across regions and years: a trend chart per kind and unit, the figures, the goals.
    public func indicator(_ p: IndicatorPage) -> String {
        let path = SitePaths.indicator(p.code)
        let up = SitePaths.up(from: path)
        let r = ReportLabels(language)
        var h = "<header><h1>\(esc(p.name)) <code>\(esc(p.code))</code></h1></header>\n"
        let charts = TrendChart.charts(p.observations)
        if !charts.isEmpty {
            h += "<section id=\"trend\"><h2>\(esc(l.trend))</h2>"
            for c in charts { h += "<figure>\(c.svg())</figure>" }
            h += "</section>\n"
        }
        h +=
            "<form class=\"filters\" id=\"filters\"><label>\(esc(l.statusCol)) <select id=\"f-status\"><option value=\"\">\(esc(l.all))</option>"
        for st in CheckStatus.all where p.goals.contains(where: { $0.status == st }) {
            h += "<option value=\"\(st.rawValue)\">\(esc(r.status(st)))</option>"
        }
        h +=
            "</select></label> <label>\(esc(l.search)) <input id=\"f-search\" type=\"search\" placeholder=\"\(esc(l.searchHint))\"></label>"
        let total = p.goals.count + p.observations.count
        h += " <output id=\"shown\" data-total=\"\(total)\">\(total) / \(total)</output></form>\n"
        if !p.goals.isEmpty {
            h +=
                "<section id=\"goals\"><h2>\(esc(l.goals))</h2><div class=\"scroll\"><table class=\"list\"><thead><tr><th>\(esc(l.pipeline))</th>"
            h +=
                "<th>\(esc(l.region))</th><th>\(esc(l.period))</th><th>\(esc(r.target))</th><th>\(esc(r.actual))</th><th>\(esc(r.statusHeading))</th></tr></thead><tbody>\n"
            for g in p.goals {
                h +=
                    "<tr class=\"item\" data-status=\"\(g.status.rawValue)\" data-text=\"\(esc(g.pipeline + " " + g.region + " " + g.period))\">"
                h +=
                    "<td><a href=\"\(up)\(SitePaths.pipeline(g.pipeline))\">\(esc(g.pipeline))</a></td><td>\(esc(g.region))</td><td>\(esc(g.period))</td>"
                h += "<td class=\"num\">\(esc(g.target))</td><td class=\"num\">\(esc(g.actual))</td>"
                h += "<td><span class=\"status s-\(g.status.rawValue)\">\(esc(r.status(g.status)))</span></td></tr>\n"
            }
            h += "</tbody></table></div></section>\n"
        }
        h +=
            "<section id=\"observations\"><h2>\(esc(l.observations))</h2><div class=\"scroll\"><table class=\"list\"><thead><tr>"
        h +=
            "<th>\(esc(l.region))</th><th>\(esc(l.period))</th><th>\(esc(r.actual))</th><th>\(esc(r.source))</th></tr></thead><tbody>\n"
        for o in p.observations {
            h +=
                "<tr class=\"item\" data-status=\"\" data-text=\"\(esc(o.pipeline + " " + o.region + " " + o.period.rawValue))\">"
            h +=
                "<td>\(esc(o.region))</td><td>\(esc(o.period.rawValue))</td><td class=\"num\">\(esc(FigureText.withUnit(o.value, o.unit)))</td>"
            h +=
                "<td><a href=\"\(up)\(SitePaths.source(pipeline: o.pipeline, source: o.sourceID))#\(o.anchor)\">\(esc(o.pipeline)) · \(esc(o.sourceID))</a></td></tr>\n"
        }
        h += "</tbody></table></div></section>\n"
        return page(path, title: p.name, body: h)
    }
}
