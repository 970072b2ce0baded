/// Region names folded so that one place written several ways compares equal.
///
/// 中国, 全国, 中华人民共和国, CN, CHN and China are one region; 柘城县 and 柘城 are one;
/// traditional characters fold to simplified.
public enum RegionName {
    /// The folded form of `name`; compare folded forms, never show them.
    public static func fold(_ name: String) -> String {
        var s = ChineseText.simplified(name).filter { !$0.isWhitespace }.lowercased()
        if national.contains(s) { return "cn" }
        if s.count > 2, let last = s.last, "县市省区州旗".contains(last) { s.removeLast() }
        return s
    }

    /// True when two optional regions may be the same place: either is missing, or they fold equal.
    public static func compatible(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b, !a.isEmpty, !b.isEmpty else { return true }
        return fold(a) == fold(b)
    }

    static let national: Set<String> = ["中国", "全国", "我国", "中华人民共和国", "cn", "chn", "china", "prc", "156"]
}
