import ArgumentParser
import Foundation
import Site

extension Yardstick {
    struct SiteCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "site",
            abstract:
                "Write a static site of the stored scorecards: an index, a page per pipeline, indicator and source, and the run history."
        )

        @Argument(help: "The folder to write the site into (created if needed).", completion: .directory)
        var output: String

        @Argument(help: "Pipeline files, folders of them, or pipeline ids (default: every pipeline in the store).")
        var pipelines: [String] = []

        @OptionGroup var store: StoreOptions
        @OptionGroup var global: GlobalOptions

        @Option(help: "zh or en: the labels' language (default zh).")
        var language: String?

        func run() throws {
            _ = global.bootstrap()
            let data = try makeSiteData(databasePath: store.databasePath, selection: pipelines, language: language)
            let written: SiteBuilder.Written
            do {
                written = try SiteBuilder(data: data).write(to: output)
            } catch {
                StandardOutput.error("error: \(output): cannot write the site: \(error)")
                throw ExitCodes.invalidInput
            }
            StandardOutput.line(
                "wrote \(written.pages) pages to \(output): \(written.pipelines) pipelines, \(written.sources) sources, "
                    + "\(written.indicators) indicators (open \((output as NSString).appendingPathComponent(SitePaths.index)))"
            )
        }
    }
}
