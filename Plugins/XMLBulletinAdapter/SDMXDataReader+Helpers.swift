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
    func recentValue(_ a: UnsafeMutablePointer<xmlAttr>, key: UnsafePointer<xmlChar>) -> String {
        guard let child = a.pointee.children, child.pointee.next == nil, let content = child.pointee.content else {
            return attributeValue(a)
        }
        var k0: UInt64 = 0
        var k1: UInt64 = 0
        var n = 0
        while n < 16, content[n] != 0 {
            if n < 8 {
                k0 |= UInt64(content[n]) << (8 * UInt64(n))
            } else {
                k1 |= UInt64(content[n]) << (8 * UInt64(n - 8))
            }
            n += 1
        }
        if n == 16 && content[16] != 0 { return String(cString: content) }
        let raw = UnsafeRawPointer(key)
        for i in recentValues.indices where recentValues[i].name == raw {
            if recentValues[i].k0 == k0 && recentValues[i].k1 == k1 { return recentValues[i].value }
            let value = String(decoding: UnsafeBufferPointer(start: content, count: n), as: UTF8.self)
            recentValues[i] = (raw, k0, k1, value)
            return value
        }
        let value = String(decoding: UnsafeBufferPointer(start: content, count: n), as: UTF8.self)
        if recentValues.count < 32 { recentValues.append((raw, k0, k1, value)) }
        return value
    }

    func stringName(_ p: UnsafePointer<xmlChar>) -> String { cachedName(p).name }

    /// The value of the attribute named by the interned `name` (no namespace), if present.
    func attribute(_ node: xmlNodePtr, _ name: UnsafePointer<xmlChar>) -> String? {
        var attr = node.pointee.properties
        while let a = attr {
            if a.pointee.name == name || xmlStrEqual(a.pointee.name, name) != 0 { return attributeValue(a) }
            attr = a.pointee.next
        }
        return nil
    }

    /// Sibling groups are kept for the whole data set; this bounds their memory.
    static let maxSiblingGroups = 200_000

    /// The period for `text`.
    func period(_ text: String) -> Period {
        text.withCString { periods.period(bytes: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)).1 }
    }

    func currentPath() -> String {
        if pathChanged {
            pathChanged = false
            var s = ""
            for p in pathStack {
                s += "/"
                s += String(cString: p)
            }
            cachedPath = s
        }
        return cachedPath
    }
}

/// The text of an attribute node.
@inline(__always)
func attributeValue(_ a: UnsafeMutablePointer<xmlAttr>) -> String {
    if let child = a.pointee.children, child.pointee.next == nil, let content = child.pointee.content {
        return String(cString: content)
    }
    guard let children = a.pointee.children, let joined = xmlNodeListGetString(a.pointee.doc, children, 1) else {
        return ""
    }
    defer { free(joined) }
    return String(cString: joined)
}

extension String {
    /// The string without leading and trailing white space.
    func trimmedSpace() -> String {
        var u = Substring(self)
        while let f = u.first, f.isWhitespace { u = u.dropFirst() }
        while let l = u.last, l.isWhitespace { u = u.dropLast() }
        return String(u)
    }
}
