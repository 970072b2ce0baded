import CLibXML2
import IndicatorKit

/// Observations: where one starts, its child elements, and the record it becomes.
extension SDMXDataReader {
    // MARK: - Observations

    func startObs(node: XMLElementStart, depth: Int, empty: Bool = false) {
        if context == nil { context = makeContext() }
        obsDepth = depth
        if !obsPairs.isEmpty { obsPairs.removeAll(keepingCapacity: true) }
        obsValueText = nil
        obsParsed = nil
        obsPeriod = nil
        obsTimeText = nil
        obsTimeFromAttribute = false
        obsRepeatsLast = false
        signatureCount = 0
        pendingCount = 0
        var sameSignature = true
        var packable = empty && labels == nil
        var valueBytes: UnsafeBufferPointer<UInt8>?
        obsLine = node.line
        if pathChanged {
            obsPath = currentPath()
            obsPathVersion &+= 1
        }
        valueTarget = .none
        var position = 0
        for i in 0..<node.attributeCount {
            guard node.attributeNamespace(i) == nil else { continue }
            let namePtr = node.attributeName(i)
            // Observations name their attributes in the same order: look at the same position first.
            let role: ComponentNames.Role
            let isValue: Bool
            if position < obsNameKeys.count, obsNameKeys[position] == UnsafeRawPointer(namePtr) {
                role = obsNameRoles[position]
                isValue = obsNameIsValue[position]
            } else {
                let info = cachedName(namePtr)
                role = info.role
                isValue = info.name == "value"
                if position < obsNameKeys.count {
                    obsNameKeys[position] = UnsafeRawPointer(namePtr)
                    obsNameRoles[position] = role
                    obsNameIsValue[position] = isValue
                } else if position == obsNameKeys.count {
                    obsNameKeys.append(UnsafeRawPointer(namePtr))
                    obsNameRoles.append(role)
                    obsNameIsValue.append(isValue)
                }
            }
            position += 1
            let bytes = node.attributeBytes(i)
            switch role {
            case .technical: continue
            case .measure:
                valueBytes = bytes
            default:
                if profile == .crossSectionalData && isValue {
                    obsValueText = String(decoding: bytes, as: UTF8.self)
                } else if role == .time {
                    let (text, period) = periods.period(bytes: bytes)
                    obsPeriod = period
                    obsTimeText = text
                    obsTimeFromAttribute = true
                } else {
                    if packable, let (k0, k1) = Self.pack(bytes) {
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
                        pendingAttributes[pendingCount] = i
                    } else {
                        pendingAttributes.append(i)
                    }
                    pendingCount += 1
                }
            }
        }
        signatureUsable = packable
        obsRepeatsLast =
            packable && sameSignature && signatureCount == lastSignatureCount && lastDerived != nil
            && lastContext === context
        if !obsRepeatsLast && packable && signatureCacheContext === context { reuseCachedSignature() }
        if !obsRepeatsLast {
            for i in pendingAttributes.prefix(pendingCount) {
                let namePtr = node.attributeName(i)
                let info = cachedName(namePtr)
                obsPairs.append(
                    Pair(
                        name: info.name, value: recentValue(node.attributeBytes(i), key: namePtr), role: info.role,
                        special: info.special))
            }
        }
        if let valueBytes {
            var multiplier = context!.unitMultiplier
            if obsRepeatsLast {
                multiplier = lastMultiplier
            } else {
                for p in obsPairs where p.special == .unitMultiplier { multiplier = Int(p.value) ?? multiplier }
            }
            obsParsed = NumberText.parse(bytes: valueBytes, powerOfTen: multiplier)
            if obsParsed == .notANumber { obsValueText = String(decoding: valueBytes, as: UTF8.self) }
        }
    }

    /// Makes an earlier observation of this series whose attributes were the same as this one's
    /// the last one (its derived fields and attributes dictionary), so this one repeats it.
    func reuseCachedSignature() {
        search: for entry in signatureCache
        where entry.signature.count == signatureCount && entry.timeFromAttribute == obsTimeFromAttribute {
            for k in 0..<signatureCount where entry.signature[k] != signature[k] { continue search }
            lastContext = context
            lastAttributes = entry.attributes
            lastDerived = entry.derived
            lastMultiplier = entry.derived.multiplier
            lastStatusMissing = entry.derived.statusMissing
            swap(&signature, &lastSignature)
            lastSignatureCount = signatureCount
            recordHoldsLastAttributes = false
            recordMatchesLast = false
            obsRepeatsLast = true
            return
        }
    }

    /// A value of up to 16 bytes as two integers.
    @inline(__always)
    static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? {
        let n = bytes.count
        guard n <= 16 else { return nil }
        var k0: UInt64 = 0
        var k1: UInt64 = 0
        for i in 0..<n {
            if i < 8 {
                k0 |= UInt64(bytes[i]) << (8 * UInt64(i))
            } else {
                k1 |= UInt64(bytes[i]) << (8 * UInt64(i - 8))
            }
        }
        return (k0, k1)
    }

    /// Inside a 3.0 Comp, whose Value and Text children carry the text: starts the text at a Value;
    /// true for every element there (nothing else is done with it), false outside a Comp.
    @inline(__always)
    func startInComp(_ name: UnsafePointer<xmlChar>) -> Bool {
        guard let target = textTarget, target.name == "\u{0}comp" else { return false }
        if name == nValue {
            textBuffer.removeAll(keepingCapacity: true)
            compTextDone = false
        }
        return true
    }

    func handleObsChild(name: UnsafePointer<xmlChar>, node: XMLElementStart, depth: Int, empty: Bool) throws {
        if startInComp(name) { return }
        if name == nObsValue {
            obsValueText = node.attribute(aValue)
        } else if name == nObsDimension {
            let id = node.attribute(aID) ?? node.attribute(aConcept) ?? dimensionAtObservation ?? "TIME_PERIOD"
            let id2 = id == "AllDimensions" ? "TIME_PERIOD" : id
            if let v = node.attribute(aValue) {
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
        } else if !empty {
            // Utility data: <OBS_VALUE>3.14</OBS_VALUE>, <TIME_PERIOD>2000-01</TIME_PERIOD>.
            let s = stringName(name)
            startText(name: s, depth: depth, role: components.role(ofXMLAttribute: s), forObs: true)
        }
    }

    func endObs() throws {
        obsDepth = nil
        valueTarget = .none
        try emitObservation()
    }

    func emitObservation() throws {
        if recordMatchesLast && obsRepeatsLast && obsPairs.isEmpty && obsTimeFromAttribute && obsTimeText == nil,
            obsPeriod != nil
        {
            // The common case: the same attributes as the last observation, a period and a value
            // read from this one's XML attributes. Only the value, the period and the line change.
            var value: Double?
            switch obsParsed {
            case .number(let v)?: value = v
            case .missing?: value = nil
            default: return try emitObservationInFull()
            }
            if lastStatusMissing { value = nil }
            record.quantity.value = value
            record.period = obsPeriod.take().unsafelyUnwrapped
            record.location.line = obsLine
            if recordPathVersion != obsPathVersion {
                record.location.path = obsPath
                recordPathVersion = obsPathVersion
            }
            try sink.emit(lending: &record)
            emitted += 1
            return
        }
        try emitObservationInFull()
    }

    func emitObservationInFull() throws {
        if context == nil { context = makeContext() }
        let ctx = context!
        // A period from the observation's time attribute comes with its text only when the
        // period writes it differently.
        var time = obsTimeFromAttribute ? obsTimeText : ctx.time
        var timeFromObs = obsTimeFromAttribute
        // The record's attributes; nil while they are the last observation's (`lastAttributes`).
        var ownAttributes: [String: String]?
        let derived: Derived
        if obsRepeatsLast && obsPairs.isEmpty, let last = lastDerived {
            // The same attributes as the last observation of this series: share its dictionary.
            derived = last
        } else {
            var attributes: [String: String]
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
            if time == nil, !timeFromObs, let i = extraDimensions.firstIndex(where: { Period(parsing: $0) != nil }) {
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
            derived.statusMissing = derived.status == "M"
            if signatureUsable {
                if signatureCacheContext !== ctx {
                    signatureCache.removeAll(keepingCapacity: true)
                    signatureCacheContext = ctx
                }
                if signatureCache.count < Self.maxCachedSignatures {
                    signatureCache.append(
                        CachedSignature(
                            signature: Array(signature.prefix(signatureCount)),
                            timeFromAttribute: obsTimeFromAttribute, derived: derived, attributes: attributes))
                }
                lastContext = ctx
                lastAttributes = attributes
                recordHoldsLastAttributes = false
                lastDerived = derived
                lastMultiplier = derived.multiplier
                lastStatusMissing = derived.statusMissing
                swap(&signature, &lastSignature)
                lastSignatureCount = signatureCount
            } else {
                lastDerived = nil
                ownAttributes = attributes
                recordMatchesLast = false
            }
        }
        var parsed = obsParsed
        if parsed == nil || parsed == .notANumber, let text = obsValueText {
            parsed = NumberText.parse(text, powerOfTen: derived.multiplier)
        }
        var value: Double?
        switch parsed {
        case .number(let v)?: value = v
        case .notANumber?:
            if let text = obsValueText {
                if ownAttributes == nil { ownAttributes = lastAttributes }
                ownAttributes!["OBS_VALUE"] = text
            }
        default: break
        }
        if derived.statusMissing { value = nil }
        let period: Period
        if timeFromObs, let p = obsPeriod {
            period = p
        } else {
            period = self.period(time ?? input.period ?? "")
        }
        // The time dimension is the record's period; its text is kept only when the period reads it differently.
        if let time, time != period.rawValue {
            if ownAttributes == nil { ownAttributes = lastAttributes }
            ownAttributes!["TIME_PERIOD"] = time
        }
        // The record is the one kept in `record`, changed where this observation differs from the
        // last one, and lent to the sink: the fields it shares with the last record (subject, unit,
        // path, the attributes dictionary) cost no copy and no reference counting.
        if recordDerived !== derived {
            record.subject = derived.subject
            record.kind = derived.kind
            record.quantity.unit = derived.unit
            record.region = derived.region
            recordDerived = derived
        }
        if let own = ownAttributes {
            record.attributes = own
            recordHoldsLastAttributes = false
        } else if !recordHoldsLastAttributes {
            record.attributes = lastAttributes
            recordHoldsLastAttributes = true
        }
        record.quantity.value = value
        record.period = period
        record.location.line = obsLine
        if recordPathVersion != obsPathVersion {
            record.location.path = obsPath
            recordPathVersion = obsPathVersion
        }
        recordMatchesLast = ownAttributes == nil && lastDerived === derived
        try sink.emit(lending: &record)
        emitted += 1
    }

    /// The components every observation of the current series shares.
    func makeContext() -> Context {
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

}
