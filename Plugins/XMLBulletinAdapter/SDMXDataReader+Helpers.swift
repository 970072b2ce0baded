import CLibXML2
import IndicatorKit

/// Name lookup, attribute values, periods and the element path for messages.
extension SDMXDataReader {
    // MARK: - Helpers

    @inline(__always)
    func cachedName(_ p: UnsafePointer<xmlChar>) -> NameInfo {
        let key = UnsafeRawPointer(p)
        for entry in recentNames where entry.0 == key { return entry.1 }
        if let hit = nameCache[key] { return hit }
        let name = String(cString: p)
        let info = NameInfo(name: name, role: components.role(ofXMLAttribute: name), special: Special(name))
        nameCache[key] = info
        if recentNames.count < 48 { recentNames.append((key, info)) }
        return info
    }

    /// The attribute's value as a string, reusing the string made for the same name and bytes
    /// last time (`OBS_STATUS="A"` a million times).
    @inline(__always)
    func recentValue(_ bytes: UnsafeBufferPointer<UInt8>, key: UnsafePointer<xmlChar>) -> String {
        guard let (k0, k1) = Self.pack(bytes) else { return String(decoding: bytes, as: UTF8.self) }
        let raw = UnsafeRawPointer(key)
        for i in recentValues.indices where recentValues[i].name == raw {
            if recentValues[i].k0 == k0 && recentValues[i].k1 == k1 { return recentValues[i].value }
            let value = String(decoding: bytes, as: UTF8.self)
            recentValues[i] = (raw, k0, k1, value)
            return value
        }
        let value = String(decoding: bytes, as: UTF8.self)
        if recentValues.count < 32 { recentValues.append((raw, k0, k1, value)) }
        return value
    }

    func stringName(_ p: UnsafePointer<xmlChar>) -> String { cachedName(p).name }

    /// Sibling groups are kept for the whole data set; this bounds their memory.
    static let maxSiblingGroups = 200_000

    /// The period for `text`.
    func period(_ text: String) -> Period {
        var text = text
        return text.withUTF8 { periods.period(bytes: $0).1 }
    }

    func currentPath() -> String {
        if pathChanged {
            pathChanged = false
            var s = ""
            for step in pathStack {
                s += "/"
                if let prefix = step.prefix {
                    s += String(cString: prefix)
                    s += ":"
                }
                s += String(cString: step.localName)
            }
            cachedPath = s
        }
        return cachedPath
    }
}
