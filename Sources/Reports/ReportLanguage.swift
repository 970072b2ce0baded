/// The language of a report's labels: headings, status words, notices.
///
/// Machine values (status codes, kinds, comparators, JSON keys) stay the same in every language.
/// A pipeline picks one with `report.language: zh | en`; without it the scorecard's own text decides
/// (`detect(title:subjects:)`): Chinese documents get Chinese labels.
public enum ReportLanguage: String, Sendable, CaseIterable {
    /// Simplified Chinese.
    case zh
    /// English.
    case en

    /// `zh` when the title contains Chinese characters, or when at least half of the goal subjects
    /// do; otherwise `en`.
    public static func detect(title: String?, subjects: [String]) -> ReportLanguage {
        if let title, containsHan(title) { return .zh }
        guard !subjects.isEmpty else { return .en }
        let han = subjects.filter(containsHan).count
        return han * 2 >= subjects.count ? .zh : .en
    }

    /// The value of the HTML `lang` attribute.
    public var htmlLang: String {
        switch self {
        case .zh: "zh-Hans"
        case .en: "en"
        }
    }

    static func containsHan(_ s: String) -> Bool {
        s.unicodeScalars.contains { v in
            (0x4E00...0x9FFF).contains(v.value) || (0x3400...0x4DBF).contains(v.value)
                || (0x20000...0x2FFFF).contains(v.value) || (0xF900...0xFAFF).contains(v.value)
        }
    }
}
