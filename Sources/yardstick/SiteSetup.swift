import Foundation
import Pipeline
import PostgresStorage
import Reports
import Site
import Storage

/// The site's data for `site` and `serve`: the store opened read-only, and what the pipeline files
/// say (title, region, period, origins as shared). `selection` holds pipeline files, folders of
/// them, or pipeline ids in the store; empty means every pipeline in the store, each described by
/// the file its latest run read when that file is still there.
func makeSiteData(databasePath: String, selection: [String], language: String?) throws -> SiteData {
    if PostgresLocation.isURL(databasePath) {
        StandardOutput.error(
            "error: site and serve read a SQLite store; a PostgreSQL store (\(PostgresLocation.masked(databasePath))) is not supported by them yet: use `yardstick report` or `export` on it"
        )
        throw ExitCodes.invalidInput
    }
    guard FileManager.default.fileExists(atPath: databasePath) else {
        StandardOutput.error(
            "error: no store at \(databasePath); run a pipeline first (yardstick run PIPELINE.yaml --db \(databasePath)) or pass the --db a run used"
        )
        throw ExitCodes.invalidInput
    }
    let lang: ReportLanguage
    if let language {
        guard let l = ReportLanguage(rawValue: language) else {
            StandardOutput.error("error: unknown language '\(language)'; use zh or en")
            throw ExitCodes.invalidInput
        }
        lang = l
    } else {
        lang = .zh
    }
    let store: SQLiteStore
    do {
        store = try SQLiteStore(path: databasePath, readOnly: true)
    } catch {
        StandardOutput.error("error: \(error)")
        throw ExitCodes.invalidInput
    }
    let loader = makeLoader()
    var files: [String] = []
    var ids: [String] = []
    for item in selection {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: item, isDirectory: &isDirectory) {
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: item)) ?? []
                files += names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                    .map { (item as NSString).appendingPathComponent($0) }
            } else {
                files.append(item)
            }
        } else if item.hasSuffix(".yaml") || item.hasSuffix(".yml") {
            StandardOutput.error("error: \(item): no such pipeline file")
            throw ExitCodes.invalidInput
        } else {
            ids.append(item)
        }
    }
    var infos = try loadPipelines(files).map(PipelineInfo.init)
    let known = Set(try store.runs(limit: Int.max).map(\.pipeline))
    for id in ids where !known.contains(id) {
        StandardOutput.error(
            "error: pipeline '\(id)' has no runs in \(databasePath); `yardstick runs --db \(databasePath)` lists them")
        throw ExitCodes.invalidInput
    }
    let only: [String]? = selection.isEmpty ? nil : infos.map(\.id) + ids
    // Pipelines without a file given: the file their latest run read, if it still loads.
    let described = Set(infos.map(\.id))
    for id in known.sorted() where !described.contains(id) && (only?.contains(id) ?? true) {
        guard let file = try store.runs(pipeline: id, limit: 1).first?.pipelineFile,
            FileManager.default.fileExists(atPath: file), let config = try? loader.load(path: file), config.id == id
        else { continue }
        infos.append(PipelineInfo(config))
    }
    return SiteData(store: store, infos: infos, only: only, language: lang)
}

extension PipelineInfo {
    init(_ config: PipelineConfig) {
        self.init(
            id: config.id, title: config.title, region: config.region, period: config.period,
            sourceIDs: config.sources.map(\.id), goalSources: config.goals.sources,
            language: config.report.language.flatMap(ReportLanguage.init(rawValue:)),
            shareOrigin: { config.sharedOrigin($0) })
    }
}
