import CLibXML2
import IndicatorKit

/// Turns the observations of an SDMX-ML data message into observation records, one by one.
///
/// One state machine reads every flavour: the generic forms (2.0 and 2.1: `SeriesKey`/`ObsKey`/
/// `Attributes` with `Value` children, `ObsDimension`, `ObsValue`, 2.0 `Time`), the
/// structure-specific and compact forms (2.0 compact, 2.1 and 3.0 structure-specific: components as
/// XML attributes, 3.0 `Comp` elements), 2.0 utility data (components as child elements), 2.0 message
/// groups and cross-sectional data. Components are inherited from the data set, enclosing groups,
/// sibling groups whose key matches the series, and the series, down to each observation.
///
/// SourceRecord fields:
/// - `subject`: the dimension values of the series and observation (time excluded) joined with
///   "." in the order they appear (DSD order with option `structure`): the SDMX series key.
/// - `quantity`: `OBS_VALUE` × 10^`UNIT_MULT`; `nil` when missing (`NaN`, empty, absent,
///   `OBS_STATUS` M). Unit from `UNIT_MEASURE` or `UNIT`, else "".
/// - `period`: `TIME_PERIOD` (or `TIME`, the DSD's time dimension, a 2.0 `Time`).
/// - `region`: `REF_AREA` or `GEO`; `kind`: a `KIND` attribute when it names a kind, else level.
/// - `attributes`: every dimension and attribute, inherited ones included, as strings.
/// - `location`: the `Obs` element's line and element path.
final class SDMXDataReader {
    struct Pair {
        var name: String
        var value: String
        var role: ComponentNames.Role
        var special: Special

        init(name: String, value: String, role: ComponentNames.Role, special: Special? = nil) {
            self.name = name
            self.value = value
            self.role = role
            self.special = special ?? Special(name)
        }
    }

    /// Components that set a record field.
    enum Special {
        case none, status, unitMultiplier, unit, unitMeasure, region, kind

        init(_ name: String) {
            switch name {
            case "OBS_STATUS": self = .status
            case "UNIT_MULT": self = .unitMultiplier
            case "UNIT", "unit": self = .unit
            case "UNIT_MEASURE": self = .unitMeasure
            case "REF_AREA", "GEO", "geo": self = .region
            case "KIND": self = .kind
            default: self = .none
            }
        }
    }

    /// A component name met as an XML attribute.
    struct NameInfo {
        var name: String
        var role: ComponentNames.Role
        var special: Special
    }

    /// An open element of the data set that carries components (data set, group, series, section).
    struct Scope {
        enum ScopeKind { case dataSet, group, series, other }
        var depth: Int
        var kind: ScopeKind
        var pairs: [Pair] = []
        var containsSeries = false
    }

    /// A sibling group: its key selects the series its attributes apply to.
    struct SiblingGroup {
        var key: [Pair]
        var attributes: [Pair]
    }

    /// Where `Value` elements currently go.
    enum ValueTarget { case none, key, attributes, obsKey, obsAttributes }

    let stream: XMLStream
    let profile: Profile
    let input: SourceInput
    let sink: RecordSink
    let components: ComponentNames
    let labels: StructureLabels?
    let maxText: Int

    // Interned element and attribute names.
    private let nDataSet, nGroup, nSeries, nObs, nSeriesKey, nGroupKey, nObsKey, nAttributes,
        nValue: UnsafePointer<xmlChar>
    private let nObsDimension, nObsValue, nTime, nKey, nStructure, nComp, nText: UnsafePointer<xmlChar>
    private let aID, aConcept, aValue, aDimensionAtObservation, aLang: UnsafePointer<xmlChar>

    // State.
    @exclusivity(unchecked) private var dimensionAtObservation: String?
    @exclusivity(unchecked) private var dataSetDepth: Int?
    @exclusivity(unchecked) private var scopes: [Scope] = []
    @exclusivity(unchecked) private var siblingGroups: [SiblingGroup] = []
    @exclusivity(unchecked) private var valueTarget = ValueTarget.none
    @exclusivity(unchecked) private var obsDepth: Int?
    @exclusivity(unchecked) private var obsPairs: [Pair] = []
    @exclusivity(unchecked) private var obsValueText: String?
    /// The value, when read straight from the XML attribute.
    @exclusivity(unchecked) private var obsParsed: NumberText.Parsed?
    /// The period, when read straight from the XML attribute.
    @exclusivity(unchecked) private var obsPeriod: Period?
    @exclusivity(unchecked) private var obsLine = 0
    @exclusivity(unchecked) private var obsPath = ""
    /// Text being collected for a component written as a child element (utility data, 2.0 `Time`, 3.0 `Comp`).
    @exclusivity(unchecked) private var textTarget: (name: String, depth: Int, role: ComponentNames.Role, forObs: Bool)?
    @exclusivity(unchecked) private var textBuffer: [UInt8] = []
    @exclusivity(unchecked) private var compValues: [String] = []

    // Caches.
    @exclusivity(unchecked) private var nameCache: [UnsafeRawPointer: NameInfo] = [:]
    @exclusivity(unchecked) private var recentValues:
        [(name: UnsafeRawPointer, k0: UInt64, k1: UInt64, value: String)] = []
    @exclusivity(unchecked) private var obsNames: [(UnsafeRawPointer, NameInfo)] = []
    @exclusivity(unchecked) private var recentNames: [(UnsafeRawPointer, NameInfo)] = []
    @exclusivity(unchecked) private var context: Context?
    /// An observation's XML attributes by name and packed value, to tell it repeats the last one's.
    struct SignatureEntry: Equatable {
        var name: UnsafeRawPointer
        var k0: UInt64
        var k1: UInt64
    }

    /// What the last observation's attributes gave, reused while the next ones repeat them.
    final class Derived {
        var status: String?
        var unit: String
        var region: String?
        var kind: FigureKind
        var multiplier: Int
        var subject: String

        init(status: String?, unit: String, region: String?, kind: FigureKind, multiplier: Int, subject: String) {
            self.status = status
            self.unit = unit
            self.region = region
            self.kind = kind
            self.multiplier = multiplier
            self.subject = subject
        }
    }

    @exclusivity(unchecked) private var lastContext: Context?
    @exclusivity(unchecked) private var lastAttributes: [String: String] = [:]
    @exclusivity(unchecked) private var lastDerived: Derived?
    @exclusivity(unchecked) private var signature: [SignatureEntry] = []
    @exclusivity(unchecked) private var lastSignature: [SignatureEntry] = []
    @exclusivity(unchecked) private var signatureCount = 0
    @exclusivity(unchecked) private var lastSignatureCount = 0
    @exclusivity(unchecked) private var signatureUsable = false
    @exclusivity(unchecked) private var pendingAttributes: [UnsafeMutablePointer<xmlAttr>] = []
    @exclusivity(unchecked) private var pendingCount = 0
    @exclusivity(unchecked) private var obsRepeatsLast = false
    @exclusivity(unchecked) private var obsTimeText: String?
    private let periods = PeriodTable()
    @exclusivity(unchecked) private var pathStack: [UnsafePointer<xmlChar>] = []
    @exclusivity(unchecked) private var pathChanged = true
    @exclusivity(unchecked) private var cachedPath = ""
    @exclusivity(unchecked) private(set) var emitted = 0

    /// What every observation of the current series shares.
    final class Context {
        init(
            attributes: [String: String], dimensions: [(name: String, value: String)], time: String?, subject: String,
            status: String?, unitMultiplier: Int, unit: String, region: String?, kind: FigureKind
        ) {
            self.attributes = attributes
            self.dimensions = dimensions
            self.time = time
            self.subject = subject
            self.status = status
            self.unitMultiplier = unitMultiplier
            self.unit = unit
            self.region = region
            self.kind = kind
        }

        let attributes: [String: String]
        let dimensions: [(name: String, value: String)]
        var time: String?
        /// The dimension values joined with ".".
        let subject: String
        let status: String?
        let unitMultiplier: Int
        let unit: String
        let region: String?
        var kind: FigureKind
    }

    init(
        stream: XMLStream, profile: Profile, input: SourceInput, sink: RecordSink, components: ComponentNames,
        labels: StructureLabels?, maxText: Int
    ) {
        self.stream = stream
        self.profile = profile
        self.input = input
        self.sink = sink
        self.components = components
        self.labels = labels
        self.maxText = maxText
        nDataSet = stream.intern("DataSet")
        nGroup = stream.intern("Group")
        nSeries = stream.intern("Series")
        nObs = stream.intern("Obs")
        nSeriesKey = stream.intern("SeriesKey")
        nGroupKey = stream.intern("GroupKey")
        nObsKey = stream.intern("ObsKey")
        nAttributes = stream.intern("Attributes")
        nValue = stream.intern("Value")
        nObsDimension = stream.intern("ObsDimension")
        nObsValue = stream.intern("ObsValue")
        nTime = stream.intern("Time")
        nKey = stream.intern("Key")
        nStructure = stream.intern("Structure")
        nComp = stream.intern("Comp")
        nText = stream.intern("Text")
        aID = stream.intern("id")
        aConcept = stream.intern("concept")
        aValue = stream.intern("value")
        aDimensionAtObservation = stream.intern("dimensionAtObservation")
        aLang = stream.intern("lang")
    }

    /// Reads from the current node (the root element, already read) to the end of the document.
    func run() throws {
        handleElementStart()  // the root is not part of a data set; records its name in the path
        while try stream.next() {
            switch stream.nodeType {
            case XMLStream.NodeType.element:
                try stream.checkDepth()
                try handleStart()
            case XMLStream.NodeType.endElement:
                try handleEnd(depth: stream.depth, name: stream.localName)
            case XMLStream.NodeType.text, XMLStream.NodeType.cdata, XMLStream.NodeType.significantWhitespace:
                if textTarget != nil { try appendText() }
            default:
                break
            }
        }
    }

    // MARK: - Elements

    @inline(__always)
    private func handleElementStart() {
        let depth = stream.depth
        guard let q = stream.qualifiedName else { return }
        if pathStack.count == depth + 1, pathStack[depth] == q { return }  // a sibling of the same name
        if pathStack.count > depth { pathStack.removeSubrange(depth...) }
        pathStack.append(q)
        pathChanged = true
    }

    private func handleStart() throws {
        handleElementStart()
        let depth = stream.depth
        guard let name = stream.localName, let node = stream.node else { return }
        let empty = stream.isEmptyElement

        guard dataSetDepth != nil else {
            if name == nDataSet {
                dataSetDepth = depth
                siblingGroups.removeAll()
                var scope = Scope(depth: depth, kind: .dataSet)
                collectXMLAttributes(node, into: &scope.pairs)
                scopes = [scope]
                context = nil
                if empty { try handleEnd(depth: depth, name: name) }
            } else if name == nStructure, let v = attribute(node, aDimensionAtObservation) {
                dimensionAtObservation = v
            }
            return
        }

        if obsDepth != nil {
            try handleObsChild(name: name, node: node, depth: depth, empty: empty)
            return
        }
        if let target = textTarget, target.name == "\u{0}comp" {
            // Inside a 3.0 Comp: Value and Text children carry the text.
            if name == nValue { textBuffer.removeAll(keepingCapacity: true) }
            if empty { try handleEnd(depth: depth, name: name) }
            return
        }

        if name == nObs {
            startObs(node: node, depth: depth, empty: empty)
            if empty { try endObs() }
            return
        }
        if name == nSeries || name == nGroup {
            let isSeries = name == nSeries
            if isSeries, let i = scopes.lastIndex(where: { $0.kind == .group }) { scopes[i].containsSeries = true }
            var scope = Scope(depth: depth, kind: isSeries ? .series : .group)
            collectXMLAttributes(node, into: &scope.pairs)
            scopes.append(scope)
            context = nil
            if empty { try handleEnd(depth: depth, name: name) }
            return
        }
        if name == nSeriesKey || name == nGroupKey || name == nKey {
            valueTarget = .key
            return
        }
        if name == nAttributes {
            valueTarget = .attributes
            return
        }
        if name == nValue {
            try addValue(node: node)
            return
        }
        if name == nComp {
            startComp(node: node, depth: depth, forObs: false)
            if empty { try handleEnd(depth: depth, name: name) }
            return
        }
        if valueTarget == .key, scopes.last?.kind == .series || scopes.last?.kind == .group {
            // Utility data: <Key><FREQ>M</FREQ>…</Key>.
            let component = stringName(name)
            startText(name: component, depth: depth, role: components.role(ofKeyComponent: component), forObs: false)
            if empty { try handleEnd(depth: depth, name: name) }
            return
        }
        // Cross-sectional data: sections are scopes; an empty element with a value is an observation.
        if profile == .crossSectionalData {
            if empty, attribute(node, aValue) != nil || attribute(node, stream.intern("OBS_VALUE")) != nil {
                startObs(node: node, depth: depth)
                obsPairs.append(Pair(name: "MEASURE", value: stringName(name), role: .dimension))
                try endObs()
                return
            }
        }
        // Any other element of the data set: a group named after its type (2.0 compact and utility
        // `SiblingGroup`), a cross-sectional section, annotations. Its components apply to what it
        // encloses; when it encloses no series it is a sibling group.
        var scope = Scope(depth: depth, kind: profile == .crossSectionalData ? .other : .group)
        collectXMLAttributes(node, into: &scope.pairs)
        scopes.append(scope)
        context = nil
        if empty { try handleEnd(depth: depth, name: name) }
    }

    private func handleEnd(depth: Int, name: UnsafePointer<xmlChar>?) throws {
        if let target = textTarget, target.depth == depth {
            finishText()
            return
        }
        if let target = textTarget, target.name == "\u{0}comp" {
            if name == nValue {
                compValues.append(String(decoding: textBuffer, as: UTF8.self).trimmedSpace())
                textBuffer.removeAll(keepingCapacity: true)
            }
            return
        }
        if let od = obsDepth {
            if depth == od { try endObs() } else if name == nObsKey || name == nAttributes { valueTarget = .none }
            return
        }
        guard let dsDepth = dataSetDepth else { return }
        if depth == dsDepth {
            dataSetDepth = nil
            scopes.removeAll()
            siblingGroups.removeAll()
            context = nil
            return
        }
        if let last = scopes.last, last.depth == depth {
            let scope = scopes.removeLast()
            context = nil
            if scope.kind == .group && !scope.containsSeries {
                let key = scope.pairs.filter { $0.role == .dimension }
                let attributes = scope.pairs.filter { $0.role != .dimension }
                if !key.isEmpty, !attributes.isEmpty {
                    guard siblingGroups.count < Self.maxSiblingGroups else {
                        throw AdapterError(
                            .limitExceeded,
                            "\(stream.name):\(stream.line): more than \(Self.maxSiblingGroups) groups in one data set; split the message or drop its groups"
                        )
                    }
                    siblingGroups.append(SiblingGroup(key: key, attributes: attributes))
                }
            }
            return
        }
        if name == nSeriesKey || name == nGroupKey || name == nKey || name == nAttributes { valueTarget = .none }
    }

    // MARK: - Observations

    private func startObs(node: xmlNodePtr, depth: Int, empty: Bool = false) {
        if context == nil { context = makeContext() }
        obsDepth = depth
        if !obsPairs.isEmpty { obsPairs.removeAll(keepingCapacity: true) }
        obsValueText = nil
        obsParsed = nil
        obsPeriod = nil
        obsTimeText = nil
        obsRepeatsLast = false
        signatureCount = 0
        pendingCount = 0
        var sameSignature = true
        var packable = empty && labels == nil
        var valueContent: UnsafePointer<xmlChar>?
        obsLine = stream.line
        obsPath = currentPath()
        valueTarget = .none
        var attr = node.pointee.properties
        var position = 0
        while let a = attr {
            defer { attr = a.pointee.next }
            guard a.pointee.ns == nil, let namePtr = a.pointee.name else { continue }
            // Observations name their attributes in the same order: look at the same position first.
            let info: NameInfo
            if position < obsNames.count, obsNames[position].0 == UnsafeRawPointer(namePtr) {
                info = obsNames[position].1
            } else {
                info = cachedName(namePtr)
                if position < obsNames.count {
                    obsNames[position] = (UnsafeRawPointer(namePtr), info)
                } else if position == obsNames.count {
                    obsNames.append((UnsafeRawPointer(namePtr), info))
                }
            }
            position += 1
            let content: UnsafeMutablePointer<xmlChar>? =
                if let child = a.pointee.children, child.pointee.next == nil { child.pointee.content } else { nil }
            switch info.role {
            case .technical: continue
            case .measure:
                if let content {
                    valueContent = UnsafePointer(content)
                } else {
                    obsValueText = attributeValue(a)
                }
            default:
                if profile == .crossSectionalData && info.name == "value" {
                    obsValueText = attributeValue(a)
                } else if info.role == .time, let content {
                    let (text, period) = periods.period(bytes: UnsafePointer(content))
                    obsPeriod = period
                    obsTimeText = text
                } else {
                    if packable, let content, let (k0, k1) = Self.pack(content) {
                        let entry = SignatureEntry(name: UnsafeRawPointer(namePtr), k0: k0, k1: k1)
                        if signatureCount < signature.count {
                            signature[signatureCount] = entry
                        } else {
                            signature.append(entry)
                        }
                        sameSignature =
                            sameSignature && signatureCount < lastSignatureCount
                            && lastSignature[signatureCount] == entry
                        signatureCount += 1
                    } else {
                        packable = false
                    }
                    if pendingCount < pendingAttributes.count {
                        pendingAttributes[pendingCount] = a
                    } else {
                        pendingAttributes.append(a)
                    }
                    pendingCount += 1
                }
            }
        }
        signatureUsable = packable
        obsRepeatsLast =
            packable && sameSignature && signatureCount == lastSignatureCount && lastDerived != nil
            && lastContext === context
        if !obsRepeatsLast {
            for a in pendingAttributes.prefix(pendingCount) {
                guard let namePtr = a.pointee.name else { continue }
                let info = cachedName(namePtr)
                obsPairs.append(
                    Pair(name: info.name, value: recentValue(a, key: namePtr), role: info.role, special: info.special))
            }
        }
        if let valueContent {
            var multiplier = context!.unitMultiplier
            if obsRepeatsLast {
                multiplier = lastDerived!.multiplier
            } else {
                for p in obsPairs where p.special == .unitMultiplier { multiplier = Int(p.value) ?? multiplier }
            }
            obsParsed = valueContent.withMemoryRebound(to: CChar.self, capacity: 1) {
                NumberText.parse(cString: $0, powerOfTen: multiplier)
            }
            if obsParsed == .notANumber { obsValueText = String(cString: valueContent) }
        }
    }

    /// A value of up to 16 bytes as two integers.
    @inline(__always)
    static func pack(_ content: UnsafeMutablePointer<xmlChar>) -> (UInt64, UInt64)? {
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
        if n == 16 && content[16] != 0 { return nil }
        return (k0, k1)
    }

    private func handleObsChild(name: UnsafePointer<xmlChar>, node: xmlNodePtr, depth: Int, empty: Bool) throws {
        if let target = textTarget, target.name == "\u{0}comp" {
            if name == nValue { textBuffer.removeAll(keepingCapacity: true) }
            if empty { try handleEnd(depth: depth, name: name) }
            return
        }
        if name == nObsValue {
            obsValueText = attribute(node, aValue)
        } else if name == nObsDimension {
            let id = attribute(node, aID) ?? attribute(node, aConcept) ?? dimensionAtObservation ?? "TIME_PERIOD"
            let id2 = id == "AllDimensions" ? "TIME_PERIOD" : id
            if let v = attribute(node, aValue) {
                obsPairs.append(Pair(name: id2, value: v, role: components.role(ofKeyComponent: id2)))
            } else if !empty {
                startText(name: id2, depth: depth, role: components.role(ofKeyComponent: id2), forObs: true)
            }
        } else if name == nObsKey {
            valueTarget = .obsKey
        } else if name == nAttributes {
            valueTarget = .obsAttributes
        } else if name == nValue {
            try addValue(node: node)
        } else if name == nTime {
            if !empty { startText(name: "TIME_PERIOD", depth: depth, role: .time, forObs: true) }
        } else if name == nComp {
            startComp(node: node, depth: depth, forObs: true)
            if empty { try handleEnd(depth: depth, name: name) }
        } else if !empty {
            // Utility data: <OBS_VALUE>3.14</OBS_VALUE>, <TIME_PERIOD>2000-01</TIME_PERIOD>.
            let s = stringName(name)
            startText(name: s, depth: depth, role: components.role(ofXMLAttribute: s), forObs: true)
        }
    }

    private func endObs() throws {
        obsDepth = nil
        valueTarget = .none
        try emitObservation()
    }

    private func emitObservation() throws {
        if context == nil { context = makeContext() }
        let ctx = context!
        var time = ctx.time
        var timeFromObs = false
        if let t = obsTimeText {
            time = t
            timeFromObs = true
        }
        var attributes: [String: String]
        let derived: Derived
        if obsRepeatsLast && obsPairs.isEmpty, let last = lastDerived {
            // The same attributes as the last observation of this series: share its dictionary.
            attributes = lastAttributes
            derived = last
        } else {
            derived = Derived(
                status: ctx.status, unit: ctx.unit, region: ctx.region, kind: ctx.kind, multiplier: ctx.unitMultiplier,
                subject: ctx.subject)
            attributes = ctx.attributes
            var extraDimensions: [String] = []
            for p in obsPairs {
                switch p.role {
                case .time:
                    time = p.value
                    timeFromObs = true
                    continue
                case .measure:
                    obsValueText = p.value
                    continue
                case .technical:
                    continue
                case .dimension:
                    extraDimensions.append(p.value)
                case .attribute:
                    break
                }
                attributes[p.name] = p.value
                switch p.special {
                case .none: break
                case .status: derived.status = p.value
                case .unitMultiplier: derived.multiplier = Int(p.value) ?? derived.multiplier
                case .unit: if ctx.attributes["UNIT_MEASURE"] == nil { derived.unit = p.value }
                case .unitMeasure: derived.unit = p.value
                case .region: derived.region = p.value
                case .kind: if let k = FigureKind(rawValue: p.value.lowercased()) { derived.kind = k }
                }
            }
            if time == nil, let i = extraDimensions.firstIndex(where: { Period(parsing: $0) != nil }) {
                // A time dimension under another name (compact 2.0 "YEA"): the observation value that is a period.
                time = extraDimensions.remove(at: i)
                timeFromObs = false
            }
            if !extraDimensions.isEmpty {
                derived.subject = ((derived.subject.isEmpty ? [] : [derived.subject]) + extraDimensions).joined(
                    separator: ".")
            }
            if derived.subject.isEmpty { derived.subject = attributes["TITLE"] ?? "observation" }
            if let labels, !obsPairs.isEmpty {
                labels.addLabels(for: obsPairs.map { ($0.name, $0.value) }, to: &attributes)
            }
            if signatureUsable {
                lastContext = ctx
                lastAttributes = attributes
                lastDerived = derived
                swap(&signature, &lastSignature)
                lastSignatureCount = signatureCount
            } else {
                lastDerived = nil
            }
        }
        var parsed = obsParsed
        if parsed == nil || parsed == .notANumber, let text = obsValueText {
            parsed = NumberText.parse(text, powerOfTen: derived.multiplier)
        }
        var value: Double?
        switch parsed {
        case .number(let v)?: value = v
        case .notANumber?: if let text = obsValueText { attributes["OBS_VALUE"] = text }
        default: break
        }
        if derived.status == "M" { value = nil }
        let period: Period
        if timeFromObs, let p = obsPeriod {
            period = p
        } else {
            period = self.period(time ?? input.period ?? "")
        }
        // The time dimension is the record's period; its text is kept only when the period reads it differently.
        if let time, time != period.rawValue { attributes["TIME_PERIOD"] = time }
        try sink.emit(
            .observation(
                Observation(
                    subject: derived.subject, indicator: nil, kind: derived.kind,
                    quantity: Quantity(value: value, unit: derived.unit), period: period, region: derived.region,
                    redacted: false, text: nil, location: SourceLocation(line: obsLine, path: obsPath),
                    attributes: attributes)))
        emitted += 1
    }

    /// The components every observation of the current series shares.
    private func makeContext() -> Context {
        var attributes: [String: String] = [:]
        var dimensions: [(name: String, value: String)] = []
        var time: String?
        let seriesIndex = scopes.lastIndex { $0.kind == .series }
        for (i, scope) in scopes.enumerated() {
            if i == seriesIndex, !siblingGroups.isEmpty {
                let keyed = Dictionary(scope.pairs.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
                for group in siblingGroups where group.key.allSatisfy({ keyed[$0.name] == $0.value }) {
                    for p in group.attributes { attributes[p.name] = p.value }
                }
            }
            for p in scope.pairs {
                if p.role != .time { attributes[p.name] = p.value }
                switch p.role {
                case .dimension:
                    if let j = dimensions.firstIndex(where: { $0.name == p.name }) {
                        dimensions[j].value = p.value
                    } else {
                        dimensions.append((p.name, p.value))
                    }
                case .time: time = p.value
                default: break
                }
            }
        }
        if !components.dimensions.isEmpty {
            dimensions.sort {
                (components.dimensions[$0.name] ?? Int.max) < (components.dimensions[$1.name] ?? Int.max)
            }
        }
        if let labels {
            labels.addLabels(for: scopes.flatMap { $0.pairs.map { ($0.name, $0.value) } }, to: &attributes)
        }
        attributes.reserveCapacity(attributes.count + 8)
        var kind = FigureKind.level
        if let k = attributes["KIND"], let parsed = FigureKind(rawValue: k.lowercased()) { kind = parsed }
        return Context(
            attributes: attributes, dimensions: dimensions, time: time,
            subject: dimensions.map(\.value).joined(separator: "."), status: attributes["OBS_STATUS"],
            unitMultiplier: Int(attributes["UNIT_MULT"] ?? "") ?? 0,
            unit: attributes["UNIT_MEASURE"] ?? attributes["UNIT"] ?? attributes["unit"] ?? "",
            region: attributes["REF_AREA"] ?? attributes["GEO"] ?? attributes["geo"] ?? input.region, kind: kind)
    }

    // MARK: - Components

    /// A generic `<Value id|concept="…" value="…"/>`.
    private func addValue(node: xmlNodePtr) throws {
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

    private func startComp(node: xmlNodePtr, depth: Int, forObs: Bool) {
        let id = attribute(node, aID) ?? "COMP"
        textTarget = ("\u{0}comp", depth, .attribute, forObs)
        compValues = [id]
        textBuffer.removeAll(keepingCapacity: true)
    }

    private func startText(name: String, depth: Int, role: ComponentNames.Role, forObs: Bool) {
        textTarget = (name, depth, role, forObs)
        textBuffer.removeAll(keepingCapacity: true)
    }

    private func appendText() throws {
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

    private func finishText() {
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
    private func collectXMLAttributes(_ node: xmlNodePtr, into pairs: inout [Pair]) {
        var attr = node.pointee.properties
        while let a = attr {
            defer { attr = a.pointee.next }
            guard a.pointee.ns == nil, let namePtr = a.pointee.name else { continue }
            let info = cachedName(namePtr)
            if info.role == .technical || info.role == .measure { continue }
            pairs.append(Pair(name: info.name, value: attributeValue(a), role: info.role, special: info.special))
        }
    }

    // MARK: - Helpers

    @inline(__always)
    private func cachedName(_ p: UnsafePointer<xmlChar>) -> NameInfo {
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
    private func recentValue(_ a: UnsafeMutablePointer<xmlAttr>, key: UnsafePointer<xmlChar>) -> String {
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

    private func stringName(_ p: UnsafePointer<xmlChar>) -> String { cachedName(p).name }

    /// The value of the attribute named by the interned `name` (no namespace), if present.
    private func attribute(_ node: xmlNodePtr, _ name: UnsafePointer<xmlChar>) -> String? {
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
    private func period(_ text: String) -> Period {
        text.withCString { periods.period(bytes: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)).1 }
    }

    private func currentPath() -> String {
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
