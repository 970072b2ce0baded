import Logging

/// One input for an adapter to read, with what is known about it.
///
/// The runner materializes every source as a local file first (downloads included), so adapters
/// read `path` and never touch the network. Fields may be added over time; adapters should ignore
/// what they do not use.
public struct SourceInput: Sendable {
    /// The local file to read.
    public var path: String
    /// Where the input came from, as configured: a URL or a path.
    public var origin: String
    /// The pipeline source id, when read as part of a pipeline.
    public var sourceID: String?
    /// The media type, when known (from HTTP `Content-Type` or the file name).
    public var mediaType: String?
    /// The character set the bytes are in, when known (from HTTP or a previous decode).
    public var charset: String?
    /// sha256 of the file's bytes, when known.
    public var sha256: String?
    /// The pipeline's region, a default for records that name none.
    public var region: String?
    /// The pipeline's period, a default for records that name none.
    public var period: String?
    /// Where the adapter logs.
    public var logger: Logger

    public init(
        path: String, origin: String? = nil, sourceID: String? = nil, mediaType: String? = nil, charset: String? = nil,
        sha256: String? = nil, region: String? = nil, period: String? = nil,
        logger: Logger = Logger(label: "yardstick.adapter", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.path = path
        self.origin = origin ?? path
        self.sourceID = sourceID
        self.mediaType = mediaType
        self.charset = charset
        self.sha256 = sha256
        self.region = region
        self.period = period
        self.logger = logger
    }

    /// The file name's extension, lower-cased, with a trailing `.gz` looked through ("xml" for "a.xml.gz").
    public var fileExtension: String {
        var name = Substring(path.split(separator: "/").last ?? Substring(path))
        if name.lowercased().hasSuffix(".gz") { name = name.dropLast(3) }
        guard let dot = name.lastIndex(of: ".") else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }
}
