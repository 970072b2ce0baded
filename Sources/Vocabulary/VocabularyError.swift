/// A vocabulary file (catalog/units.yaml or a catalog file's `units:` section) that cannot be read:
/// what is wrong, where (`FILE:LINE:COLUMN`), and how to fix it.
public struct VocabularyError: Error, Sendable, CustomStringConvertible {
    /// A stable, extensible error code.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The YAML is not well formed.
        public static let malformed = Code(rawValue: "vocabulary-malformed")
        /// A required key is missing.
        public static let missingKey = Code(rawValue: "vocabulary-missing-key")
        /// A key the vocabulary does not know.
        public static let unknownKey = Code(rawValue: "vocabulary-unknown-key")
        /// A value of the wrong type or out of range.
        public static let invalidValue = Code(rawValue: "vocabulary-invalid-value")
        /// One word given twice in one section.
        public static let duplicate = Code(rawValue: "vocabulary-duplicate")
    }

    public var code: Code
    /// What is wrong, naming the file, line, column and key, and how to fix it.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
