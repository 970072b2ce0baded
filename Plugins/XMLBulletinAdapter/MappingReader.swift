import CLibXML2
import IndicatorKit

/// Reads any XML bulletin through a `MappingSpec`: each record element becomes one observation.
///
/// The record's XML attributes are kept as the observation's attributes. A value of `XX` or `***`
/// is a masked figure (`redacted`); `NaN`, `-`, `..` or an empty value is a missing one; anything
/// else that is no number is an error naming the line.
final class MappingReader: XMLEventHandler {
    let stream: XMLStream
    let spec: MappingSpec
    let input: SourceInput
    let sink: RecordSink
    let defaultKind: FigureKind
    let maxText: Int

    private var stack: [(local: String, qualified: String)] = []
    private var ancestorValues: [String: String] = [:]
    private var record: OpenRecord?
    private(set) var emitted = 0

    private struct OpenRecord {
        var depth: Int
        var line: Int
        var path: String
        var attributes: [String: String] = [:]
        var values: [String: String] = [:]
        /// The field whose text is being collected, and the element depth it sits at.
        var textField: (field: String, depth: Int)?
        var text: [UInt8] = []
    }

    init(
        stream: XMLStream, spec: MappingSpec, input: SourceInput, sink: RecordSink, defaultKind: FigureKind,
        maxText: Int
    ) {
        self.stream = stream
        self.spec = spec
        self.input = input
        self.sink = sink
        self.defaultKind = defaultKind
        self.maxText = maxText
    }

    func startElement(_ element: XMLElementStart) throws { try start(element) }

    func endElement(localName: UnsafePointer<xmlChar>?, depth: Int) throws { try end(depth: depth) }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws { try text(bytes) }

    private static func matches(_ step: String, _ element: (local: String, qualified: String)) -> Bool {
        step == "*" || step == element.local || step == element.qualified
    }

    /// Takes a start tag, the root element's included.
    func start(_ node: XMLElementStart) throws {
        let depth = node.depth
        let local = String(cString: node.localName)
        let qualified = node.prefix == nil ? local : node.qualifiedName
        if stack.count > depth { stack.removeSubrange(depth...) }
        stack.append((local, qualified))

        if var open = record {
            // A descendant of the record.
            let relative = Array(stack[(open.depth + 1)...])
            for (field, source) in spec.fields where open.values[field] == nil {
                switch source {
                case .childText(let steps) where steps.count == relative.count:
                    if zip(steps, relative).allSatisfy({ Self.matches($0, $1) }), open.textField == nil {
                        open.textField = (field, depth)
                        open.text.removeAll()
                    }
                case .childAttribute(let steps, let name) where steps.count == relative.count:
                    if zip(steps, relative).allSatisfy({ Self.matches($0, $1) }), let v = node.attribute(named: name) {
                        open.values[field] = v
                    }
                default: break
                }
            }
            record = open
            return
        }

        for (field, source) in spec.fields {
            if case .ancestorAttribute(let steps, let name) = source, steps.count == stack.count,
                zip(steps, stack).allSatisfy({ Self.matches($0, $1) })
            {
                ancestorValues[field] = node.attribute(named: name)
            }
        }
        let isRecord: Bool
        if spec.recordAnywhere {
            isRecord =
                stack.count >= spec.recordSteps.count
                && zip(spec.recordSteps, stack.suffix(spec.recordSteps.count)).allSatisfy { Self.matches($0, $1) }
        } else {
            isRecord =
                stack.count == spec.recordSteps.count
                && zip(spec.recordSteps, stack).allSatisfy { Self.matches($0, $1) }
        }
        guard isRecord else { return }
        var open = OpenRecord(
            depth: depth, line: node.line, path: "/" + stack.map(\.qualified).joined(separator: "/"))
        for i in 0..<node.attributeCount {
            open.attributes[String(cString: node.attributeName(i))] = node.attributeValue(i)
        }
        for (field, source) in spec.fields {
            switch source {
            case .attribute(let name): open.values[field] = open.attributes[name]
            case .constant(let v): open.values[field] = v
            case .ancestorAttribute: open.values[field] = ancestorValues[field]
            case .ownText: if open.textField == nil { open.textField = (field, depth) }
            default: break
            }
        }
        record = open
    }

    private func text(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard var open = record, let field = open.textField else { return }
        let n = bytes.count
        if open.text.count + n > maxText {
            throw AdapterError(
                .limitExceeded,
                "\(stream.name):\(stream.line): the text of field \(field.field) is longer than \(maxText) bytes; raise option max-text if the file is right"
            )
        }
        record = nil  // keep the buffer uniquely referenced while appending
        open.text.append(contentsOf: bytes)
        record = open
    }

    private func end(depth: Int) throws {
        guard var open = record else { return }
        if let field = open.textField, field.depth == depth {
            open.values[field.field] = String(decoding: open.text, as: UTF8.self).trimmingWhitespace()
            open.textField = nil
            open.text.removeAll()
        }
        record = open
        if depth == open.depth {
            record = nil
            try emit(open)
        }
    }

    private func emit(_ open: OpenRecord) throws {
        let at = "\(stream.name):\(open.line)"
        func describe(_ field: String) -> String {
            switch spec.fields[field] {
            case .attribute(let n): "@\(n)"
            case .childText(let s): s.joined(separator: "/")
            case .childAttribute(let s, let n): s.joined(separator: "/") + "/@\(n)"
            case .ownText: "."
            case .ancestorAttribute(let s, let n): "/" + s.joined(separator: "/") + "/@\(n)"
            case .constant(let v): "=\(v)"
            case nil: field
            }
        }
        func value(_ field: String) -> String? {
            guard let v = open.values[field], !v.isEmpty else { return nil }
            return v
        }
        let indicator = value("indicator")
        guard let subject = value("subject") ?? indicator else {
            throw AdapterError(
                .malformedInput, "\(at): the record has no subject at '\(describe("subject"))'; check option subject")
        }
        guard let periodText = value("period") ?? input.period else {
            throw AdapterError(
                .malformedInput,
                "\(at): the record has no period\(spec.fields["period"] == nil ? "" : " at '\(describe("period"))'"); set option period (e.g. period: /bulletin/@year or period: =2022)"
            )
        }
        var quantityValue: Double?
        var redacted = false
        let rawValue = open.values["value"] ?? ""
        switch NumberText.parse(rawValue, allowGrouping: true) {
        case .number(let v): quantityValue = v
        case .missing: break
        case .masked: redacted = true
        case .notANumber:
            throw AdapterError(
                .malformedInput,
                "\(at): value '\(rawValue)' at '\(describe("value"))' is not a number; check option value")
        }
        var kind = defaultKind
        if let k = value("kind") {
            guard let parsed = FigureKind(rawValue: k.lowercased()) else {
                throw AdapterError(.malformedInput, "\(at): kind '\(k)' is not level, growth, change or share")
            }
            kind = parsed
        }
        let observation = Observation(
            subject: subject, indicator: indicator, kind: kind,
            quantity: Quantity(value: quantityValue, unit: value("unit") ?? ""), period: Period(unchecked: periodText),
            region: value("region") ?? input.region, redacted: redacted, text: nil,
            location: SourceLocation(line: open.line, path: open.path), attributes: open.attributes)
        try sink.emit(observation)
        emitted += 1
    }
}
