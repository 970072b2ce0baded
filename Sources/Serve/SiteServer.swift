import Foundation
import Hummingbird
import Logging
import Site

/// `yardstick serve`: the site's pages rendered from the store on request, and a JSON API, on
/// Hummingbird. Read-only (the store is opened read-only); only the paths the site makes exist.
public struct SiteServer: Sendable {
    public let builder: SiteBuilder
    public let configuration: ServeConfiguration
    let cache = PageCache()

    public init(builder: SiteBuilder, configuration: ServeConfiguration) throws {
        if !ServeConfiguration.isLoopback(configuration.host) && configuration.token == nil {
            throw ServeError(
                .tokenRequired,
                "--host \(configuration.host) is not a loopback address: give --token-file FILE so every request must carry `Authorization: Bearer <token>`, or serve on 127.0.0.1"
            )
        }
        self.builder = builder
        self.configuration = configuration
    }

    /// The router with every route and the security middleware.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.middlewares.add(SecurityMiddleware(token: configuration.token))
        let api = SiteAPI(data: builder.data)
        let server = self
        router.get("/") { _, _ in try server.page(SitePaths.index) }
        router.get("/index.html") { _, _ in try server.page(SitePaths.index) }
        router.get("/indicators.html") { _, _ in try server.page(SitePaths.indicators) }
        router.get("/runs.html") { _, _ in try server.page(SitePaths.runs) }
        router.get("/pipelines/:file") { _, c in try server.page("pipelines/" + c.parameters.require("file")) }
        router.get("/indicators/:file") { _, c in try server.page("indicators/" + c.parameters.require("file")) }
        router.get("/sources/:pipeline/:file") { _, c in
            try server.page("sources/" + c.parameters.require("pipeline") + "/" + c.parameters.require("file"))
        }
        router.get("/assets/:file") { _, c in
            let path = "assets/" + (try c.parameters.require("file"))
            guard let asset = SiteAssets.files.first(where: { $0.path == path }) else { throw HTTPError(.notFound) }
            return Response(
                status: .ok, headers: [.contentType: asset.mediaType, .cacheControl: "no-cache"],
                body: .init(byteBuffer: ByteBuffer(string: asset.content)))
        }
        router.get("/api/pipelines") { _, _ in try server.json("api/pipelines") { try api.pipelines() } }
        router.get("/api/pipelines/:id/scorecard") { _, c in
            let id = try c.parameters.require("id")
            return try server.json("api/scorecard/" + id) {
                try api.scorecard(pipeline: SitePaths.name(fromSlug: id) ?? id)
            }
        }
        router.get("/api/runs") { request, _ in
            let pipeline = request.uri.queryParameters.get("pipeline")
            let limit = min(1000, max(1, request.uri.queryParameters.get("limit", as: Int.self) ?? 50))
            return try server.json("api/runs/\(pipeline ?? "")/\(limit)") {
                try api.runs(pipeline: pipeline, limit: limit)
            }
        }
        router.get("/api/export") { request, _ in
            let pipeline = request.uri.queryParameters.get("pipeline")
            return try server.json("api/export/\(pipeline ?? "")") { try api.export(pipeline: pipeline) }
        }
        router.get("/api/openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json + "\n")))
        }
        return router
    }

    func page(_ path: String) throws -> Response {
        guard
            let body = try cache.body(
                path, fingerprint: builder.data.fingerprint(), make: { try builder.page(at: path) })
        else { throw HTTPError(.notFound) }
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: body))
    }

    func json(_ key: String, _ make: () throws -> String?) throws -> Response {
        guard let body = try cache.body(key, fingerprint: builder.data.fingerprint(), make: make) else {
            throw HTTPError(.notFound)
        }
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: body))
    }

    /// Serves until cancelled or sent SIGTERM/SIGINT; `onListening` gets the bound port.
    public func run(logger: Logger, onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let app = Application(
            router: router(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
        try await app.runService()
    }
}
