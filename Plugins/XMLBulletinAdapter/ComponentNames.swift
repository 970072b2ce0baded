/// What the SDMX component names in a message mean to the adapter.
///
/// Structure-specific and compact messages put dimensions and attributes side by side as XML
/// attributes; only the data structure definition says which is which. Without one (option
/// `structure`), a name is an attribute when it is one of the SDMX cross-domain attribute concepts
/// or one of the attributes statistical offices commonly add (below), and a dimension otherwise.
struct ComponentNames: Sendable {
    /// What a component is.
    enum Role: Sendable {
        case dimension
        case attribute
        case time
        case measure
        /// Message plumbing (`action`, `keyFamilyURI`, …), not data.
        case technical
    }

    /// The time dimension's id, from the DSD.
    var timeDimension: String?
    /// Dimension ids from the DSD, in DSD order.
    var dimensions: [String: Int] = [:]
    /// Attribute ids from the DSD.
    var attributes: Set<String> = []
    /// The primary measure's id, from the DSD.
    var measure: String?

    /// The role of an XML attribute on a data element.
    func role(ofXMLAttribute name: String) -> Role {
        if name == "OBS_VALUE" || name == measure { return .measure }
        if isTime(name) { return .time }
        if !dimensions.isEmpty {
            if dimensions[name] != nil { return .dimension }
            if attributes.contains(name) { return .attribute }
        }
        if Self.technical.contains(name) { return .technical }
        if Self.knownAttributes.contains(name) { return .attribute }
        return .dimension
    }

    /// The role of a component named in a key (`SeriesKey`, `ObsKey`): a dimension or the time.
    func role(ofKeyComponent name: String) -> Role {
        isTime(name) ? .time : .dimension
    }

    func isTime(_ name: String) -> Bool {
        name == "TIME_PERIOD" || name == "TIME" || name == timeDimension
    }

    /// XML attributes of SDMX data elements that are message plumbing.
    static let technical: Set<String> = [
        "type", "action", "keyFamilyURI", "datasetID", "dataflowID", "dataflowAgencyID", "dataProviderID",
        "dataProviderSchemeAgencyId", "dataProviderSchemeId", "structureRef", "dataScope", "setID", "publicationYear",
        "publicationPeriod", "reportingBeginDate", "reportingEndDate", "validFromDate", "validToDate",
        "validFrom", "validTo", "REPORTING_BEGIN", "REPORTING_END",
    ]

    /// Attribute concepts: SDMX cross-domain concepts and those central banks and statistics
    /// offices commonly add.
    static let knownAttributes: Set<String> = [
        "OBS_STATUS", "OBS_CONF", "OBS_COM", "OBS_PRE_BREAK", "CONF_STATUS", "CONF_STATUS_OBS", "COMMENT_OBS",
        "COMMENT_TS", "COMMENT_DSET", "UNIT", "UNIT_MEASURE", "UNIT_MULT", "UNIT_INDEX_BASE", "UNIT_MULTIPLIER",
        "DECIMALS", "TITLE", "TITLE_COMPL", "TIME_FORMAT", "TIME_PER_COLLECT", "COLLECTION", "COLL_METHOD",
        "COMPILATION", "COMPILING_ORG", "SOURCE_AGENCY", "SOURCE_PUB", "BREAKS", "NAT_TITLE", "DOM_SER_IDS",
        "PUBL_ECB", "PUBL_MU", "PUBL_PUBLIC", "BASE_PER", "BASE_YEAR", "REFERENCEPERIOD", "REFERENCE_PERIOD",
        "EMBARGO_TIME", "DISS_ORG", "DATA_COMP", "CURRENCY_MULT", "POWERCODE", "REF_PERIOD_DETAIL",
        "PRE_BREAK_VALUE", "AVAILABILITY", "BIS_UNIT", "OBS_PRE_BREAK", "METADATA_URL", "TITLE_GRP",
        "DERIVATION_TYPE", "KIND", "OBS_EDP_WBB", "EMBARGO_DATE", "MEASUREMENT_METHOD", "NOTE", "NOTES",
        "FOOTNOTE", "FLAGS", "OBS_FLAG", "STATUS", "SERIES_TITLE", "NAME", "CONFIDENTIALITY", "MULTIPLIER",
        "confidentiality", "multiplier", "status", "decimals",
    ]
}
