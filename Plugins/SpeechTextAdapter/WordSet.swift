/// A set of words (normalized scalars) indexed by first and last character, for matching at a
/// position with one lookup instead of a scan over every word.
struct WordSet: Sendable {
    /// Words starting with a character, longest first.
    let byFirst: [UInt32: [[UInt32]]]
    /// Words ending with a character, longest first.
    let byLast: [UInt32: [[UInt32]]]
    /// Bit maps of the first and last characters (Basic Multilingual Plane), to skip most positions
    /// without a lookup.
    private let firstBits: [UInt64]
    private let lastBits: [UInt64]

    init(_ list: [String]) {
        let words = list.map { $0.unicodeScalars.map(\.value) }.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        var first: [UInt32: [[UInt32]]] = [:]
        var last: [UInt32: [[UInt32]]] = [:]
        var firstBits = [UInt64](repeating: 0, count: 1024)
        var lastBits = [UInt64](repeating: 0, count: 1024)
        for w in words {
            first[w[0], default: []].append(w)
            last[w[w.count - 1], default: []].append(w)
            if w[0] < 0x10000 { firstBits[Int(w[0] >> 6)] |= 1 << UInt64(w[0] & 63) }
            let l = w[w.count - 1]
            if l < 0x10000 { lastBits[Int(l >> 6)] |= 1 << UInt64(l & 63) }
        }
        byFirst = first
        byLast = last
        self.firstBits = firstBits
        self.lastBits = lastBits
    }

    /// Whether some word may start with `c`.
    @inline(__always) func mayStart(_ c: UInt32) -> Bool {
        c >= 0x10000 || firstBits[Int(c >> 6)] & (1 << UInt64(c & 63)) != 0
    }

    /// Whether some word may end with `c`.
    @inline(__always) func mayEnd(_ c: UInt32) -> Bool {
        c >= 0x10000 || lastBits[Int(c >> 6)] & (1 << UInt64(c & 63)) != 0
    }
}

extension LineText {
    /// The longest word of `set` that starts at `lo` and ends by `hi`.
    func prefix(_ set: WordSet, _ lo: Int, _ hi: Int) -> [UInt32]? {
        guard lo >= 0, lo < hi, set.mayStart(norm[lo]), let candidates = set.byFirst[norm[lo]] else { return nil }
        return candidates.first { matches($0, at: lo, hi) }
    }

    /// The longest word of `set` that ends at `hi` and starts at or after `lo`.
    func suffix(_ set: WordSet, _ lo: Int, _ hi: Int) -> [UInt32]? {
        guard hi > lo, hi <= norm.count, set.mayEnd(norm[hi - 1]), let candidates = set.byLast[norm[hi - 1]] else {
            return nil
        }
        return candidates.first { hi - $0.count >= lo && matches($0, at: hi - $0.count, hi) }
    }

    /// Where the first word of `set` in `lo..<hi` starts.
    func firstPosition(of set: WordSet, _ lo: Int, _ hi: Int) -> Int? {
        var k = lo
        while k < hi {
            if set.mayStart(norm[k]), let candidates = set.byFirst[norm[k]],
                candidates.contains(where: { matches($0, at: k, hi) })
            {
                return k
            }
            k += 1
        }
        return nil
    }

    func containsAny(_ set: WordSet, _ lo: Int, _ hi: Int) -> Bool {
        firstPosition(of: set, lo, hi) != nil
    }
}

extension LineText {
    /// Whether a word of `set` starts at `k` in `norm`.
    static func startsWith(_ set: WordSet, _ norm: [UInt32], _ k: Int, _ hi: Int) -> Bool {
        guard k < hi, set.mayStart(norm[k]), let candidates = set.byFirst[norm[k]] else { return false }
        return candidates.contains { w in
            guard k + w.count <= hi else { return false }
            for (n, c) in w.enumerated() where norm[k + n] != c { return false }
            return true
        }
    }
}
