/// What an adapter is called and which options it takes.
public struct AdapterDescriptor: Sendable, Hashable {
    /// One option key with a line of help.
    public struct Option: Sendable, Hashable {
        public var key: String
        public var help: String
        public init(_ key: String, _ help: String) {
            self.key = key
            self.help = help
        }
    }

    /// The name used in pipeline files and on the command line ("speech-text").
    public var name: String
    /// The adapter's own version ("1.0.0").
    public var version: String
    /// One line on what it reads.
    public var summary: String
    /// The option keys it accepts.
    public var options: [Option]
    /// The media types it reads (`text/csv`; a leading `+` matches a suffix: `+xml`, `+json`).
    /// Empty means any. An http(s) body of a specific other type (an HTML error page served with
    /// 200, say) is not handed to the adapter: the source's `on-empty` rule decides what happens.
    public var mediaTypes: [String]

    public init(name: String, version: String, summary: String, options: [Option], mediaTypes: [String] = []) {
        self.name = name
        self.version = version
        self.summary = summary
        self.options = options
        self.mediaTypes = mediaTypes
    }

    /// True when the adapter reads a body of media type `essence` (`text/html`, no parameters).
    /// Unknown and generic types (none, `application/octet-stream`, `text/plain`) always pass.
    package func reads(mediaType essence: String?) -> Bool {
        guard !mediaTypes.isEmpty, let essence = essence?.lowercased(), !essence.isEmpty,
            essence != "application/octet-stream", essence != "text/plain"
        else { return true }
        return mediaTypes.contains { type in
            type.hasPrefix("+") ? essence.hasSuffix(type) : essence == type
        }
    }

    /// The accepted option keys.
    public var optionKeys: [String] { options.map(\.key) }
}
