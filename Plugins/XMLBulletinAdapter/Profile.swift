/// The kinds of XML message the adapter reads, detected from the root element and its namespace
/// or forced with the `profile` option.
enum Profile: String, CaseIterable, Sendable {
    case genericData21 = "generic-2.1"
    case genericTimeSeriesData21 = "generic-timeseries-2.1"
    case structureSpecificData21 = "structure-specific-2.1"
    case structureSpecificTimeSeriesData21 = "structure-specific-timeseries-2.1"
    case compactData20 = "compact-2.0"
    case genericData20 = "generic-2.0"
    case messageGroup20 = "message-group-2.0"
    case utilityData20 = "utility-2.0"
    case crossSectionalData = "cross-sectional"
    case structureSpecificData30 = "structure-specific-3.0"
    /// Any SDMX data message, whatever its root is called.
    case sdmx = "sdmx"
    /// Any other XML bulletin, read through the `record` / field options.
    case mapping = "mapping"

    /// The values the `profile` option accepts.
    static let optionValues = ["auto"] + allCases.map(\.rawValue)

    /// What the root element says about the message.
    enum Detection: Equatable {
        /// A data message this adapter reads.
        case data(Profile)
        /// An SDMX message that carries no observations (structure, metadata, registry, error).
        case noData(String)
        /// Not SDMX.
        case unknown
    }

    /// Classifies a root element by its local name and namespace URI.
    static func detect(localName: String, namespace: String) -> Detection {
        let ns = namespace.lowercased()
        let isSDMX = ns.contains("sdmx")
        let version =
            ns.contains("v3_0")
            ? "3.0" : ns.contains("v2_1") ? "2.1" : ns.contains("v2_0") ? "2.0" : ns.contains("v1_0") ? "1.0" : ""
        switch localName {
        case "GenericData": return .data(version == "2.0" || version == "1.0" ? .genericData20 : .genericData21)
        case "GenericTimeSeriesData": return .data(.genericTimeSeriesData21)
        case "StructureSpecificData":
            return .data(version == "3.0" ? .structureSpecificData30 : .structureSpecificData21)
        case "StructureSpecificTimeSeriesData": return .data(.structureSpecificTimeSeriesData21)
        case "CompactData": return .data(.compactData20)
        case "UtilityData": return .data(.utilityData20)
        case "MessageGroup": return .data(.messageGroup20)
        case "CrossSectionalData": return .data(.crossSectionalData)
        default: break
        }
        guard isSDMX else { return .unknown }
        switch localName {
        case "Structure", "RegistryInterface", "GenericMetadata", "StructureSpecificMetadata", "MetadataReport",
            "Error", "QueryMessage", "RegistryStructure", "Metadata":
            return .noData(localName)
        default:
            return .noData(localName)
        }
    }

    /// True for the SDMX profiles (everything but `mapping`).
    var isSDMX: Bool { self != .mapping }
}
