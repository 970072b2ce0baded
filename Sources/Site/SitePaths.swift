/// Where each page of the site lives, relative to its root. The static site and the server use
/// the same paths, so every link works on disk, behind any web server and from `yardstick serve`.
public enum SitePaths {
    public static let index = "index.html"
    public static let indicators = "indicators.html"
    public static let runs = "runs.html"
    public static let stylesheet = "assets/site.css"
    public static let script = "assets/site.js"

    public static func pipeline(_ id: String) -> String { "pipelines/\(slug(id)).html" }
    public static func source(pipeline: String, source: String) -> String {
        "sources/\(slug(pipeline))/\(slug(source)).html"
    }
    public static func indicator(_ code: String) -> String { "indicators/\(slug(code)).html" }

    /// A name safe as one path segment on every file system and in a URL: ASCII letters, digits,
    /// `-` and `_` stay; every other byte of its UTF-8 becomes `~XX`. Different names never share a slug.
    public static func slug(_ name: String) -> String {
        var out = ""
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "~" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out.isEmpty ? "~" : out
    }

    /// The prefix that leads from a page at `path` back to the root ("", "../", "../../").
    static func up(from path: String) -> String {
        String(repeating: "../", count: path.filter { $0 == "/" }.count)
    }
}

extension SitePaths {
    /// The name a slug was made from; nil when `slug` is not the slug of any name (so each page has
    /// exactly one path).
    public static func name(fromSlug slug: String) -> String? {
        var bytes: [UInt8] = []
        var chars = Array(slug.utf8)[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            if c == UInt8(ascii: "~") {
                guard chars.count >= 2, let b = UInt8(String(decoding: chars.prefix(2), as: UTF8.self), radix: 16)
                else {
                    return nil
                }
                bytes.append(b)
                chars = chars.dropFirst(2)
            } else {
                bytes.append(c)
            }
        }
        guard let name = String(bytes: bytes, encoding: .utf8), !name.isEmpty, self.slug(name) == slug else {
            return nil
        }
        return name
    }
}
