/// Where an http(s) fetch may follow a redirect.
///
/// Whatever the policy, a redirect never leads to another scheme than http or https, and never to a
/// loopback, link-local (169.254.0.0/16, fe80::/10) or private address unless the configured URL
/// was of that same kind: the address is checked as libcurl is about to connect, so the address
/// checked is the address connected to. Configured headers (and conditional-request headers) are
/// dropped as soon as a redirect changes the scheme, host or port.
public struct RedirectPolicy: Sendable, Hashable, CustomStringConvertible {
    enum Rule: Sendable, Hashable {
        case sameOrigin
        case any
        case hosts([String])
    }

    let rule: Rule

    /// Only to the same scheme, host and port as the URL that redirected (the default).
    public static let sameOrigin = RedirectPolicy(rule: .sameOrigin)
    /// To any http(s) host (`follow-redirects: any`).
    public static let any = RedirectPolicy(rule: .any)
    /// To the same origin, or to one of `hosts` (compared without case; `follow-redirects: [a.gov.cn]`).
    public static func hosts(_ hosts: [String]) -> RedirectPolicy {
        RedirectPolicy(rule: .hosts(hosts.map { $0.lowercased() }))
    }

    public var description: String {
        switch rule {
        case .sameOrigin: "same-host"
        case .any: "any"
        case .hosts(let list): list.joined(separator: ", ")
        }
    }

    /// True when a redirect from `from` to `to` is allowed by this policy (the address check comes later).
    func allows(from: URLOrigin, to: URLOrigin) -> Bool {
        if from == to { return true }
        switch rule {
        case .sameOrigin: return false
        case .any: return true
        case .hosts(let list): return list.contains(to.host)
        }
    }
}

/// The scheme, host and port of an http(s) URL, lowercased, with the scheme's default port filled in.
struct URLOrigin: Hashable, Sendable, CustomStringConvertible {
    var scheme: String
    var host: String
    var port: Int

    init?(_ url: String) {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        scheme = url[..<schemeEnd.lowerBound].lowercased()
        var authority = url[schemeEnd.upperBound...]
        if let end = authority.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            authority = authority[..<end]
        }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var hostPart = authority
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let rest = authority[authority.index(after: close)...]
            if rest.hasPrefix(":") { portText = rest.dropFirst() }
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        host = hostPart.lowercased()
        if host.hasSuffix(".") { host.removeLast() }
        if let portText, !portText.isEmpty {
            guard let p = Int(portText), (0...65535).contains(p) else { return nil }
            port = p
        } else {
            switch scheme {
            case "http": port = 80
            case "https": port = 443
            default: port = 0
            }
        }
        if host.isEmpty { return nil }
    }

    var description: String { "\(scheme)://\(host.contains(":") ? "[\(host)]" : host):\(port)" }
}
