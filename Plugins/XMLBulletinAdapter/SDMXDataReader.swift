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
final class SDMXDataReader: XMLEventHandler {
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
    let nDataSet, nGroup, nSeries, nObs, nSeriesKey, nGroupKey, nObsKey, nAttributes,
        nValue: UnsafePointer<xmlChar>
    let nObsDimension, nObsValue, nTime, nKey, nStructure, nComp, nText: UnsafePointer<xmlChar>
    let aID, aConcept, aValue, aDimensionAtObservation, aLang: UnsafePointer<xmlChar>

    // State.
    @exclusivity(unchecked) var dimensionAtObservation: String?
    @exclusivity(unchecked) var dataSetDepth: Int?
    @exclusivity(unchecked) var scopes: [Scope] = []
    @exclusivity(unchecked) var siblingGroups: [SiblingGroup] = []
    @exclusivity(unchecked) var valueTarget = ValueTarget.none
    @exclusivity(unchecked) var obsDepth: Int?
    @exclusivity(unchecked) var obsPairs: [Pair] = []
    @exclusivity(unchecked) var obsValueText: String?
    /// The value, when read straight from the XML attribute.
    @exclusivity(unchecked) var obsParsed: NumberText.Parsed?
    /// The period, when read straight from the XML attribute.
    @exclusivity(unchecked) var obsPeriod: Period?
    @exclusivity(unchecked) var obsLine = 0
    @exclusivity(unchecked) var obsPath = ""
    /// Counts the changes of `obsPath`.
    @exclusivity(unchecked) var obsPathVersion = 0

    /// The record of the last observation, changed into the next one's and lent to the sink.
    @exclusivity(unchecked) var record = Observation(
        subject: "", kind: .level, quantity: Quantity(value: nil, unit: ""), period: Period(unchecked: ""))
    /// Where `record`'s subject, kind, unit and region came from.
    @exclusivity(unchecked) var recordDerived: Derived?
    /// The `obsPathVersion` of `record`'s path.
    @exclusivity(unchecked) var recordPathVersion = -1
    /// True while `record.attributes` is `lastAttributes`.
    @exclusivity(unchecked) var recordHoldsLastAttributes = false
    /// True while `record` holds `lastDerived`'s fields and `lastAttributes`: the next observation
    /// that repeats the last one's attributes changes only its value, period and line.
    @exclusivity(unchecked) var recordMatchesLast = false
    /// `lastDerived`'s multiplier and missing status.
    @exclusivity(unchecked) var lastMultiplier = 0
    @exclusivity(unchecked) var lastStatusMissing = false
    /// Text being collected for a component written as a child element (utility data, 2.0 `Time`, 3.0 `Comp`).
    @exclusivity(unchecked) var textTarget: (name: String, depth: Int, role: ComponentNames.Role, forObs: Bool)?
    @exclusivity(unchecked) var textBuffer: [UInt8] = []
    @exclusivity(unchecked) var compValues: [String] = []

    // Caches.
    @exclusivity(unchecked) var nameCache: [UnsafeRawPointer: NameInfo] = [:]
    @exclusivity(unchecked) var recentValues: [(name: UnsafeRawPointer, k0: UInt64, k1: UInt64, value: String)] = []
    /// The attribute names of the last observation by position, and their roles.
    @exclusivity(unchecked) var obsNameKeys: [UnsafeRawPointer] = []
    @exclusivity(unchecked) var obsNameRoles: [ComponentNames.Role] = []
    /// True where the name is `value` (the value of a cross-sectional observation).
    @exclusivity(unchecked) var obsNameIsValue: [Bool] = []
    @exclusivity(unchecked) var recentNames: [(UnsafeRawPointer, NameInfo)] = []
    @exclusivity(unchecked) var context: Context?
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
        /// `OBS_STATUS` is M (missing): the record has no value.
        var statusMissing = false

        init(status: String?, unit: String, region: String?, kind: FigureKind, multiplier: Int, subject: String) {
            self.status = status
            self.unit = unit
            self.region = region
            self.kind = kind
            self.multiplier = multiplier
            self.subject = subject
        }
    }

    @exclusivity(unchecked) var lastContext: Context?
    /// What the attributes of observations of the current series gave, by their signature: a
    /// series whose observations alternate between a few statuses builds each combination once.
    struct CachedSignature {
        var signature: [SignatureEntry]
        var timeFromAttribute: Bool
        var derived: Derived
        var attributes: [String: String]
    }

    static let maxCachedSignatures = 8
    @exclusivity(unchecked) var signatureCache: [CachedSignature] = []
    /// The series `signatureCache` belongs to.
    @exclusivity(unchecked) var signatureCacheContext: Context?
    @exclusivity(unchecked) var lastAttributes: [String: String] = [:]
    @exclusivity(unchecked) var lastDerived: Derived?
    @exclusivity(unchecked) var signature: [SignatureEntry] = []
    @exclusivity(unchecked) var lastSignature: [SignatureEntry] = []
    @exclusivity(unchecked) var signatureCount = 0
    @exclusivity(unchecked) var lastSignatureCount = 0
    @exclusivity(unchecked) var signatureUsable = false
    /// Attribute indices of the current start tag whose values become pairs.
    @exclusivity(unchecked) var pendingAttributes: [Int] = []
    @exclusivity(unchecked) var pendingCount = 0
    @exclusivity(unchecked) var obsRepeatsLast = false
    /// The time attribute's text when its period writes it differently.
    @exclusivity(unchecked) var obsTimeText: String?
    /// True when the observation's own attributes gave its period (`obsPeriod`).
    @exclusivity(unchecked) var obsTimeFromAttribute = false
    let periods = PeriodTable()
    /// An element's names (interned) in the path of messages.
    struct PathStep: Equatable {
        var prefix: UnsafePointer<xmlChar>?
        var localName: UnsafePointer<xmlChar>
    }

    @exclusivity(unchecked) var pathStack: [PathStep] = []
    /// Set after a `Value` text inside a 3.0 `Comp` ended: later texts (other languages) are skipped.
    @exclusivity(unchecked) var compTextDone = false
    let nOBSVALUE: UnsafePointer<xmlChar>
    @exclusivity(unchecked) var pathChanged = true
    @exclusivity(unchecked) var cachedPath = ""
    @exclusivity(unchecked) var emitted = 0

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
        nOBSVALUE = stream.intern("OBS_VALUE")
    }

    /// Takes the root element (not part of a data set): records its name in the path.
    func startRoot(_ root: XMLElementStart) {
        handleElementStart(root)
        stream.deliverCharacters(false)  // until a component's text is collected
    }

    func startElement(_ element: XMLElementStart) throws { try handleStart(element) }

    func endElement(localName: UnsafePointer<xmlChar>?, depth: Int) throws {
        try handleEnd(depth: depth, name: localName)
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        if textTarget != nil { try appendText(bytes) }
    }

    // MARK: - Elements

    @inline(__always)
    func handleElementStart(_ element: XMLElementStart) {
        let depth = element.depth
        let step = PathStep(prefix: element.prefix, localName: element.localName)
        if pathStack.count == depth + 1, pathStack[depth] == step { return }  // a sibling of the same name
        if pathStack.count > depth { pathStack.removeSubrange(depth...) }
        pathStack.append(step)
        pathChanged = true
    }

    func handleStart(_ node: XMLElementStart) throws {
        handleElementStart(node)
        let depth = node.depth
        let name = node.localName
        let empty = node.isEmpty

        guard dataSetDepth != nil else {
            if name == nDataSet {
                dataSetDepth = depth
                siblingGroups.removeAll()
                var scope = Scope(depth: depth, kind: .dataSet)
                collectXMLAttributes(node, into: &scope.pairs)
                scopes = [scope]
                context = nil
            } else if name == nStructure, let v = node.attribute(aDimensionAtObservation) {
                dimensionAtObservation = v
            }
            return
        }

        if obsDepth != nil {
            try handleObsChild(name: name, node: node, depth: depth, empty: empty)
            return
        }
        if startInComp(name) { return }

        if name == nObs {
            startObs(node: node, depth: depth, empty: empty)
            return
        }
        if name == nSeries || name == nGroup {
            let isSeries = name == nSeries
            if isSeries, let i = scopes.lastIndex(where: { $0.kind == .group }) { scopes[i].containsSeries = true }
            var scope = Scope(depth: depth, kind: isSeries ? .series : .group)
            collectXMLAttributes(node, into: &scope.pairs)
            scopes.append(scope)
            context = nil
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
            return
        }
        if valueTarget == .key, scopes.last?.kind == .series || scopes.last?.kind == .group {
            // Utility data: <Key><FREQ>M</FREQ>…</Key>.
            let component = stringName(name)
            startText(name: component, depth: depth, role: components.role(ofKeyComponent: component), forObs: false)
            return
        }
        // Cross-sectional data: sections are scopes; an empty element with a value is an observation.
        if profile == .crossSectionalData {
            if empty, node.attribute(aValue) != nil || node.attribute(nOBSVALUE) != nil {
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
    }

    func handleEnd(depth: Int, name: UnsafePointer<xmlChar>?) throws {
        if let target = textTarget, target.depth == depth {
            finishText()
            return
        }
        if let target = textTarget, target.name == "\u{0}comp" {
            if name == nValue {
                compValues.append(String(decoding: textBuffer, as: UTF8.self).trimmingWhitespace())
                textBuffer.removeAll(keepingCapacity: true)
            } else if !textBuffer.isEmpty {
                compTextDone = true
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
}
