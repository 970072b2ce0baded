/// A subject phrase folded for matching: simplified, without punctuation, spaces and leading
/// qualifiers (全年, 全县, 全国, 地区, 年末, 2022年, the region's name …).
///
/// `yearEnd` and the suffix tell what the qualifiers said about the figure's basis (年末 → a
/// year-end figure; 平均值 → an average).
struct SubjectKey: Sendable, Hashable {
    /// The folded phrase.
    var key: String
    /// True when a 年末/年底 qualifier was stripped.
    var yearEnd: Bool

    init(_ subject: String, region: String? = nil, extra: [Character: Character] = [:]) {
        var s = ChineseText.simplified(subject, extra: extra).lowercased()
        s.removeAll { SubjectKey.dropped.contains($0) || $0.isWhitespace }
        var regionForms: [String] = []
        if let region, !region.isEmpty {
            let r = ChineseText.simplified(region, extra: extra)
            regionForms.append(r)
            if let last = r.last, "县市省区州旗".contains(last), r.count > 2 { regionForms.append(String(r.dropLast())) }
        }
        var yearEnd = false
        var changed = true
        while changed {
            changed = false
            for q in SubjectKey.qualifiers + regionForms where s.hasPrefix(q) && s.count > q.count {
                if q == "年末" || q == "年底" { yearEnd = true }
                s.removeFirst(q.count)
                changed = true
            }
            // A leading year: 2022年.
            let chars = Array(s)
            if chars.count > 5, chars[0...3].allSatisfy(\.isASCII), chars[0...3].allSatisfy(\.isNumber), chars[4] == "年" {
                s.removeFirst(5)
                changed = true
            }
        }
        self.key = s
        self.yearEnd = yearEnd
    }

    /// Words in front of a subject that narrow where or when, never what.
    static let qualifiers = [
        "全年", "全县", "全市", "全省", "全区", "全国", "全州", "全旗", "地区", "年末", "年底", "本年", "今年",
        "当年", "其中", "我县", "我市", "我省", "我国", "本县", "本市", "全社会",
    ]

    /// Words after a subject that say how the figure is expressed, never what is measured.
    static let neutralSuffixes: Set<String> = [
        "", "涨幅", "增幅", "增速", "增长", "增长率", "增长速度", "平均值", "平均", "年均", "年平均值", "总量", "总额", "指数",
        "水平", "比上年增长", "同比增长", "数", "人数", "总数",
    ]

    /// Suffixes that mark an average.
    static let averageSuffixes: Set<String> = ["平均值", "平均", "年均", "年平均值"]

    /// Characters removed before matching.
    static let dropped: Set<Character> = [
        "“", "”", "\"", "'", "‘", "’", "《", "》", "(", ")", "（", "）", "、", "·", ":", "：", ",", "，", "。",
        "「", "」", "『", "』", "[", "]", "【", "】",
    ]
}
