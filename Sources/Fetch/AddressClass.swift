/// The kind of network address a connection goes to, for the redirect check.
enum AddressClass: String, Sendable, Hashable {
    /// 127.0.0.0/8, ::1.
    case loopback
    /// 169.254.0.0/16 (cloud metadata lives at 169.254.169.254), fe80::/10.
    case linkLocal = "link-local"
    /// 10/8, 172.16/12, 192.168/16, 100.64/10 (shared address space), fc00::/7, 0.0.0.0/8.
    case privateNetwork = "private"
    /// Anything else.
    case publicNetwork = "public"

    /// The class of an IPv4 (4 bytes) or IPv6 (16 bytes) address in network byte order.
    init(addressBytes b: [UInt8]) {
        if b.count == 16 {
            // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible forms are judged as IPv4.
            if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xFF && b[11] == 0xFF {
                self.init(addressBytes: Array(b[12..<16]))
                return
            }
            if b[0..<15].allSatisfy({ $0 == 0 }) && (b[15] == 1 || b[15] == 0) {
                self = .loopback
            } else if b[0] == 0xFE && (b[1] & 0xC0) == 0x80 {
                self = .linkLocal
            } else if (b[0] & 0xFE) == 0xFC || (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0) {
                self = .privateNetwork  // unique local fc00::/7 and the old site-local fec0::/10
            } else {
                self = .publicNetwork
            }
            return
        }
        guard b.count == 4 else {
            self = .privateNetwork
            return
        }
        switch (b[0], b[1]) {
        case (127, _): self = .loopback
        case (169, 254): self = .linkLocal
        case (10, _), (0, _), (192, 168): self = .privateNetwork
        case (172, 16...31): self = .privateNetwork
        case (100, 64...127): self = .privateNetwork
        default: self = .publicNetwork
        }
    }

    /// The address as text (dotted IPv4, or IPv6 groups).
    static func text(_ b: [UInt8]) -> String {
        if b.count == 4 { return b.map(String.init).joined(separator: ".") }
        var groups: [String] = []
        var i = 0
        while i + 1 < b.count {
            groups.append(String(UInt16(b[i]) << 8 | UInt16(b[i + 1]), radix: 16))
            i += 2
        }
        return groups.joined(separator: ":")
    }
}
