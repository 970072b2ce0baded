import Foundation
import Hummingbird

/// Runs before every route: refuses requests without the bearer token (401) when one is set,
/// answers paths that try to leave the site (`..`, encoded slashes or dots, backslashes) with 404
/// before any route sees them, turns errors into plain responses, and adds the security headers to
/// every response.
struct SecurityMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response: Response
        if let token, !SecurityRules.authorized(request.headers[.authorization], token: token) {
            response = SecurityRules.plain(.unauthorized, "401 Unauthorized: send Authorization: Bearer <token>\n")
            response.headers[.wwwAuthenticate] = "Bearer realm=\"yardstick\""
        } else if request.method != .get && request.method != .head {
            response = SecurityRules.plain(.methodNotAllowed, "405 Method Not Allowed: this server is read-only\n")
            response.headers[.allow] = "GET, HEAD"
        } else if !SecurityRules.isConfined(request.uri.path) {
            response = SecurityRules.plain(.notFound, "404 Not Found\n")
        } else {
            do {
                response = try await next(request, context)
            } catch let error as HTTPError {
                response = SecurityRules.plain(error.status, "\(error.status.code) \(error.status.reasonPhrase)\n")
            } catch {
                context.logger.error("\(request.uri.path): \(error)")
                response = SecurityRules.plain(.internalServerError, "500 Internal Server Error: \(error)\n")
            }
        }
        for field in SecurityRules.headers { response.headers[field.name] = field.value }
        return response
    }

}

/// The rules `SecurityMiddleware` applies, and the headers it adds.
enum SecurityRules {
    typealias FieldName = HTTPFields.Element.Name

    static let headers: HTTPFields = {
        var h = HTTPFields()
        h[.contentSecurityPolicy] =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        h[.xContentTypeOptions] = "nosniff"
        h[FieldName("Referrer-Policy")!] = "no-referrer"
        h[FieldName("X-Frame-Options")!] = "DENY"
        h[FieldName("Cross-Origin-Resource-Policy")!] = "same-origin"
        return h
    }()

    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// False for a path that names a parent folder or hides one: `..` or `.` segments, percent-encoded
    /// characters (no page of the site has any), backslashes, NUL, or empty segments.
    static func isConfined(_ path: String) -> Bool {
        guard path.hasPrefix("/") else { return false }
        if path.contains("%") || path.contains("\\") || path.contains("\u{0}") || path.contains("//") { return false }
        for segment in path.split(separator: "/", omittingEmptySubsequences: true)
        where segment == ".." || segment == "." {
            return false
        }
        return true
    }

    /// Compares the bearer token in constant time.
    static func authorized(_ header: String?, token: String) -> Bool {
        guard let header, header.hasPrefix("Bearer ") else { return false }
        let given = Array(header.dropFirst(7).trimmingCharacters(in: .whitespaces).utf8)
        let want = Array(token.utf8)
        var diff = given.count ^ want.count
        for i in 0..<want.count { diff |= Int(want[i] ^ (i < given.count ? given[i] : 0)) }
        return diff == 0
    }
}
