/// Reads Chinese numerals: 十八, 两, 一百二十, 三亿五千万, 九点五, 二〇二二.
enum ChineseNumeral {
    /// The value of a run of numeral characters (normalized scalars), or `nil` when it is not a number.
    static func value(of run: [UInt32]) -> Double? {
        guard !run.isEmpty else { return nil }
        // A decimal part after 点 ("九点五").
        if let point = run.firstIndex(of: Lexicon.chinesePoint) {
            guard let whole = value(of: Array(run[..<point])) else { return nil }
            var fraction = 0.0
            var scale = 0.1
            for c in run[(point + 1)...] {
                guard let d = Lexicon.chineseDigits[c] else { return nil }
                fraction += Double(d) * scale
                scale /= 10
            }
            return whole + fraction
        }
        // Digits only ("二〇二二", "五"): positional.
        if run.allSatisfy({ Lexicon.chineseDigits[$0] != nil }) {
            var v = 0.0
            for c in run { v = v * 10 + Double(Lexicon.chineseDigits[c]!) }
            return v
        }
        var total = 0.0  // everything at or above 亿
        var section = 0.0  // below 亿
        var small = 0.0  // below 万
        var digit = 0.0
        var sawDigit = false
        for c in run {
            if let d = Lexicon.chineseDigits[c] {
                digit = Double(d)
                sawDigit = true
                continue
            }
            guard let place = Lexicon.chinesePlaces[c] else { return nil }
            switch place {
            case 1e8:
                total = (total + section + small + digit) * 1e8
                section = 0
                small = 0
            case 1e4:
                section = (section + small + digit) * 1e4
                small = 0
            default:
                small += (sawDigit ? digit : 1) * place
            }
            digit = 0
            sawDigit = false
        }
        return total + section + small + digit
    }
}
