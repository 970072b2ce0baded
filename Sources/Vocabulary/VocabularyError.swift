import IndicatorKit

/// A vocabulary file (catalog/units.yaml or a catalog file's `units:` section) that cannot be read:
/// what is wrong, where (`FILE:LINE:COLUMN`), and how to fix it.
public typealias VocabularyError = MessageError<VocabularyErrorTag>
/// What makes `VocabularyError` a type of its own.
public enum VocabularyErrorTag {}

extension ErrorCode where Domain == VocabularyError {
    /// The YAML is not well formed.
    public static var malformed: Self { Self(rawValue: "vocabulary-malformed") }
    /// A required key is missing.
    public static var missingKey: Self { Self(rawValue: "vocabulary-missing-key") }
    /// A key the vocabulary does not know.
    public static var unknownKey: Self { Self(rawValue: "vocabulary-unknown-key") }
    /// A value of the wrong type or out of range.
    public static var invalidValue: Self { Self(rawValue: "vocabulary-invalid-value") }
    /// One word given twice in one section.
    public static var duplicate: Self { Self(rawValue: "vocabulary-duplicate") }
}
