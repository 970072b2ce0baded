import CLibXML2
import IndicatorKit

/// Components: generic `Value`s, 3.0 `Comp` elements, text content and XML attributes.
extension SDMXDataReader {
    // MARK: - Components

    /// A generic `<Value id|concept="…" value="…"/>`.
    func addValue(node: xmlNodePtr) throws {
        guard let id = attribute(node, aID) ?? attribute(node, aConcept) else { return }
        let value = attribute(node, aValue) ?? ""
        switch valueTarget {
        case .none:
            return
        case .key:
            guard !scopes.isEmpty else { return }
            scopes[scopes.count - 1].pairs.append(
                Pair(name: id, value: value, role: components.role(ofKeyComponent: id)))
            context = nil
        case .attributes:
            guard !scopes.isEmpty else { return }
            let role: ComponentNames.Role = components.isTime(id) ? .time : .attribute
            scopes[scopes.count - 1].pairs.append(Pair(name: id, value: value, role: role))
            context = nil
        case .obsKey:
            obsPairs.append(Pair(name: id, value: value, role: components.role(ofKeyComponent: id)))
        case .obsAttributes:
            obsPairs.append(Pair(name: id, value: value, role: .attribute))
        }
    }

    func startComp(node: xmlNodePtr, depth: Int, forObs: Bool) {
        let id = attribute(node, aID) ?? "COMP"
        textTarget = ("\u{0}comp", depth, .attribute, forObs)
        compValues = [id]
        textBuffer.removeAll(keepingCapacity: true)
    }

    func startText(name: String, depth: Int, role: ComponentNames.Role, forObs: Bool) {
        textTarget = (name, depth, role, forObs)
        textBuffer.removeAll(keepingCapacity: true)
    }

    func appendText() throws {
        guard let v = stream.value else { return }
        if textTarget?.name == "\u{0}comp" {
            // Only the first text of a Value (the first language of a multilingual one).
            if stream.nodeType == XMLStream.NodeType.significantWhitespace || !textBuffer.isEmpty { return }
        }
        let n = Int(xmlStrlen(v))
        if textBuffer.count + n > maxText {
            throw AdapterError(
                .limitExceeded,
                "\(stream.name):\(stream.line): a component's text is longer than \(maxText) bytes; raise option max-text if the file is right"
            )
        }
        textBuffer.append(contentsOf: UnsafeBufferPointer(start: v, count: n))
    }

    func finishText() {
        guard let target = textTarget else { return }
        textTarget = nil
        var pair: Pair
        if target.name == "\u{0}comp" {
            guard compValues.count > 1 else { return }
            pair = Pair(name: compValues[0], value: compValues.dropFirst().joined(separator: ";"), role: .attribute)
        } else {
            let value = String(decoding: textBuffer, as: UTF8.self).trimmedSpace()
            pair = Pair(name: target.name, value: value, role: target.role)
        }
        if target.forObs {
            if pair.role == .measure { obsValueText = pair.value } else { obsPairs.append(pair) }
        } else if !scopes.isEmpty {
            if pair.role == .measure { pair.role = .attribute }
            scopes[scopes.count - 1].pairs.append(pair)
            context = nil
        }
    }

    /// Appends the element's own XML attributes (no namespace, no plumbing) as components.
    func collectXMLAttributes(_ node: xmlNodePtr, into pairs: inout [Pair]) {
        var attr = node.pointee.properties
        while let a = attr {
            defer { attr = a.pointee.next }
            guard a.pointee.ns == nil, let namePtr = a.pointee.name else { continue }
            let info = cachedName(namePtr)
            if info.role == .technical || info.role == .measure { continue }
            pairs.append(Pair(name: info.name, value: attributeValue(a), role: info.role, special: info.special))
        }
    }

}
