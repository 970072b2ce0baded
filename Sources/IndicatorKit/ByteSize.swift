/// A size in bytes as written in pipeline files and options: `1048576`, `64KiB`, `500MB`, `2 GiB`.
///
/// K, M and G count in powers of 1024 whether written KB or KiB (`1MB` = 1 048 576 bytes).
package enum ByteSize {
    /// The number of bytes `text` names, or nil when it is not a size above 0.
    package static func parse(_ text: String) -> Int64? {
        let t = String(text.lowercased().filter { $0 != " " && $0 != "\t" })
        var digits = Substring(t)
        var multiplier: Int64 = 1
        let units: [(String, Int64)] = [
            ("kib", 1 << 10), ("mib", 1 << 20), ("gib", 1 << 30), ("kb", 1 << 10), ("mb", 1 << 20), ("gb", 1 << 30),
            ("k", 1 << 10), ("m", 1 << 20), ("g", 1 << 30), ("b", 1),
        ]
        for (suffix, m) in units where t.hasSuffix(suffix) {
            digits = t.dropLast(suffix.count)
            multiplier = m
            break
        }
        let number = String(digits)
        guard let value = Double(number), value.isFinite, value > 0 else { return nil }
        let bytes = value * Double(multiplier)
        guard bytes >= 1, bytes < 9.2e18 else { return nil }
        return Int64(bytes)
    }

    /// `bytes` for messages: "200 MiB" when it is a whole number of MiB, else the byte count.
    package static func text(_ bytes: Int64) -> String {
        if bytes >= 1 << 30 && bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
