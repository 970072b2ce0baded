import IndicatorKit

/// Periods by their text, without hashing a string per observation.
///
/// Texts of up to 16 bytes are packed into two integers. Entries are kept in the order they were
/// first met, and the entry after the last one found is tried first: a series lists its periods in
/// the order an earlier series of the same frequency did, so most look-ups touch one neighbouring
/// entry. Others go through a small open-addressing index. Memory stays bounded: past `capacity`
/// entries the table starts over.
final class PeriodTable {
    private struct Entry {
        var text: String?
        var period: Period
    }

    /// The packed keys of `entries`, apart so that a look-up reads no strings.
    @exclusivity(unchecked) private var keys: ContiguousArray<(UInt64, UInt64)> = []
    @exclusivity(unchecked) private var entries: ContiguousArray<Entry> = []
    @exclusivity(unchecked) private var slots: [Int32]
    private let mask: Int
    @exclusivity(unchecked) private var last = -1
    let capacity: Int

    init(capacity: Int = 1 << 15) {
        self.capacity = capacity
        var size = 1
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        entries.reserveCapacity(capacity)
        keys.reserveCapacity(capacity)
    }

    /// The period for the UTF-8 `bytes`, and its text as a string when the period writes it
    /// differently (nil when the text is the period's `rawValue`).
    @inline(__always)
    func period(bytes: UnsafeBufferPointer<UInt8>) -> (String?, Period) {
        guard let (key0, key1) = SDMXDataReader.pack(bytes) else {
            let text = String(decoding: bytes, as: UTF8.self)
            let period = Period(unchecked: text)
            return (text == period.rawValue ? nil : text, period)
        }
        let next = last + 1
        if next < keys.count, keys[next] == (key0, key1) {
            last = next
            return (entries[next].text, entries[next].period)
        }
        var h = (key0 &* 0x9E37_79B9_7F4A_7C15) ^ (key1 &* 0xC2B2_AE3D_27D4_EB4F)
        h ^= h >> 29
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let i = Int(slots[slot])
            if i < 0 { break }
            if keys[i] == (key0, key1) {
                last = i
                return (entries[i].text, entries[i].period)
            }
            slot = (slot + 1) & mask
        }
        let whole = String(decoding: bytes, as: UTF8.self)
        let period = Period(unchecked: whole)
        let text: String? = whole == period.rawValue ? nil : whole
        if entries.count >= capacity {
            entries.removeAll(keepingCapacity: true)
            keys.removeAll(keepingCapacity: true)
            last = -1
            for k in slots.indices { slots[k] = -1 }
            return (text, period)
        }
        slots[slot] = Int32(entries.count)
        last = entries.count
        keys.append((key0, key1))
        entries.append(Entry(text: text, period: period))
        return (text, period)
    }
}
