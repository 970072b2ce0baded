import Vocabulary

/// Text helpers for matching Chinese subjects: traditional → simplified folding and full-width
/// folding.
///
/// The table is the vocabulary's `folding` (catalog/units.yaml: the characters that occur in
/// statistical bulletins and work reports, about 700 pairs); a catalog adds more from its own
/// zh-Hans/zh-Hant name pairs (see `Catalog.load(contentsOf:)`).
public enum ChineseText {
    /// `text` with traditional characters folded to simplified, full-width ASCII folded to
    /// half-width, and upper-case Latin letters lower-cased.
    public static func simplified(_ text: String, extra: [Character: Character] = [:]) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            if let s = extra[ch] ?? traditionalToSimplified[ch] {
                out.append(s)
            } else if let scalar = ch.unicodeScalars.first, ch.unicodeScalars.count == 1,
                (0xFF01...0xFF5E).contains(scalar.value), let half = Unicode.Scalar(scalar.value - 0xFEE0)
            {
                out.append(Character(half))
            } else {
                out.append(ch)
            }
        }
        return out
    }

    /// Traditional → simplified pairs: the `folding` of catalog/units.yaml (module Vocabulary).
    static let traditionalToSimplified: [Character: Character] = {
        var map: [Character: Character] = [:]
        for pair in Vocabulary.shipped.folding where map[Character(pair.traditional)] == nil {
            map[Character(pair.traditional)] = Character(pair.simplified)
        }
        return map
    }()
}
