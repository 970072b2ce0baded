import ArgumentParser
import Foundation
import Serve
import Site

extension Yardstick {
    struct ServeCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Serve the site's pages and a JSON API live from the store (read-only).",
            discussion: """
                Binds 127.0.0.1 unless --host says otherwise; a host other than loopback needs --token-file, and \
                every request must then send `Authorization: Bearer <token>`. The API: /api/pipelines, \
                /api/pipelines/ID/scorecard, /api/runs, /api/export, described by /api/openapi.json.
                """)

        @Argument(help: "Pipeline files, folders of them, or pipeline ids (default: every pipeline in the store).")
        var pipelines: [String] = []

        @OptionGroup var store: StoreOptions
        @OptionGroup var global: GlobalOptions

        @Option(help: "The address to listen on.")
        var host: String = "127.0.0.1"

        @Option(help: "The port to listen on (0: any free port, printed at start).")
        var port: Int = 8080

        @Option(help: "A file whose first line is the bearer token every request must carry (required off loopback).")
        var tokenFile: String?

        @Option(help: "zh or en: the labels' language (default zh).")
        var language: String?

        func run() async throws {
            let logger = global.bootstrap()
            guard (0...65535).contains(port) else {
                StandardOutput.error("error: --port \(port) is not a port; use 0 to 65535")
                throw ExitCodes.invalidInput
            }
            let server: SiteServer
            do {
                let token = try tokenFile.map(ServeConfiguration.token(fromFile:))
                let data = try makeSiteData(databasePath: store.databasePath, selection: pipelines, language: language)
                server = try SiteServer(
                    builder: SiteBuilder(data: data),
                    configuration: ServeConfiguration(host: host, port: port, token: token))
            } catch let error as ServeError {
                StandardOutput.error("error: \(error.message)")
                throw ExitCodes.invalidInput
            }
            let host = self.host
            let dbPath = store.databasePath
            try await server.run(logger: logger) { port in
                let shown = host.contains(":") ? "[\(host)]" : host
                StandardOutput.line("serving \(dbPath) at http://\(shown):\(port)/ (read-only; Ctrl-C stops)")
            }
        }
    }
}
