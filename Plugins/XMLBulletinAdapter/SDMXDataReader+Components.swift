import CLibXML2
import IndicatorKit

/// Components: generic `Value`s, 3.0 `Comp` elements, text content and XML attributes.
extension SDMXDataReader {
    // MARK: - Components

    /// A generic `<Value id|concept="…" value="…"/>`.
    func addValue(node: XMLElementStart) throws {
        guard let id = node.attribute(aID) ?? node.attribute(aConcept) else { return }
        let value = node.attribute(aValue) ?? ""
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

    func startComp(node: XMLElementStart, depth: Int, forObs: Bool) {
        let id = node.attribute(aID) ?? "COMP"
        compTextDone = false
        textTarget = ("\u{0}comp", depth, .attribute, forObs)
        stream.deliverCharacters(true)
        compValues = [id]
        textBuffer.removeAll(keepingCapacity: true)
    }

    func startText(name: String, depth: Int, role: ComponentNames.Role, forObs: Bool) {
        textTarget = (name, depth, role, forObs)
        stream.deliverCharacters(true)
        textBuffer.removeAll(keepingCapacity: true)
    }

    func appendText(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        if textTarget?.name == "\u{0}comp" {
            // Only the first text of a Value (the first language of a multilingual one); white
            // space between its elements is no text.
            if compTextDone { return }
            if textBuffer.isEmpty && bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
                return
            }
        }
        let n = bytes.count
        if textBuffer.count + n > maxText {
            throw AdapterError(
                .limitExceeded,
                "\(stream.name):\(stream.line): a component's text is longer than \(maxText) bytes; raise option max-text if the file is right"
            )
        }
        textBuffer.append(contentsOf: bytes)
    }

    func finishText() {
        guard let target = textTarget else { return }
        textTarget = nil
        stream.deliverCharacters(false)
        var pair: Pair
        if target.name == "\u{0}comp" {
            guard compValues.count > 1 else { return }
            pair = Pair(name: compValues[0], value: compValues.dropFirst().joined(separator: ";"), role: .attribute)
        } else {
            let value = String(decoding: textBuffer, as: UTF8.self).trimmingWhitespace()
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
    func collectXMLAttributes(_ node: XMLElementStart, into pairs: inout [Pair]) {
        for i in 0..<node.attributeCount where node.attributeNamespace(i) == nil {
            let info = cachedName(node.attributeName(i))
            if info.role == .technical || info.role == .measure { continue }
            pairs.append(
                Pair(name: info.name, value: node.attributeValue(i), role: info.role, special: info.special))
        }
    }

}
