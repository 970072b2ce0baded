/// A media type as sent in `Content-Type` or guessed from a file name, with its charset parameter.
struct MediaType: Sendable, Hashable {
    /// The type without parameters, lower-cased ("text/csv").
    var essence: String
    /// The `charset` parameter, when given.
    var charset: String?

    /// Parses `text/csv; charset="GBK"`.
    init?(contentType: String?) {
        guard let contentType else { return nil }
        let parts = contentType.split(separator: ";", omittingEmptySubsequences: false)
        let essence = parts[0].trimmed().lowercased()
        guard !essence.isEmpty, essence.contains("/") else { return nil }
        self.essence = essence
        for part in parts.dropFirst() {
            let kv = part.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, kv[0].trimmed().lowercased() == "charset" else { continue }
            var value = kv[1].trimmed()
            if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            if !value.isEmpty { charset = value }
        }
    }

    init(essence: String, charset: String? = nil) {
        self.essence = essence
        self.charset = charset
    }

    /// The media type for a file name's extension, `.gz` looked through only for `.xml.gz`.
    static func guess(fromPath path: String) -> MediaType? {
        let ext = fileExtension(of: path)
        switch ext {
        case "csv": return MediaType(essence: "text/csv")
        case "tsv": return MediaType(essence: "text/tab-separated-values")
        case "txt", "text": return MediaType(essence: "text/plain")
        case "json": return MediaType(essence: "application/json")
        case "xml", "sdmx": return MediaType(essence: "application/xml")
        case "xml.gz", "gz": return MediaType(essence: "application/gzip")
        case "html", "htm": return MediaType(essence: "text/html")
        default: return nil
        }
    }

    /// The extension of the last path component ("csv", "xml.gz"), lower-cased; "" when none.
    static func fileExtension(of path: String) -> String {
        var p = Substring(path)
        if let q = p.firstIndex(where: { $0 == "?" || $0 == "#" }) { p = p[..<q] }
        let name = p.split(separator: "/").last.map(String.init) ?? String(p)
        let lower = name.lowercased()
        if lower.hasSuffix(".xml.gz") { return "xml.gz" }
        guard let dot = lower.lastIndex(of: ".") else { return "" }
        let ext = String(lower[lower.index(after: dot)...])
        return ext.count <= 6 && ext.allSatisfy({ $0.isLetter || $0.isNumber }) ? ext : ""
    }

    /// True for text a converter should turn into UTF-8: text/*, JSON, XML, CSV.
    var isText: Bool {
        if essence.hasPrefix("text/") { return true }
        return essence.contains("json") || essence.hasSuffix("/xml") || essence.hasSuffix("+xml")
            || essence.contains("csv") || essence == "application/javascript"
    }

    /// True for XML, whose declaration is rewritten when the body is converted.
    var isXML: Bool { essence.hasSuffix("/xml") || essence.hasSuffix("+xml") }

    /// A file extension for a body of this type, used when the URL has none.
    var preferredExtension: String? {
        if essence.contains("csv") { return "csv" }
        if essence == "text/tab-separated-values" { return "tsv" }
        if essence.contains("json") { return "json" }
        if isXML { return "xml" }
        if essence == "text/plain" { return "txt" }
        if essence == "text/html" { return "html" }
        return nil
    }
}

extension Substring {
    func trimmed() -> String {
        var s = self
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
