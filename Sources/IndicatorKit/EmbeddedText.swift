import Foundation

extension String {
    /// The UTF-8 text whose base64 is `embeddedBase64`, white space between its characters ignored: how
    /// the generated BuiltInCatalog and BuiltInVocabulary hold their files (scripts/embed-text.sh).
    public init(embeddedBase64 base64: String) {
        guard let data = Data(base64Encoded: base64, options: .ignoreUnknownCharacters) else {
            preconditionFailure("embedded text is not valid base64; run the script that generated it again")
        }
        self.init(decoding: data, as: UTF8.self)
    }
}
