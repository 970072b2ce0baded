import Foundation

/// How `yardstick serve` listens and whom it answers.
public struct ServeConfiguration: Sendable {
    public var host: String
    /// 0 picks a free port (the one bound is passed to `onListening`).
    public var port: Int
    /// The bearer token every request must carry, when one is required.
    public var token: String?

    public init(host: String = "127.0.0.1", port: Int = 8080, token: String? = nil) {
        self.host = host
        self.port = port
        self.token = token
    }

    /// True for 127.0.0.0/8, ::1 and localhost: only this machine can connect.
    public static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if h == "localhost" || h == "::1" || h == "0:0:0:0:0:0:0:1" { return true }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// Reads a token file: its first line, trimmed. Throws `ServeError` naming the file when it is
    /// missing, unreadable, empty or shorter than 16 characters.
    public static func token(fromFile path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ServeError(
                .badToken,
                "\(path): cannot read the token file; create it (e.g. `openssl rand -hex 32 > \(path)`) or fix its permissions"
            )
        }
        let token =
            String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard token.count >= 16 else {
            throw ServeError(
                .badToken,
                "\(path): the token must be at least 16 characters on the first line (e.g. `openssl rand -hex 32 > \(path)`)"
            )
        }
        return token
    }
}

/// A serve error: what failed and how to fix it.
public struct ServeError: Error, Sendable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The token file is missing, unreadable or too short.
        public static let badToken = Code(rawValue: "bad-token")
        /// A host other than loopback without a token.
        public static let tokenRequired = Code(rawValue: "token-required")
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
