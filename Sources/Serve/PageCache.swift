import Foundation
import Hummingbird

/// Rendered responses kept until the store changes (its fingerprint), so repeated requests cost a
/// lookup, not a render. Bounded: when full it starts over.
final class PageCache: @unchecked Sendable {
    private let lock = NSLock()
    private var fingerprint = ""
    private var entries: [String: ByteBuffer] = [:]
    private let capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The cached body for `key` under `fingerprint`, or the one `make` renders (nil: no such page,
    /// not cached).
    func body(_ key: String, fingerprint current: String, make: () throws -> String?) rethrows -> ByteBuffer? {
        lock.lock()
        if fingerprint != current {
            fingerprint = current
            entries.removeAll(keepingCapacity: true)
        }
        if let hit = entries[key] {
            lock.unlock()
            return hit
        }
        lock.unlock()
        guard let text = try make() else { return nil }
        let buffer = ByteBuffer(string: text)
        lock.lock()
        if fingerprint == current {
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = buffer
        }
        lock.unlock()
        return buffer
    }
}
