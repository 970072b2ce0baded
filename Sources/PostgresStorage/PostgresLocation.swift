import Foundation
import Storage

/// Where a PostgreSQL store is: host, port, database and role from a `postgres://` URL, and the
/// password from the URL, `PGPASSWORD` or a `.pgpass` file, in that order.
///
/// `description` never contains the password: it is what messages and logs name.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// libpq's `sslmode`: `prefer` and `require` encrypt without checking the certificate (as libpq
    /// does), `verify-ca` and `verify-full` check it against the system's roots and the host name.
    public enum TLSMode: String, Sendable, Equatable {
        case disable, prefer, require, verify
    }

    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    public var tls: TLSMode
    /// Where the password came from ("the URL", "PGPASSWORD", a .pgpass path), nil without one.
    public var passwordSource: String?
    /// The password; kept out of `description`, `debugDescription` and every error message.
    let password: String?

    /// True for `postgres://…` and `postgresql://…`.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses `postgres://[user[:password]@]host[:port][/database][?sslmode=disable|prefer|require]`.
    ///
    /// Defaults as libpq's: port 5432 (or `PGPORT`), user `PGUSER` or the login name, database the
    /// user's name (or `PGDATABASE`). Throws `StoreError(.cannotOpen)`; the message shows the URL
    /// with its password masked.
    public init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let shown = PostgresLocation.masked(text)
        guard PostgresLocation.isURL(text), let parts = URLComponents(string: text) else {
            throw StoreError(
                .cannotOpen,
                "\(shown): not a PostgreSQL URL; write postgres://USER@HOST:PORT/DATABASE (the password from PGPASSWORD or ~/.pgpass)"
            )
        }
        host = parts.host.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGHOST"] ?? "127.0.0.1"
        port = parts.port ?? environment["PGPORT"].flatMap(Int.init) ?? 5432
        user =
            parts.user.flatMap { $0.removingPercentEncoding ?? $0 } ?? environment["PGUSER"] ?? environment["USER"]
            ?? "postgres"
        let path = parts.path.hasPrefix("/") ? String(parts.path.dropFirst()) : parts.path
        database = path.isEmpty ? (environment["PGDATABASE"] ?? user) : (path.removingPercentEncoding ?? path)
        var mode = TLSMode.prefer
        for item in parts.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                switch item.value ?? "" {
                case "disable": mode = .disable
                case "allow", "prefer": mode = .prefer
                case "require": mode = .require
                case "verify-ca", "verify-full": mode = .verify
                default:
                    throw StoreError(
                        .cannotOpen,
                        "\(shown): unknown sslmode '\(item.value ?? "")'; use disable, prefer, require or verify-full")
                }
            default:
                throw StoreError(
                    .cannotOpen, "\(shown): unknown URL parameter '\(item.name)'; the one known is sslmode")
            }
        }
        tls = mode
        if let given = parts.password {
            password = given.removingPercentEncoding ?? given
            passwordSource = "the URL"
        } else if let env = environment["PGPASSWORD"] {
            password = env
            passwordSource = "PGPASSWORD"
        } else {
            let file =
                environment["PGPASSFILE"]
                ?? ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".pgpass")
            if let found = PostgresLocation.passwordFile(file, host: host, port: port, database: database, user: user) {
                password = found
                passwordSource = file
            } else {
                password = nil
                passwordSource = nil
            }
        }
    }

    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// The URL with any password replaced by `***`, for messages about a URL that did not parse.
    public static func masked(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text.range(of: "@", options: .backwards),
            scheme.upperBound <= at.lowerBound
        else { return text }
        let userInfo = text[scheme.upperBound..<at.lowerBound]
        guard let colon = userInfo.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at.lowerBound...])
    }

    /// The password a `.pgpass` file gives for this server, database and user: the first line
    /// `host:port:database:user:password` that matches (`*` matches anything; `\:` and `\\` escape).
    static func passwordFile(_ path: String, host: String, port: Int, database: String, user: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            var fields: [String] = []
            var current = ""
            var escaped = false
            for c in line {
                if escaped {
                    current.append(c)
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == ":" && fields.count < 4 {
                    fields.append(current)
                    current = ""
                } else {
                    current.append(c)
                }
            }
            fields.append(current)
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }
}

extension PostgresLocation: CustomDebugStringConvertible {
    public var debugDescription: String {
        "PostgresLocation(\(description), tls: \(tls.rawValue), password: \(passwordSource.map { "from \($0)" } ?? "none"))"
    }
}
