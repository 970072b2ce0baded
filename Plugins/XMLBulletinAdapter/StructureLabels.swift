import CLibXML2
import IndicatorKit

/// What an SDMX structure message (option `structure`: a DSD and/or codelists, SDMX-ML 2.0, 2.1 or
/// 3.0) tells about a data message: which components are dimensions, in which order, and the
/// names of their codes.
///
/// Each labelled component `C` gets an attribute `label.C` with the name of its code (English when
/// the structure has several languages). A component's codelist is the one its DSD entry names, or
/// else `CL_C`.
final class StructureLabels: Sendable {
    let components: ComponentNames
    /// Codelist id → code id → name.
    let codelists: [String: [String: String]]
    /// Component id → codelist id.
    let componentCodelists: [String: String]

    init(components: ComponentNames, codelists: [String: [String: String]], componentCodelists: [String: String]) {
        self.components = components
        self.codelists = codelists
        self.componentCodelists = componentCodelists
    }

    /// The name of `code` in the codelist of `component`.
    func label(component: String, code: String) -> String? {
        let list = componentCodelists[component] ?? "CL_" + component
        return codelists[list]?[code]
    }

    /// Adds `label.C` attributes for the pairs whose codes have names.
    func addLabels(for pairs: [(String, String)], to attributes: inout [String: String]) {
        for (name, value) in pairs {
            if let l = label(component: name, code: value) { attributes["label." + name] = l }
        }
    }

    /// Reads a structure file in one streaming pass.
    static func load(path: String, maxDepth: Int) throws -> StructureLabels {
        let stream = try XMLStream(path: path, name: path, maxDepth: maxDepth)
        let loader = Loader()
        try stream.parse(with: loader)
        return loader.result()
    }

    private final class Loader: XMLEventHandler {
        var components = ComponentNames()
        var codelists: [String: [String: String]] = [:]
        var componentCodelists: [String: String] = [:]
        var dimensionOrder: [String] = []
        var seenDSD = false

        // Open things.
        var codelist: String?
        var code: String?
        var codeName: String?
        var codeNameIsEnglish = false
        var nameDepth: Int?
        var nameIsEnglish = false
        var nameText: [UInt8] = []
        var component: (id: String, kind: String, depth: Int)?
        var inEnumeration: Int?
        var enumerationText: [UInt8] = []
        var dsdDepth: Int?

        func isEnglish(_ node: XMLElementStart) -> Bool {
            node.attribute(named: "lang").map { $0.hasPrefix("en") } ?? true
        }

        func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
            if nameDepth != nil, nameText.count < 4096 {
                nameText.append(contentsOf: bytes)
            } else if inEnumeration != nil, enumerationText.count < 4096 {
                enumerationText.append(contentsOf: bytes)
            }
        }

        func result() -> StructureLabels {
            for (i, d) in dimensionOrder.enumerated() where components.dimensions[d] == nil {
                components.dimensions[d] = i
            }
            return StructureLabels(components: components, codelists: codelists, componentCodelists: componentCodelists)
        }

        func startElement(_ node: XMLElementStart) {
            let name = String(cString: node.localName)
            let depth = node.depth
            switch name {
            case "Codelist", "CodeList":
                codelist = node.attribute(named: "id")
                if codelist != nil, codelists[codelist!] == nil { codelists[codelist!] = [:] }
            case "Code" where codelist != nil:
                code = node.attribute(named: "id") ?? node.attribute(named: "value")
                codeName = nil
                codeNameIsEnglish = false
            case "Name" where code != nil && component == nil, "Description" where code != nil && component == nil:
                if name == "Description" && codeName != nil { break }
                nameDepth = depth
                nameIsEnglish = isEnglish(node)
                nameText.removeAll()
            case "DataStructure", "KeyFamily":
                dsdDepth = depth
            case "Dimension", "TimeDimension", "Attribute", "PrimaryMeasure", "Measure", "DataAttribute",
                "MeasureDimension":
                guard dsdDepth != nil, !seenDSD else { break }
                let id = node.attribute(named: "id") ?? node.attribute(named: "conceptRef") ?? ""
                guard !id.isEmpty else { break }
                component = (id, name, depth)
                if let cl = node.attribute(named: "codelist") { componentCodelists[id] = cl }
                switch name {
                case "TimeDimension": components.timeDimension = id
                case "Attribute", "DataAttribute": components.attributes.insert(id)
                case "PrimaryMeasure", "Measure": components.measure = id
                default: dimensionOrder.append(id)
                }
            case "Enumeration" where component != nil:
                inEnumeration = depth
                enumerationText.removeAll()
            case "Ref" where inEnumeration != nil:
                if let comp = component, let id = node.attribute(named: "id") { componentCodelists[comp.id] = id }
            default:
                break
            }
        }

        func endElement(localName: UnsafePointer<xmlChar>?, depth: Int) {
            if let d = nameDepth, d == depth {
                nameDepth = nil
                let text = String(decoding: nameText, as: UTF8.self).trimmingWhitespace()
                if codeName == nil || (nameIsEnglish && !codeNameIsEnglish) {
                    codeName = text
                    codeNameIsEnglish = nameIsEnglish
                }
                return
            }
            if let d = inEnumeration, d == depth {
                inEnumeration = nil
                // 3.0: <Enumeration>urn:…Codelist=ECB:CL_FREQ(1.0)</Enumeration>
                let text = String(decoding: enumerationText, as: UTF8.self).trimmingWhitespace()
                if let comp = component, let eq = text.lastIndex(of: ":"), text.contains("Codelist=") {
                    var id = String(text[text.index(after: eq)...])
                    if let paren = id.firstIndex(of: "(") { id = String(id[..<paren]) }
                    componentCodelists[comp.id] = id
                }
                return
            }
            if let comp = component, comp.depth == depth {
                component = nil
                return
            }
            if let d = dsdDepth, d == depth {
                dsdDepth = nil
                if !dimensionOrder.isEmpty { seenDSD = true }
                return
            }
            guard let name = localName.map({ String(cString: $0) }) else { return }
            if name == "Code", let c = code, let list = codelist {
                codelists[list]?[c] = codeName ?? c
                code = nil
            } else if name == "Codelist" || name == "CodeList" {
                codelist = nil
            }
        }
    }
}
