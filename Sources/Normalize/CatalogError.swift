/// A catalog file that cannot be read: what is wrong, where, and how to fix it.
public struct CatalogError: Error, Sendable, CustomStringConvertible {
    /// A stable, extensible error code.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The file could not be read.
        public static let unreadable = Code(rawValue: "catalog-unreadable")
        /// The YAML is not well formed.
        public static let malformed = Code(rawValue: "catalog-malformed")
        /// A required key is missing.
        public static let missingKey = Code(rawValue: "catalog-missing-key")
        /// A key the catalog does not know.
        public static let unknownKey = Code(rawValue: "catalog-unknown-key")
        /// A value of the wrong type or out of range.
        public static let invalidValue = Code(rawValue: "catalog-invalid-value")
        /// Two entries claim one name or code.
        public static let duplicate = Code(rawValue: "catalog-duplicate")
    }

    public var code: Code
    /// What is wrong, naming the file, line and key, and how to fix it.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
