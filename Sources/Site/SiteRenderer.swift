import Foundation
import GoalCheck
import IndicatorKit
import Reports

/// Renders the site's pages to HTML. Every page links one style sheet and one script
/// (`assets/site.css`, `assets/site.js`): no inline script or style, so a strict Content Security
/// Policy allows them; every link is relative, so the pages work from disk.
public struct SiteRenderer: Sendable {
    public var language: ReportLanguage
    /// Added to every page as a `<meta http-equiv>` (the static site has no server to send it).
    public var metaPolicy: String?

    public init(language: ReportLanguage = .zh, metaPolicy: String? = SiteRenderer.contentSecurityPolicy) {
        self.language = language
        self.metaPolicy = metaPolicy
    }

    /// The policy the pages are written for: scripts, styles and images from the site only.
    public static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'"

    var l: SiteLabels { SiteLabels(language: language) }

    // MARK: Layout

    func page(_ path: String, title: String, body: String) -> String {
        let up = SitePaths.up(from: path)
        var h = "<!doctype html>\n<html lang=\"\(language.htmlLang)\">\n<head>\n<meta charset=\"utf-8\">\n"
        if let metaPolicy { h += "<meta http-equiv=\"Content-Security-Policy\" content=\"\(esc(metaPolicy))\">\n" }
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<meta name=\"generator\" content=\"yardstick\">\n<meta name=\"referrer\" content=\"no-referrer\">\n"
        h += "<title>\(esc(title)) · \(esc(l.siteTitle))</title>\n"
        h += "<link rel=\"stylesheet\" href=\"\(up)\(SitePaths.stylesheet)\">\n"
        h += "<script src=\"\(up)\(SitePaths.script)\" defer></script>\n</head>\n<body>\n"
        h += "<nav class=\"site\"><a href=\"\(up)\(SitePaths.index)\">\(esc(l.pipelines))</a>"
        h += "<a href=\"\(up)\(SitePaths.indicators)\">\(esc(l.indicators))</a>"
        h += "<a href=\"\(up)\(SitePaths.runs)\">\(esc(l.runs))</a></nav>\n"
        return h + body + "</body>\n</html>\n"
    }

    /// The status and search controls that `site.js` wires to the `.item` elements of the page.
    func filters(statuses: [CheckStatus], total: Int) -> String {
        var h = "<form class=\"filters\" id=\"filters\"><label>\(esc(l.statusCol)) <select id=\"f-status\">"
        h += "<option value=\"\">\(esc(l.all))</option>"
        for st in statuses { h += "<option value=\"\(st.rawValue)\">\(esc(l.report.status(st)))</option>" }
        h +=
            "</select></label> <label>\(esc(l.search)) <input id=\"f-search\" type=\"search\" placeholder=\"\(esc(l.searchHint))\"></label>"
        h += " <output id=\"shown\" data-total=\"\(total)\">\(total) / \(total)</output></form>\n"
        return h
    }

    func chips(_ counts: [String: Int]) -> String {
        let known = CheckStatus.all.map(\.rawValue)
        let order = known.filter { counts[$0] != nil } + counts.keys.filter { !known.contains($0) }.sorted()
        return order.map { code in
            "<span class=\"status s-\(esc(code))\">\(counts[code]!) \(esc(l.report.status(CheckStatus(rawValue: code))))</span>"
        }.joined(separator: " ")
    }

    static func time(_ date: Date?) -> String {
        guard let date else { return "" }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return f.string(from: date)
    }

    func runCell(_ run: RunInfo?) -> String {
        guard let run else { return "—" }
        return "\(esc(l.run(run.id))) · <span class=\"run r-\(esc(run.status))\">\(esc(l.runStatus(run.status)))</span>"
            + "<br><small>\(Self.time(run.startedAt))</small>"
    }

    func flag(_ f: Freshness) -> String {
        f == .current ? "" : " <span class=\"flag f-\(f.rawValue)\">\(esc(l.freshness(f)))</span>"
    }

    // MARK: Index

    /// The index: one row per pipeline with its region, period, goal counts and last run.
    public func index(_ pipelines: [PipelineSummary]) -> String {
        let path = SitePaths.index
        var h =
            "<header><h1>\(esc(l.siteTitle))</h1><p class=\"meta\">\(pipelines.count) \(esc(l.pipelines.lowercased()))</p></header>\n"
        h += filters(statuses: CheckStatus.all, total: pipelines.count)
        h += "<main><div class=\"scroll\"><table id=\"pipelines\" class=\"list\"><thead><tr><th>\(esc(l.pipeline))</th>"
        h +=
            "<th>\(esc(l.region))</th><th>\(esc(l.period))</th><th>\(esc(l.counts))</th><th>\(esc(l.lastRun))</th></tr></thead><tbody>\n"
        for p in pipelines {
            let statuses = p.counts.keys.sorted().joined(separator: " ")
            let text = [p.title, p.id, p.region ?? "", p.period].joined(separator: " ")
            h +=
                "<tr class=\"item pipeline\" id=\"p-\(esc(SitePaths.slug(p.id)))\" data-status=\"\(esc(statuses))\" data-text=\"\(esc(text))\" data-freshness=\"\(p.freshness.rawValue)\">"
            h +=
                "<td class=\"name\"><a href=\"\(SitePaths.pipeline(p.id))\">\(esc(p.title))</a> <code>\(esc(p.id))</code>\(flag(p.freshness))</td>"
            h +=
                "<td data-label=\"\(esc(l.region))\">\(esc(p.region ?? "—"))</td><td data-label=\"\(esc(l.period))\">\(esc(p.period))</td>"
            h +=
                "<td class=\"counts\">\(p.total == 0 ? "<span class=\"muted\">\(esc(l.report.noGoals))</span>" : chips(p.counts))</td>"
            h += "<td class=\"runcell\" data-label=\"\(esc(l.lastRun))\">\(runCell(p.lastRun))</td></tr>\n"
        }
        h += "</tbody></table></div></main>\n"
        return page(path, title: l.pipelines, body: h)
    }

    // MARK: Pipeline

    /// A pipeline's page: the scorecard (a section per period when its goals span several), its
    /// sources and its recent runs with what changed.
    public func pipeline(_ p: PipelinePage) -> String {
        let path = SitePaths.pipeline(p.summary.id)
        let up = SitePaths.up(from: path)
        let s = p.scorecard
        let r = s.labels
        var h = "<header><h1>\(esc(s.title))\(flag(p.summary.freshness))</h1>\n<p class=\"meta\">"
        h += esc(r.meta(pipeline: s.pipeline, period: s.period, region: s.region, run: s.runID, generated: nil))
        h +=
            "</p>\n<p class=\"summary\">\(chips(Dictionary(s.statusCounts.map { ($0.status.rawValue, $0.count) }, uniquingKeysWith: +)))</p>\n"
        h += HTMLRenderer.notices(s, warningsClass: "notice alert")
        h += "</header>\n"
        h += filters(
            statuses: CheckStatus.all.filter { st in s.results.contains { $0.status == st } }, total: s.results.count)
        // Sections by the goals' period, latest first, when there is more than one.
        let names = s.goalNames
        var periods: [String] = []
        for result in s.results where !periods.contains(result.goal.goal.period.rawValue) {
            periods.append(result.goal.goal.period.rawValue)
        }
        periods.sort(by: >)
        h += "<main>\n"
        for period in periods {
            h += "<section class=\"period\" data-period=\"\(esc(period))\">"
            if periods.count > 1 { h += "<h2>\(esc(l.year(period)))</h2>" }
            h +=
                "<div class=\"scroll\"><table class=\"scorecard\"><thead><tr><th>\(esc(r.goal))</th><th>\(esc(r.area))</th>"
            h +=
                "<th>\(esc(r.target))</th><th>\(esc(r.actual))</th><th>\(esc(r.margin))</th><th>\(esc(r.statusHeading))</th>"
            h += "<th>\(esc(r.source))</th></tr></thead><tbody>\n"
            for (i, result) in s.results.enumerated() where result.goal.goal.period.rawValue == period {
                h += goalRow(result, name: names[i], number: i + 1, page: p, index: i, up: up)
            }
            h += "</tbody></table></div></section>\n"
        }
        if s.results.isEmpty { h += "<p class=\"muted\">\(esc(r.noGoals))</p>\n" }
        h += "</main>\n"
        // Sources.
        h += "<section id=\"sources\"><h2>\(esc(l.sources))</h2><ul class=\"sources\">"
        for src in p.sources {
            h += "<li><a href=\"\(up)\(SitePaths.source(pipeline: src.pipeline, source: src.id))\">\(esc(src.id))</a> "
            h += "<span class=\"run r-\(esc(src.status))\">\(esc(l.runStatus(src.status)))</span> "
            h += "<small>\(esc(src.adapter)) · \(esc(src.origin)) · \(src.figures) \(esc(l.records))</small>"
            if let e = src.error { h += "<br><small class=\"error\">\(esc(e))</small>" }
            h += "</li>"
        }
        h += "</ul></section>\n"
        h += history(p.runs, changes: p.changes, up: up)
        h += HTMLRenderer.notesSections(s)
        return page(path, title: s.title, body: h)
    }

    private func goalRow(
        _ result: CheckResult, name: String, number: Int, page p: PipelinePage, index i: Int, up: String
    ) -> String {
        let r = p.scorecard.labels
        let g = result.goal.goal
        let unit = g.quantity.unit
        let text = [name, g.subject, result.area, g.text ?? ""].joined(separator: " ")
        var h =
            "<tr class=\"item goal\" id=\"goal-\(number)\" data-status=\"\(result.status.rawValue)\" data-text=\"\(esc(text))\">"
        h +=
            "<td class=\"name\"><strong>\(esc(name))</strong><div class=\"expl\">\(esc(r.explanation(result)))</div></td>"
        h += "<td data-label=\"\(esc(r.area))\">\(esc(result.area))</td>"
        let targetText =
            result.target == nil
            ? r.masked : FigureText.target(g.comparator, result.target, upper: result.targetUpper, unit: unit)
        let goalHref = p.goalAnchors[i].map {
            "\(up)\(SitePaths.source(pipeline: p.summary.id, source: result.goal.provenance.sourceID))#\($0)"
        }
        h +=
            "<td class=\"num\" data-label=\"\(esc(r.target))\">" + link(goalHref, targetText, cls: "fig goal-fig")
            + "</td>"
        if let e = result.observation {
            let actual =
                result.actual.map { FigureText.withUnit($0, unit) }
                ?? (result.status == .redacted
                    ? r.masked : FigureText.withUnit(result.actualAsWritten?.value, result.actualAsWritten?.unit ?? ""))
            let source = e.isDerived ? e.derivedFrom.first?.sourceID ?? e.provenance.sourceID : e.provenance.sourceID
            let href = p.actualAnchors[i].map {
                "\(up)\(SitePaths.source(pipeline: p.summary.id, source: source))#\($0)"
            }
            h +=
                "<td class=\"num\" data-label=\"\(esc(r.actual))\">" + link(href, actual, cls: "fig actual-fig")
                + "</td>"
        } else {
            h += "<td class=\"num muted\" data-label=\"\(esc(r.actual))\">—</td>"
        }
        h +=
            "<td class=\"num\" data-label=\"\(esc(r.margin))\">\(esc(result.margin.map { FigureText.signed($0) } ?? "—"))</td>"
        h +=
            "<td class=\"st\"><span class=\"status s-\(result.status.rawValue)\">\(esc(r.status(result.status)))</span></td>"
        let place =
            result.observation.map { e -> String in
                let loc = r.location(e.provenance.location)
                return e.isDerived
                    ? r.derivedFrom(e.derivedFrom.map { $0.sourceID })
                    : e.provenance.sourceID + (loc.isEmpty ? "" : " " + loc)
            } ?? ""
        h += "<td class=\"src\" data-label=\"\(esc(r.source))\">\(esc(place))</td></tr>\n"
        return h
    }

    func link(_ href: String?, _ text: String, cls: String) -> String {
        guard let href else { return esc(text) }
        return "<a class=\"\(cls)\" href=\"\(esc(href))\">\(esc(text))</a>"
    }

    func history(_ runs: [RunInfo], changes: [RunChanges], up: String) -> String {
        var h =
            "<section id=\"history\"><h2>\(esc(l.history))</h2><div class=\"scroll\"><table class=\"list runs\"><thead><tr>"
        h +=
            "<th>\(esc(l.runsCol))</th><th>\(esc(l.started))</th><th>\(esc(l.statusCol))</th><th>\(esc(l.counts))</th><th>\(esc(l.history))</th></tr></thead><tbody>\n"
        let byRun = Dictionary(changes.map { ($0.toRun, $0) }, uniquingKeysWith: { a, _ in a })
        for run in runs {
            h +=
                "<tr class=\"run-row\" id=\"run-\(run.id)\"><td>\(esc(l.run(run.id)))</td><td>\(Self.time(run.startedAt))</td>"
            h +=
                "<td><span class=\"run r-\(esc(run.status))\">\(esc(l.runStatus(run.status)))</span></td><td>\(chips(run.counts))</td><td>"
            h += changeList(byRun[run.id])
            h += "</td></tr>\n"
        }
        return h + "</tbody></table></div></section>\n"
    }

    func changeList(_ c: RunChanges?) -> String {
        guard let c else { return "" }
        var h = "<small>\(esc(l.fromTo(c.fromRun, c.toRun)))</small>"
        if c.changes.isEmpty { return h + "<br><small class=\"muted\">\(esc(l.noChanges))</small>" }
        h += "<ul class=\"changes\">"
        for ch in c.changes {
            h += "<li class=\"c-\(ch.kind.rawValue)\"><b>\(esc(l.change(ch.kind)))</b> \(esc(ch.subject))："
            h += esc([ch.before, ch.after].compactMap { $0 }.joined(separator: " → ")) + "</li>"
        }
        return h + "</ul>"
    }

    // MARK: Runs

    /// The run history: the latest runs of every pipeline and what changed in each.
    public func runs(_ runs: [RunInfo], changes: [RunChanges], titles: [String: String]) -> String {
        var h = "<header><h1>\(esc(l.runs))</h1></header>\n"
        h +=
            "<form class=\"filters\" id=\"filters\"><label>\(esc(l.search)) <input id=\"f-search\" type=\"search\" placeholder=\"\(esc(l.searchHint))\"></label>"
        h += " <output id=\"shown\" data-total=\"\(runs.count)\">\(runs.count) / \(runs.count)</output></form>\n"
        h +=
            "<main><div class=\"scroll\"><table class=\"list runs\"><thead><tr><th>\(esc(l.runsCol))</th><th>\(esc(l.pipeline))</th>"
        h +=
            "<th>\(esc(l.started))</th><th>\(esc(l.statusCol))</th><th>\(esc(l.counts))</th><th>\(esc(l.history))</th></tr></thead><tbody>\n"
        let byRun = Dictionary(changes.map { ($0.toRun, $0) }, uniquingKeysWith: { a, _ in a })
        for run in runs {
            let title = titles[run.pipeline] ?? run.pipeline
            h +=
                "<tr class=\"item run-row\" id=\"run-\(run.id)\" data-status=\"\" data-text=\"\(esc(title + " " + run.pipeline + " " + run.status))\">"
            h +=
                "<td>\(esc(l.run(run.id)))</td><td><a href=\"\(SitePaths.pipeline(run.pipeline))\">\(esc(title))</a></td>"
            h +=
                "<td>\(Self.time(run.startedAt))</td><td><span class=\"run r-\(esc(run.status))\">\(esc(l.runStatus(run.status)))</span></td>"
            h += "<td>\(chips(run.counts))</td><td>\(changeList(byRun[run.id]))</td></tr>\n"
        }
        h += "</tbody></table></div></main>\n"
        return page(SitePaths.runs, title: l.runs, body: h)
    }
}
