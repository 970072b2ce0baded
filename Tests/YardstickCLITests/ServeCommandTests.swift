import Foundation
import TestSupport
import Testing

/// `yardstick serve` started as the built binary on a free loopback port and driven with curl.
@Suite(.serialized) struct ServeCommandTests {
    /// A running `yardstick serve`; `stop()` ends it.
    final class Server {
        let process = Process()
        let port: Int
        private let output = Pipe()

        init(_ arguments: [String]) throws {
            process.executableURL = URL(fileURLWithPath: Package.yardstick)
            process.arguments = ["serve", "--port", "0"] + arguments
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            // The first line says where it listens: "serving … at http://127.0.0.1:PORT/ …".
            let text = firstLine(of: output)
            guard let r = text.range(of: #":(\d+)/"#, options: .regularExpression),
                let port = Int(text[r].dropFirst().dropLast())
            else {
                process.terminate()
                throw ServeTestError(message: "serve did not say its port: '\(text)'")
            }
            self.port = port
        }

        func stop() {
            if process.isRunning {
                process.terminate()
                process.waitUntilExit()
            }
        }
    }

    struct ServeTestError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    /// One GET with curl, the path sent as it is (no `..` folding).
    static func get(_ port: Int, _ path: String, headers: [String] = []) throws -> Reply {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let headerFile = folder.file("headers")
        let result = try runCommand(
            "/usr/bin/env",
            ["curl", "-sS", "--path-as-is", "--max-time", "60", "-D", headerFile, "-o", folder.file("body")]
                + headers.flatMap { ["-H", $0] } + ["http://127.0.0.1:\(port)\(path)"])
        #expect(result.status == 0, "curl: \(result.stderr)")
        let raw = (try? String(contentsOfFile: headerFile, encoding: .utf8)) ?? ""
        var status = 0
        var fields: [String: String] = [:]
        for line in raw.split(whereSeparator: \.isNewline) {
            if line.hasPrefix("HTTP/") {
                status = Int(line.split(separator: " ")[1]) ?? 0
            } else if let colon = line.firstIndex(of: ":") {
                fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                    in: .whitespaces)
            }
        }
        let body = (try? String(contentsOfFile: folder.file("body"), encoding: .utf8)) ?? ""
        return Reply(status: status, headers: fields, body: body)
    }

    /// Runs pipelines/china-2022.yaml into a store in `folder` (expecting success); returns the store's path.
    static func storeChinaRun(in folder: TempFolder, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws
        -> String
    {
        let db = folder.file("db.sqlite")
        #expect(
            try yardstick(
                ["run", "pipelines/china-2022.yaml", "--db", db, "--report-dir", folder.file("r")], in: Package.root
            ).status == 0, sourceLocation: sourceLocation)
        return db
    }

    /// Runs `body` against a server of a store holding one china-2022 run, in a folder of its own.
    static func withChinaServer(_ body: (Server) throws -> Void) throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let server = try Server(["--db", try storeChinaRun(in: folder)])
        defer { server.stop() }
        try body(server)
    }

    static func json(_ reply: Reply) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: Any], "\(reply.body)")
    }

    @Test func answersTheAPIWithWhatTheRunsStored() throws {
        let (folder, db, scorecards) = try SiteCommandTests.bundledStore()
        defer { folder.cleanup() }
        let storeBefore = try Data(contentsOf: URL(fileURLWithPath: db))
        let server = try Server(["--db", db])
        defer { server.stop() }

        let list = try Self.get(server.port, "/api/pipelines")
        #expect(list.status == 200)
        #expect(list.headers["content-type"]?.hasPrefix("application/json") == true)
        let pipelines = try #require(try Self.json(list)["pipelines"] as? [[String: Any]])
        #expect(pipelines.compactMap { $0["id"] as? String } == ["china-2022", "zhecheng-2022"])

        for id in ["china-2022", "zhecheng-2022"] {
            let reply = try Self.get(server.port, "/api/pipelines/\(id)/scorecard")
            #expect(reply.status == 200)
            let served = try Self.json(reply)
            #expect(served["schema"] as? String == "yardstick.scorecard/1")
            let printed = try #require(scorecards[id])
            func statuses(_ d: [String: Any]) -> [String] {
                ((d["results"] as? [[String: Any]]) ?? []).map { "\($0["subject"] ?? "")=\($0["status"] ?? "")" }
            }
            #expect(!statuses(served).isEmpty)
            #expect(statuses(served) == statuses(printed), "\(id)")
            #expect(
                (served["summary"] as? [String: Any])?["total"] as? Int == (printed["summary"] as? [String: Any])?[
                    "total"] as? Int)
        }
        #expect(try Self.get(server.port, "/api/pipelines/nope/scorecard").status == 404)

        let runs = try #require(try Self.json(try Self.get(server.port, "/api/runs"))["runs"] as? [[String: Any]])
        #expect(runs.compactMap { $0["id"] as? Int } == [2, 1])
        let rows = try #require(
            try Self.json(try Self.get(server.port, "/api/export?pipeline=china-2022"))["rows"] as? [[String: Any]])
        #expect(rows.count == 5)
        #expect(Set(rows.compactMap { $0["indicator"] as? String }).contains("gdp"))

        // The OpenAPI document it serves is the one in docs/.
        let openapi = try Self.get(server.port, "/api/openapi.json")
        #expect(openapi.status == 200)
        let committed = try String(contentsOfFile: Package.root + "/docs/openapi.json", encoding: .utf8)
        #expect(openapi.body == committed)

        // The pages, with the security headers.
        let index = try Self.get(server.port, "/")
        #expect(index.status == 200)
        #expect(index.body.contains("href=\"pipelines/china-2022.html\""))
        #expect(index.headers["content-security-policy"]?.contains("frame-ancestors 'none'") == true)
        #expect(index.headers["content-security-policy"]?.contains("script-src 'self'") == true)
        #expect(index.headers["x-content-type-options"] == "nosniff")
        #expect(index.headers["referrer-policy"] == "no-referrer")
        let page = try Self.get(server.port, "/pipelines/china-2022.html")
        #expect(page.status == 200)
        #expect(page.body.contains("data-status=\"missed\""))
        let script = try Self.get(server.port, "/assets/site.js")
        #expect(script.status == 200 && script.headers["content-type"]?.hasPrefix("text/javascript") == true)
        #expect(try Self.get(server.port, "/sources/china-2022/report.html").body.contains("<mark>"))

        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == storeBefore, "serve wrote the store")
    }

    static let outsidePaths = [
        "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/assets/..%2f..%2fetc%2fpasswd",
        "/pipelines/..%2F..%2Fetc%2Fpasswd", "/assets/../../etc/passwd", "/sources/../../../etc/passwd",
        "/..%5c..%5cetc%5cpasswd", "/etc/passwd", "/assets/", "/pipelines/", "/sources/china-2022/", "/.git/config",
        "/pipelines/china-2022.yaml", "/pipelines/china-2022.html/../../../etc/passwd", "/./index.html",
    ]

    @Test func pathsOutsideTheSiteAreNotFound() throws {
        try Self.withChinaServer { server in
            for path in Self.outsidePaths {
                let reply = try Self.get(server.port, path)
                #expect(reply.status == 404, "\(path): \(reply.status)")
                #expect(!reply.body.contains("root:"))
                #expect(reply.headers["x-content-type-options"] == "nosniff")
            }
            // An unknown pipeline, source or indicator is a 404 too; a known one is there.
            for path in [
                "/pipelines/none.html", "/sources/china-2022/none.html", "/indicators/none.html", "/assets/none.js",
            ] {
                #expect(try Self.get(server.port, path).status == 404, "\(path)")
            }
            #expect(try Self.get(server.port, "/pipelines/china-2022.html").status == 200)
        }
    }

    @Test func offLoopbackEveryRequestNeedsTheToken() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let db = try Self.storeChinaRun(in: folder)

        // Without a token file it does not start.
        let refused = try yardstick(["serve", "--db", db, "--host", "0.0.0.0", "--port", "0"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--token-file"))
        let short = try folder.write("short", "abc\n")
        #expect(
            try yardstick(["serve", "--db", db, "--host", "0.0.0.0", "--port", "0", "--token-file", short]).status == 2)

        let token = "s3cret-token-0123456789abcdef"
        let file = try folder.write("token", token + "\n")
        let server = try Server(["--db", db, "--host", "0.0.0.0", "--token-file", file])
        defer { server.stop() }
        for path in ["/", "/api/pipelines", "/api/pipelines/china-2022/scorecard", "/assets/site.css", "/nope"] {
            let bare = try Self.get(server.port, path)
            #expect(bare.status == 401, "\(path)")
            #expect(bare.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
            #expect(!bare.body.contains("china-2022"))
            #expect(
                try Self.get(server.port, path, headers: ["Authorization: Bearer wrong-token-0123456789abc"]).status
                    == 401)
        }
        let ok = try Self.get(server.port, "/api/pipelines", headers: ["Authorization: Bearer \(token)"])
        #expect(ok.status == 200)
        #expect(ok.body.contains("\"china-2022\""))
        #expect(try Self.get(server.port, "/nope", headers: ["Authorization: Bearer \(token)"]).status == 404)
    }

    @Test func aWriteRequestIsRefused() throws {
        try Self.withChinaServer { server in
            let result = try runCommand(
                "/usr/bin/env",
                [
                    "curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST",
                    "http://127.0.0.1:\(server.port)/api/pipelines",
                ])
            #expect(result.stdout == "405")
        }
    }
}
