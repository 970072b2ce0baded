import Foundation
import IndicatorKit
import Storage

extension RunChanges {
    /// The goals that are new, gone, or changed status or actual from `before` to `after` (the same
    /// comparison `yardstick diff` prints).
    static func between(_ before: [StoredCheck], _ after: [StoredCheck]) -> [Change] {
        let old = Dictionary(before.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        var out: [Change] = []
        var seen = Set<String>()
        for c in after {
            let k = key(c)
            seen.insert(k)
            guard let o = old[k] else {
                out.append(Change(kind: .new, subject: c.subject, before: nil, after: describe(c)))
                continue
            }
            if o.status != c.status || o.actual != c.actual {
                out.append(Change(kind: .changed, subject: c.subject, before: describe(o), after: describe(c)))
            }
        }
        for o in before where !seen.contains(key(o)) {
            out.append(Change(kind: .gone, subject: o.subject, before: describe(o), after: nil))
        }
        return out
    }

    static func key(_ c: StoredCheck) -> String {
        "\(c.indicator ?? "")|\(c.subject)|\(c.target.map { "\($0)" } ?? "")|\(c.unit ?? "")"
    }

    /// "missed (actual 8.1 %)".
    static func describe(_ c: StoredCheck) -> String {
        guard let v = c.actual else { return c.status }
        return "\(c.status) (\(JSONText.format(v))\(c.unit.map { " \($0)" } ?? ""))"
    }
}
