import ArgumentParser
import CCurl
import CLibXML2
import Foundation
import Normalize
import Pipeline
import PostgresStorage
import Storage

extension Yardstick {
    struct Doctor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check this installation: the catalog, the store, the libraries and the optional tools.",
            discussion: """
                Exits 0 when everything yardstick needs is in place (optional tools may be missing: each is \
                listed with the command that installs it), 2 when something it needs is missing or broken.
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let logger = global.bootstrap()
            var problems = 0
            func ok(_ what: String, _ detail: String) { StandardOutput.line("ok       " + pad(what, 11) + detail) }
            func bad(_ what: String, _ detail: String) {
                problems += 1
                StandardOutput.line("MISSING  " + pad(what, 11) + detail)
            }
            func optional(_ what: String, _ detail: String) {
                StandardOutput.line("optional " + pad(what, 11) + detail)
            }

            StandardOutput.line("yardstick \(YardstickVersion.current) at \(Schedule.executablePath())")
            // The catalog: built in, plus YARDSTICK_CATALOG.
            let files = PipelineCatalog.files(for: nil, environmentFiles: PipelineCatalog.environmentFiles())
            do {
                let builtIn = try PipelineCatalog.load(files: []).catalog
                ok("catalog", "built in: \(builtIn.indicators.count) entries (catalog/indicators.yaml at build time)")
                if !files.isEmpty {
                    let all = try PipelineCatalog.load(files: files).catalog
                    ok(
                        "catalog",
                        "YARDSTICK_CATALOG adds \(files.joined(separator: ", ")): \(all.indicators.count) entries in use"
                    )
                }
            } catch let error as CatalogError {
                bad("catalog", error.message)
            }
            // The store.
            let db = self.store.databasePath
            if PostgresLocation.isURL(db) {
                do {
                    let (location, found) = try await PostgresStore.inspect(url: db, logger: logger)
                    let known = PostgresStore.knownMigrations
                    if let applied = found {
                        let newer = applied.filter { !known.contains($0) }
                        let pending = known.filter { !applied.contains($0) }
                        if !newer.isEmpty {
                            bad(
                                "store",
                                "\(location): the store has migrations newer than this build knows (\(newer.joined(separator: ", "))); install a newer yardstick"
                            )
                        } else if !pending.isEmpty {
                            ok(
                                "store",
                                "\(location): migrations \(applied.joined(separator: ", ")); the next run or worker applies \(pending.joined(separator: ", "))"
                            )
                        } else {
                            ok("store", "\(location): migrations \(applied.joined(separator: ", ")) (current)")
                        }
                    } else {
                        // The server answered; the first run or worker creates the tables.
                        ok("store", "no store in \(location) yet; the first run or worker on it creates the tables")
                    }
                } catch {
                    bad("store", "\(error)")
                }
            } else {
                do {
                    let schema = try SQLiteStore.schema(atPath: db)
                    if !schema.unknown.isEmpty {
                        bad(
                            "store",
                            "\(db): schema \(schema.version) is newer than this build knows (\(schema.unknown.joined(separator: ", "))); install a newer yardstick"
                        )
                    } else if !schema.pending.isEmpty {
                        ok(
                            "store",
                            "\(db): schema \(schema.version); the next run migrates it to \(schema.known.last ?? "")")
                    } else {
                        ok("store", "\(db): schema \(schema.version) (current)")
                    }
                } catch let error as StoreError where error.code == .notFound {
                    let folder = (db as NSString).deletingLastPathComponent
                    if Self.canCreate(in: folder.isEmpty ? "." : folder) {
                        ok(
                            "store",
                            "\(db): none yet; the first run creates it (schema \(SQLiteStore.knownMigrations.last ?? ""))"
                        )
                    } else {
                        bad(
                            "store",
                            "\(db): none yet, and \(folder) cannot be created or written; pass --db PATH in a writable folder"
                        )
                    }
                } catch {
                    bad("store", "\(error)")
                }
            }
            // Libraries (linked: present if this runs; the versions say which).
            ok("libcurl", String(cString: curl_version()))
            ok("libxml2", Self.libxml2Version())
            // Optional tools.
            let tools: [(name: String, programs: [String], use: String, install: String)] = [
                (
                    "chromium", ["chromium", "chromium-browser", "google-chrome"],
                    "headless check of the HTML scorecard",
                    "apt-get install chromium"
                ),
                ("pdftotext", ["pdftotext"], "PDF input for the speech-text adapter", "apt-get install poppler-utils"),
                (
                    "python3", ["python3"], "external adapters written in Python, as in examples/python-adapter",
                    "apt-get install python3"
                ),
            ]
            var missingTools: [String] = []
            for tool in tools {
                if let path = tool.programs.lazy.compactMap(Self.which).first {
                    ok(tool.name, "\(path) (\(tool.use))")
                } else {
                    optional(tool.name, "not found (\(tool.use)); install: \(tool.install)")
                    missingTools.append(tool.name)
                }
            }
            if problems > 0 {
                StandardOutput.line("\(problems) problem\(problems == 1 ? "" : "s"): yardstick cannot work until fixed")
                throw ExitCodes.invalidInput
            }
            StandardOutput.line(
                missingTools.isEmpty
                    ? "everything in place" : "ready; optional tools missing: " + missingTools.joined(separator: ", "))
        }

        /// The full path of `program` found through PATH, if any.
        static func which(_ program: String) -> String? {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
            for dir in path.split(separator: ":") {
                let candidate = (String(dir) as NSString).appendingPathComponent(program)
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
            return nil
        }

        /// True when `folder` exists and is writable, or can be created.
        static func canCreate(in folder: String) -> Bool {
            var dir = folder
            while !FileManager.default.fileExists(atPath: dir) {
                let parent = (dir as NSString).deletingLastPathComponent
                if parent == dir || parent.isEmpty { return FileManager.default.isWritableFile(atPath: ".") }
                dir = parent
            }
            return FileManager.default.isWritableFile(atPath: dir)
        }

        /// libxml2's run-time version: "21205" → "2.12.5".
        static func libxml2Version() -> String {
            guard let pointer = __xmlParserVersion()?.pointee else { return "unknown" }
            let raw = String(cString: pointer)
            guard let n = Int(raw) else { return raw }
            return "\(n / 10000).\(n / 100 % 100).\(n % 100)"
        }
    }
}
