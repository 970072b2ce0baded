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

    public init(name: String, version: String, summary: String, options: [Option]) {
        self.name = name
        self.version = version
        self.summary = summary
        self.options = options
    }

    /// The accepted option keys.
    public var optionKeys: [String] { options.map(\.key) }
}
