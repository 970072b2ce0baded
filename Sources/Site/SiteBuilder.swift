import Foundation
import Reports

/// Builds the site's pages from `SiteData`: all of them for `yardstick site`, or one by its path
/// for `yardstick serve`.
public struct SiteBuilder: Sendable {
    public let data: SiteData
    public let renderer: SiteRenderer
    /// How many of the latest runs the run-history page lists.
    public var historyLimit = 100

    public init(data: SiteData, renderer: SiteRenderer? = nil) {
        self.data = data
        self.renderer = renderer ?? SiteRenderer(language: data.language)
    }

    /// What `write(to:)` wrote.
    public struct Written: Sendable, Equatable {
        public var pages = 0
        public var pipelines = 0
        public var sources = 0
        public var indicators = 0
        public var assets = 0
    }

    /// Writes every page and asset under `directory` (created if needed), replacing files of the
    /// same name and leaving other files alone.
    public func write(to directory: String) throws -> Written {
        var written = Written()
        func put(_ path: String, _ text: String) throws {
            let url = URL(fileURLWithPath: directory).appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        }
        /// Writes `page`, when there is one, as `render` makes it at `path`; returns it.
        func putPage<Page>(_ page: Page?, at path: String, _ render: (Page) -> String) throws -> Page? {
            guard let page else { return nil }
            try put(path, render(page))
            return page
        }
        for asset in SiteAssets.files {
            try put(asset.path, asset.content)
            written.assets += 1
        }
        let pipelines = try data.pipelines()
        try put(SitePaths.index, renderer.index(pipelines))
        for p in pipelines {
            guard let page = try putPage(data.pipelinePage(id: p.id), at: SitePaths.pipeline(p.id), renderer.pipeline)
            else { continue }
            written.pipelines += 1
            for s in page.sources {
                let path = SitePaths.source(pipeline: p.id, source: s.id)
                if try putPage(data.sourcePage(pipeline: p.id, source: s.id), at: path, renderer.source) != nil {
                    written.sources += 1
                }
            }
        }
        let indicators = try data.indicators()
        try put(SitePaths.indicators, renderer.indicators(indicators))
        for i in indicators {
            if try putPage(data.indicatorPage(code: i.code), at: SitePaths.indicator(i.code), renderer.indicator) != nil
            {
                written.indicators += 1
            }
        }
        try put(
            SitePaths.runs,
            try runsPage(titles: Dictionary(pipelines.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })))
        written.pages = 3 + written.pipelines + written.sources + written.indicators
        return written
    }

    /// The page at `path` (relative to the root, as `SitePaths` makes them), or nil when there is
    /// no such page. Only the paths `SitePaths` makes are pages: anything else is nil.
    public func page(at path: String) throws -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        func stem(_ file: String) -> String? {
            guard file.hasSuffix(".html") else { return nil }
            return SitePaths.name(fromSlug: String(file.dropLast(5)))
        }
        switch parts.count {
        case 1 where parts[0] == SitePaths.index || parts[0].isEmpty:
            return renderer.index(try data.pipelines())
        case 1 where parts[0] == SitePaths.indicators:
            return renderer.indicators(try data.indicators())
        case 1 where parts[0] == SitePaths.runs:
            let titles = Dictionary(try data.pipelines().map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
            return try runsPage(titles: titles)
        case 2 where parts[0] == "pipelines":
            guard let id = stem(parts[1]), let page = try data.pipelinePage(id: id) else { return nil }
            return renderer.pipeline(page)
        case 2 where parts[0] == "indicators":
            guard let code = stem(parts[1]), let page = try data.indicatorPage(code: code) else { return nil }
            return renderer.indicator(page)
        case 3 where parts[0] == "sources":
            guard let pipeline = SitePaths.name(fromSlug: parts[1]), let source = stem(parts[2]),
                let page = try data.sourcePage(pipeline: pipeline, source: source)
            else { return nil }
            return renderer.source(page)
        default:
            return nil
        }
    }

    private func runsPage(titles: [String: String]) throws -> String {
        let runs = try data.recentRuns(limit: historyLimit)
        var changes: [RunChanges] = []
        for run in runs { changes += try data.changes(pipeline: run.pipeline, runs: [run.id]) }
        return renderer.runs(runs, changes: changes, titles: titles)
    }
}
