import IndicatorKit

/// A vocabulary file (catalog/units.yaml or a catalog file's `units:` section) that cannot be read:
/// what is wrong, where (`FILE:LINE:COLUMN`), and how to fix it.
public typealias VocabularyError = MessageError<VocabularyErrorTag>
/// What makes `VocabularyError` a type of its own.
public enum VocabularyErrorTag: YAMLFileErrorTag {
    public static let codePrefix = "vocabulary"
}

/// The tag of the error of one kind of YAML file (a vocabulary, a catalog): the kind's codes are
/// the problems every such file can have, named after the kind (`vocabulary-malformed`,
/// `catalog-malformed`).
public protocol YAMLFileErrorTag {
    /// The name the codes begin with: "vocabulary", "catalog".
    static var codePrefix: String { get }
}

/// A `MessageError` over a `YAMLFileErrorTag`: the error of one kind of YAML file.
public protocol YAMLFileErrorDomain {
    /// The name the codes begin with.
    static var codePrefix: String { get }
}

extension MessageError: YAMLFileErrorDomain where Tag: YAMLFileErrorTag {
    public static var codePrefix: String { Tag.codePrefix }
}

extension ErrorCode where Domain: YAMLFileErrorDomain {
    /// The YAML is not well formed.
    public static var malformed: Self { Self(rawValue: Domain.codePrefix + "-malformed") }
    /// A required key is missing.
    public static var missingKey: Self { Self(rawValue: Domain.codePrefix + "-missing-key") }
    /// A key the file does not know.
    public static var unknownKey: Self { Self(rawValue: Domain.codePrefix + "-unknown-key") }
    /// A value of the wrong type or out of range.
    public static var invalidValue: Self { Self(rawValue: Domain.codePrefix + "-invalid-value") }
    /// One name, code or word given twice (in a vocabulary: in one section).
    public static var duplicate: Self { Self(rawValue: Domain.codePrefix + "-duplicate") }
}
