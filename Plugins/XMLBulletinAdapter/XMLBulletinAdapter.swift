import CLibXML2
import IndicatorKit

/// Reads XML statistical bulletins: SDMX-ML data messages and, through a mapping, any other XML.
///
/// SDMX-ML 2.1 GenericData, GenericTimeSeriesData, StructureSpecificData and
/// StructureSpecificTimeSeriesData; SDMX-ML 2.0 CompactData, GenericData, UtilityData and
/// MessageGroup; SDMX-ML 3.0 StructureSpecificData; cross-sectional data. The message kind is
/// detected from the root element and its namespace, or forced with `profile`. Every observation
/// becomes one observation record (see `SDMXDataReader` for the fields); structure and metadata
/// messages hold no data and give no records. With `record` (profile `mapping`), each record
/// element of any XML becomes one observation (see `MappingSpec`).
///
/// The file is streamed through libxml2's SAX2 push parser in constant memory; gzip files are read
/// as they are. Nothing is fetched (`XML_PARSE_NONET`), no DTD is loaded, no entity is substituted,
/// documents that declare entities are refused, and nesting and text sizes are limited.
public struct XMLBulletinAdapter: SourceAdapter {
    /// `xml-bulletin`, with its options: `profile`, `structure`, the mapping fields, and limits.
    public static let descriptor = AdapterDescriptor(
        name: "xml-bulletin", version: "1.0.0",
        summary: "XML statistical bulletins: SDMX-ML 2.0/2.1/3.0 data messages, or any XML through a mapping",
        options: [
            .init("profile", "auto (default), \(Profile.allCases.map(\.rawValue).joined(separator: ", "))"),
            .init("structure", "an SDMX structure file (DSD and/or codelists) to order keys and label codes"),
            .init("record", "mapping: the record element's path, e.g. /bulletin/item or //item"),
            .init(
                "subject",
                "mapping: where the subject is: @attribute, child, child/@attribute, ., /root/@attribute or =constant"),
            .init("indicator", "mapping: where the indicator code is (same forms as subject)"),
            .init("period", "mapping: where the period is (same forms), default the pipeline's period"),
            .init("value", "mapping: where the value is (same forms)"),
            .init("unit", "mapping: where the unit is (same forms)"),
            .init("region", "mapping: where the region is (same forms)"),
            .init("kind", "mapping: where the kind is (same forms), or level (default), growth, change, share"),
            .init("max-depth", "the deepest element nesting accepted (default 100, at most 256)"),
            .init("max-text", "the longest component or field text accepted, in bytes (default 1048576)"),
            .init(
                "max-decompressed-size",
                "the most a gzip input may inflate to, e.g. 4GiB or a number of bytes (default 2GiB)"),
        ],
        mediaTypes: ["application/xml", "text/xml", "+xml", "application/gzip", "application/x-gzip"])

    let profile: Profile?
    let structurePath: String?
    let mapping: MappingSpec?
    let defaultKind: FigureKind
    let maxDepth: Int
    let maxText: Int
    let maxDecompressed: Int64

    /// Validates the options: unknown keys, a profile that is not one of `Profile`, mapping fields
    /// without `record` or with a non-mapping profile, and limits out of range are errors naming the key.
    public init(options: AdapterOptions) throws {
        try options.rejectUnknownKeys(for: Self.descriptor)
        let p = try options.choice("profile", in: Profile.optionValues) ?? "auto"
        var profile = p == "auto" ? nil : Profile(rawValue: p)
        structurePath = try options.string("structure")
        var kindOption = try options.string("kind")
        if let k = kindOption, let parsed = FigureKind(rawValue: k) {
            defaultKind = parsed
            kindOption = nil
        } else {
            defaultKind = .level
        }
        let mappingKeys = ["record"] + MappingSpec.fieldNames.filter { $0 != "kind" }
        let usesMapping = mappingKeys.contains { options[$0] != nil } || kindOption != nil
        if profile == nil, options["record"] != nil { profile = .mapping }
        if usesMapping, let profile, profile != .mapping {
            let key = mappingKeys.first { options[$0] != nil } ?? "kind"
            throw AdapterError(
                .invalidOption,
                "option '\(key)' belongs to profile mapping, but profile is '\(profile.rawValue)'; drop it or set profile: mapping"
            )
        }
        if profile == .mapping || usesMapping {
            var values = options.values
            if let kindOption { values["kind"] = .string(kindOption) } else { values["kind"] = nil }
            mapping = try MappingSpec(options: AdapterOptions(values))
            profile = .mapping
        } else {
            mapping = nil
        }
        self.profile = profile
        let depth = try options.int("max-depth") ?? 100
        guard (2...256).contains(depth) else {
            throw AdapterError(.invalidOption, "option 'max-depth' is \(depth); use a number from 2 to 256")
        }
        maxDepth = depth
        let text = try options.int("max-text") ?? 1 << 20
        guard (16...(64 << 20)).contains(text) else {
            throw AdapterError(
                .invalidOption, "option 'max-text' is \(text); use a number of bytes from 16 to 67108864")
        }
        maxText = text
        if let value = options["max-decompressed-size"] {
            let parsed: Int64? =
                switch value {
                case .number(let n): n >= 1 && n < 9e18 ? Int64(n) : nil
                case .string(let t): ByteSize.parse(t)
                default: nil
                }
            guard let parsed else {
                throw AdapterError(
                    .invalidOption,
                    "option 'max-decompressed-size' must be a size like 4GiB, 500MB or a number of bytes")
            }
            maxDecompressed = parsed
        } else {
            maxDecompressed = XMLStream.defaultMaxDecompressed
        }
    }

    /// Streams `input` and emits one observation record per SDMX observation or mapped record.
    ///
    /// Throws `AdapterError`: `.malformedInput` (bad XML, with the line), `.unsupportedEncoding`,
    /// `.limitExceeded` (entities, depth, text size), `.unsupportedInput` (XML that is no SDMX data
    /// message and has no mapping), `.unreadableInput`. Records emitted before an error belong to
    /// a failed read: the caller discards them. Structure and metadata messages emit nothing and
    /// log a notice.
    public func read(_ input: SourceInput, into sink: RecordSink) async throws {
        var labels: StructureLabels?
        if let structurePath {
            do {
                labels = try StructureLabels.load(path: structurePath, maxDepth: maxDepth)
            } catch let error as AdapterError {
                throw AdapterError(error.code, "option structure: \(error.message)", underlying: error.underlying)
            }
        }
        let stream = try XMLStream(
            path: input.path, name: input.origin, maxDepth: maxDepth, maxDecompressed: maxDecompressed)
        let root = RootDispatcher(adapter: self, stream: stream, input: input, labels: labels, sink: sink)
        try stream.parse(with: root)
        if let reader = root.sdmx, reader.emitted == 0 {
            input.logger.notice("\(input.origin): an SDMX \(root.rootName) message with no observations")
        }
    }

    /// Takes the root element, picks the reader for the message and hands it the rest of the events.
    private final class RootDispatcher: XMLEventHandler {
        let adapter: XMLBulletinAdapter
        let stream: XMLStream
        let input: SourceInput
        let labels: StructureLabels?
        let sink: RecordSink
        var rootName = ""
        /// The reader taking the events; kept alive here while the stream points at it.
        var reader: XMLEventHandler?
        var sdmx: SDMXDataReader?

        init(
            adapter: XMLBulletinAdapter, stream: XMLStream, input: SourceInput, labels: StructureLabels?,
            sink: RecordSink
        ) {
            self.adapter = adapter
            self.stream = stream
            self.input = input
            self.labels = labels
            self.sink = sink
        }

        func startElement(_ element: XMLElementStart) throws {
            let root = String(cString: element.localName)
            rootName = root
            let namespace = element.namespaceURI.map { String(cString: $0) } ?? ""
            if let mapping = adapter.mapping {
                let reader = MappingReader(
                    stream: stream, spec: mapping, input: input, sink: sink, defaultKind: adapter.defaultKind,
                    maxText: adapter.maxText)
                self.reader = reader
                stream.handler = reader
                try reader.start(element)
                return
            }
            var chosen = adapter.profile
            switch Profile.detect(localName: root, namespace: namespace) {
            case .data(let detected):
                if chosen == nil || chosen == .sdmx { chosen = detected }
            case .noData(let messageType):
                if chosen == nil {
                    input.logger.notice(
                        "\(input.origin): an SDMX \(messageType) message: no data in this message (structure or metadata only)"
                    )
                    stream.stop()
                    return
                }
            case .unknown:
                if chosen == nil {
                    throw AdapterError(
                        .unsupportedInput,
                        "\(input.origin): the root element <\(root)>\(namespace.isEmpty ? "" : " in namespace \(namespace)") is no SDMX data message; for other XML set option record (e.g. record: /bulletin/item) and the fields subject, value, period"
                    )
                }
            }
            let components = labels?.components ?? ComponentNames()
            let reader = SDMXDataReader(
                stream: stream, profile: chosen ?? .sdmx, input: input, sink: sink, components: components,
                labels: labels, maxText: adapter.maxText)
            self.reader = reader
            sdmx = reader
            stream.handler = reader
            reader.startRoot(element)
        }

        func endElement(localName: UnsafePointer<xmlChar>?, depth: Int) throws {}

        func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {}
    }
}
