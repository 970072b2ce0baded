import IndicatorKit
import Vocabulary

/// The words the speech-text reader recognizes, in simplified script.
///
/// Text is matched on a normalized copy of each line (`Lexicon.normalize`): full-width digits and
/// signs become ASCII, masking letters become `X`, and traditional characters that matter map one
/// to one onto simplified ones, so every rule below reads both scripts and columns stay exact.
enum Lexicon {
    typealias Word = [UInt32]

    /// The shipped vocabulary (catalog/units.yaml): units, multipliers, comparator and cue words,
    /// folding. Every table below is built from it once, at first use.
    static let vocabulary = Vocabulary.shipped

    static func word(_ s: String) -> Word { s.unicodeScalars.map(\.value) }

    /// Words longest first, so a scan takes the longest match.
    static func words(_ list: [String]) -> [Word] {
        list.map(word).sorted { $0.count > $1.count }
    }

    // MARK: - Normalization

    /// Maps one scalar onto its normalized form (one scalar in, one out), by table in the BMP.
    @inline(__always)
    static func normalize(_ c: UInt32) -> UInt32 {
        c < 0x10000 ? UInt32(normalizedBMP[Int(c)]) : c
    }

    /// `normalizeSlow` over the whole Basic Multilingual Plane.
    static let normalizedBMP: [UInt16] = (0..<0x10000).map { UInt16(normalizeSlow(UInt32($0))) }

    /// Character flags for the scanner's hot loop.
    static let flags: [UInt8] = (0..<0x10000).map { c -> UInt8 in
        let c = UInt32(c)
        var f: UInt8 = 0
        if chineseDigits[c] != nil { f |= chineseDigitFlag }
        if chinesePlaces[c] != nil { f |= chinesePlaceFlag }
        if openQuotes.contains(c) { f |= openQuoteFlag }
        if closeQuotes.contains(c) { f |= closeQuoteFlag }
        if c == percentWord[0] || c == permilleWord[0] { f |= percentWordFlag }
        if c < 0x80 || c == flat[0] { f |= interestingFlag }
        return f
    }
    @inline(__always) static func isChineseDigit(_ c: UInt32) -> Bool {
        c < 0x10000 && flags[Int(c)] & chineseDigitFlag != 0
    }
    @inline(__always) static func isChinesePlace(_ c: UInt32) -> Bool {
        c < 0x10000 && flags[Int(c)] & chinesePlaceFlag != 0
    }

    static let chineseDigitFlag: UInt8 = 1
    static let chinesePlaceFlag: UInt8 = 2
    static let openQuoteFlag: UInt8 = 4
    static let closeQuoteFlag: UInt8 = 8
    static let percentWordFlag: UInt8 = 16
    static let interestingFlag: UInt8 = 32

    static func normalizeSlow(_ c: UInt32) -> UInt32 {
        if c < 0x80 { return c == 0x78 ? 0x58 : c }  // x → X
        switch c {
        case 0xFF10...0xFF19: return c - 0xFF10 + 0x30  // full-width digits
        case 0xFF05: return 0x25  // ％
        case 0xFF0E: return 0x2E  // ．
        case 0xFF38, 0xFF58: return 0x58  // Ｘ ｘ
        case 0xFF3B, 0x3010: return 0x5B  // ［ 【
        case 0xFF3D, 0x3011: return 0x5D  // ］ 】
        case 0xFF5E, 0x301C: return 0x7E  // ～ 〜
        case 0xFF0D, 0x2014, 0x2013, 0x2012, 0x2212: return 0x2D  // － — – ‒ −
        case 0xFF08: return 0x28
        case 0xFF09: return 0x29
        case 0xFF01: return 0x21
        case 0xFF1F: return 0x3F
        case 0xFF1B: return 0x3B
        case 0xFF1A: return 0x3A
        case 0xFE50, 0xFE51: return 0x3001  // small comma forms → 、
        case 0x3000: return 0x20
        default:
            if c >= 0x4E00 { return traditional[c] ?? c }
            return c
        }
    }

    /// Traditional characters mapped to simplified: the vocabulary's `folding`.
    static let traditional: [UInt32: UInt32] = vocabulary.foldingMap

    // MARK: - Character classes

    @inline(__always) static func isDigit(_ c: UInt32) -> Bool { c >= 0x30 && c <= 0x39 }
    @inline(__always) static func isLatin(_ c: UInt32) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }
    @inline(__always) static func isHan(_ c: UInt32) -> Bool {
        (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)
    }

    /// Ends a sentence: 。！？；; ! ?, and | between cells of a row read as text.
    @inline(__always) static func endsSentence(_ c: UInt32) -> Bool {
        c == 0x3002 || c == 0x21 || c == 0x3F || c == 0x3B || c == 0xFF61 || c == 0x7C
    }

    /// Ends a clause inside a sentence: ， , ： :
    @inline(__always) static func endsClause(_ c: UInt32) -> Bool {
        c == 0xFF0C || c == 0x2C || c == 0x3A
    }

    static let openQuotes: Set<UInt32> = [0x201C, 0x300C, 0x300E, 0x2018]
    static let closeQuotes: Set<UInt32> = [0x201D, 0x300D, 0x300F, 0x2019]

    /// Chinese numeral digits and their values.
    static let chineseDigits: [UInt32: Int] = {
        var m: [UInt32: Int] = [:]
        for (i, s) in ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"].enumerated() {
            m[s.unicodeScalars.first!.value] = i
        }
        m[word("〇")[0]] = 0
        m[word("两")[0]] = 2
        m[word("壹")[0]] = 1
        return m
    }()
    static let chinesePlaces: [UInt32: Double] = [
        word("十")[0]: 10, word("百")[0]: 100, word("千")[0]: 1000, word("万")[0]: 1e4, word("亿")[0]: 1e8,
    ]
    static let chinesePoint = word("点")[0]
    static let ten = word("十")[0]

    // MARK: - Units

    /// What a unit measures, as far as the reader needs to know.
    enum UnitClass: Sendable, Equatable {
        case percent, permille, points, money, count, physical, time, multiplier, qualifier

        /// A ratio: %, ‰ or percentage points.
        var isRatio: Bool { self == .percent || self == .permille || self == .points }

        init(_ reading: UnitWord.Reading) {
            switch reading {
            case .percent: self = .percent
            case .permille: self = .permille
            case .points: self = .points
            case .money: self = .money
            case .count: self = .count
            case .physical: self = .physical
            case .time: self = .time
            case .qualifier: self = .qualifier
            }
        }
    }

    /// Base units after an optional multiplier, longest first: the vocabulary's units read in text.
    static let units: [(Word, UnitClass)] = {
        var list: [(String, UnitClass)] = vocabulary.units.filter(\.inText).map { ($0.unit, UnitClass($0.reading)) }
        list.sort { $0.0.unicodeScalars.count > $1.0.unicodeScalars.count }
        return list.map { (word($0.0), $0.1) }
    }()

    /// Words that start with a unit character but are no unit ("XX人民", "3项目"): the figure before
    /// them is a name or a code.
    static let unitLookalikes = WordSet(vocabulary.cue("unit-lookalikes"))

    /// `units` by first character.
    static let unitsByFirst: [UInt32: [(Word, UnitClass)]] = Dictionary(grouping: units, by: { $0.0[0] })

    /// Multipliers kept in the unit ("8万亩" → 8, 万亩), longest first.
    static let multipliers = words(vocabulary.multipliers.filter(\.inText).map(\.word))

    /// Multipliers that stand alone as a unit ("油料3.33万").
    static let bareMultipliers = words(vocabulary.multipliers.filter { $0.inText && $0.alone }.map(\.word))

    // MARK: - Comparators

    /// Words right after a figure.
    static let suffixComparators: [(Word, TargetComparator)] = vocabulary.comparators
        .filter { $0.inText && $0.position == .after }.map { (word($0.word), $0.comparator) }

    /// Words right before a figure, longest first.
    static let prefixComparators: [(Word, TargetComparator)] = vocabulary.comparators
        .filter { $0.inText && $0.position == .before }
        .sorted { $0.word.unicodeScalars.count > $1.word.unicodeScalars.count }
        .map { (word($0.word), $0.comparator) }

    /// The words of `prefixComparators`.
    static let comparatorWords: Set<Word> = Set(prefixComparators.map(\.0))

    /// `prefixComparators` by last character.
    static let prefixComparatorsByLast: [UInt32: [(Word, TargetComparator)]] = Dictionary(
        grouping: prefixComparators, by: { $0.0[$0.0.count - 1] })

    // MARK: - Verbs around figures

    /// Words before a % figure that make it a growth rate.
    static let growthWords = Set(words(vocabulary.cue("growth")))
    /// Of those, the ones of decline: the figure becomes negative.
    static let declineWords = Set(words(vocabulary.cue("decline")))
    /// Words that make what follows a level reached ("提高到95%"), not a change.
    static let toLevelWords = Set(words(vocabulary.cue("to-level")))
    /// Verbs right before a non-ratio figure that make it an absolute increment ("比上年增加368万吨").
    static let incrementWords = Set(words(vocabulary.cue("increment")))

    /// Stripped from the start of a subject, repeatedly.
    static let leadingNoise = WordSet(vocabulary.cue("leading-noise"))

    /// Stripped from the end of a subject, repeatedly; growth and comparator words are noted on the way.
    static let trailingNoise = WordSet(vocabulary.cue("trailing-noise"))

    /// Words a count-first noun phrase ends at ("5家企业被评为…").
    static let followingStops = WordSet([
        "被", "完成", "全部", "全面", "投产", "落地", "开工", "竣工", "获", "入选", "成为", "已", "正在", "实现",
        "达到", "建成", "通过", "纳入", "进入", "列入", "开展", "参与", "享受", "惠及", "覆盖", "累计", "同比",
        "增长", "下降", "提高", "占", "用于", "位居", "排名", "计划", "正式", "顺利", "相继", "先后", "分别",
        "、", "及其", "以及", "和", "与",
    ])

    /// Words right after a count that make it no count-first figure (what follows is no noun of its own).
    static let followingNonNouns = WordSet([
        "以上", "以下", "以内", "左右", "被", "完成", "全部", "全面", "投产", "落地", "开工", "竣工", "获", "入选",
        "成为", "已", "正在", "实现", "达到", "达", "通过", "纳入", "进入", "列入", "和", "与", "及", "或", "等",
        "同比", "比", "增长", "下降", "提高", "占", "为", "是", "在", "将", "要", "并", "以", "用于", "居", "位居",
        "排名", "左", "右", "后", "前", "内", "中", "里", "间", "时", "多", "余", "之", "至", "到", "增", "减", "共",
        "均", "各", "就", "也", "又", "再", "还", "都", "的", "了", "着", "过", "不", "没", "未", "得", "地", "所",
        "而", "但", "且", "即", "则", "便", "可", "能", "会", "需", "须", "应", "该", "已经", "基本", "保持", "稳定",
        "达标", "合格", "建设", "实施", "新建", "改造", "打造", "推进", "购置", "支持", "投入", "带动", "吸纳",
        "帮助", "覆盖", "惠及", "解决", "提供", "安置", "培训", "补助", "奖励", "资助", "扶持", "左右", "上下",
        "以来", "来", "啊", "呢", "吗", "吧", "上", "下", "大关", "关口", "台阶", "规模", "量级",
    ])

    /// Verbs that start an object phrase after a money figure ("投资4000万元建设…").
    static let objectVerbs = WordSet([
        "建设", "用于", "实施", "新建", "改造", "打造", "推进", "购置", "支持", "扶持", "改建", "扩建", "建成",
    ])

    /// Words at the end of a count-first noun phrase that belong to the verb, not the noun.
    static let followingTrailing = WordSet(["建设", "更新改造", "提升改造", "升级改造", "改造提升", "工程建设"])

    /// A clause that opens with these frames context ("围绕打造1个中心城区…"), not targets.
    static let framingStarts = WordSet(vocabulary.cue("framing-starts"))

    /// Cues that a statement is a plan.
    static let goalCues = WordSet(vocabulary.cue("goal"))
    /// Cues that a statement reports what happened.
    static let observationCues = WordSet(vocabulary.cue("observation"))

    /// Cues that a statement in a plan describes what already is ("现有规上企业120家").
    static let presentCues = WordSet(vocabulary.cue("present"))

    /// Heading words of a plan section.
    static let planHeadings = WordSet(vocabulary.cue("plan-headings"))
    /// Title words of a document that states targets.
    static let planTitles = WordSet(vocabulary.cue("plan-titles"))
    /// Heading words of a review section.
    static let reviewHeadings = WordSet(vocabulary.cue("review-headings"))

    static let flat = word("持平")
    static let tenThousand = word("万")[0]
    static let hundredMillion = word("亿")[0]
    static let toChar = word("到")[0]
    static let untilChar = word("至")[0]
    static let isChar = word("是")[0]
    static let upperChar = word("上")[0]
    static let shareOfChar = word("占")[0]
    static let comeChar = word("来")[0]
    static let placeSuffixes: Set<UInt32> = Set(["县", "市", "省", "区", "州", "旗"].map { word($0)[0] })
    static let task = word("任务")
    static let respectively = word("分别")
    static let each = WordSet(["每个", "每一个", "每村", "每乡", "每镇", "每户", "每人", "每名", "每位"])
    static let yearEnd = WordSet(["年末", "年底"])
    static let bulletinTitle = word("统计公报")
    static let attributive = word("的")[0]
    static let ordinal = word("第")[0]
    /// 前10位, 前三名: a rank among the first N, not a count.
    static let topRank = word("前")[0]
    static let rankUnits: Set<String> = ["位", "名", "强"]
    static let yearChar = word("年")[0]
    static let monthChar = word("月")[0]
    static let portionChar = word("份")[0]
    static let dayChar = word("日")[0]
    static let percentWord = word("百分之")
    static let permilleWord = word("千分之")
    static let attributiveTargets = WordSet(["目标", "任务", "要求", "水平", "增长", "增速", "增幅"])
    static let gradeChar = word("级")[0]
    static let moreChars: Set<UInt32> = [word("多")[0], word("余")[0]]
    /// 今年, 去年, 明年 and their offsets from the document year.
    static let relativeYearOffsets: [Word: Int] = [
        word("今年"): 0, word("本年"): 0, word("本年度"): 0, word("去年"): -1, word("上年"): -1, word("上一年"): -1,
        word("明年"): 1, word("下一年"): 1, word("过去的一年"): -1, word("过去一年"): -1, word("一年来"): -1,
    ]
    /// Spans of months written as words.
    static let monthSpans: [Word: (Int, Int)] = [
        word("上半年"): (1, 6), word("前三季度"): (1, 9), word("一季度"): (1, 3), word("第一季度"): (1, 3),
        word("前两个月"): (1, 2), word("前4个月"): (1, 4), word("前5个月"): (1, 5), word("前7个月"): (1, 7),
        word("前8个月"): (1, 8), word("前10个月"): (1, 10), word("前11个月"): (1, 11), word("二季度"): (4, 6),
        word("三季度"): (7, 9), word("四季度"): (10, 12), word("下半年"): (7, 12), word("全年"): (1, 12),
    ]
    static let monthSpanWords = WordSet([
        "上半年", "前三季度", "一季度", "第一季度", "前两个月", "前4个月", "前5个月", "前7个月", "前8个月", "前10个月",
        "前11个月", "二季度", "三季度", "四季度", "下半年", "全年",
    ])
    static let relativeYears = WordSet([
        "今年", "本年", "本年度", "去年", "上年", "上一年", "明年", "下一年", "过去的一年", "过去一年", "一年来",
    ])
    static let comparisonBases = WordSet(["比", "较", "与", "同", "相比", "对比", "于", "和"])
    static let rangeJoiners: Set<UInt32> = [0x2D, 0x7E, word("至")[0], word("到")[0]]
    static let listSeparators: Set<UInt32> = [0x3001, word("和")[0], word("与")[0], word("及")[0], word("、")[0]]
    /// Scope words that, right before a count, describe the territory ("全市30个乡镇").
    static let scopes = WordSet(["全县", "全市", "全省", "全区", "全国", "全州", "全镇", "全乡", "全旗", "全盟", "全域"])
    static let genericInvestment = WordSet(["投资", "总投资", "资金", "投入", "计划投资", "完成投资"])

    // MARK: - Framing, comparisons and spans

    static let someChar = word("某")[0]
    static let thanChar = word("比")[0]
    static let comparedChar = word("较")[0]
    /// Words before a figure that mark it an estimate.
    static let estimateCues = WordSet(vocabulary.cue("estimate"))
    /// Words that make a figure a contribution to another one's growth.
    static let contributionWords = WordSet(["拉动", "带动"])
    static let pull = word("拉动")
    /// Growth words of an average over years.
    static let averageWords = Set(words(["年均增长", "平均增长", "年均", "年均提高", "年均下降"]))
    static let averagePrefixes = WordSet(["年均", "年平均", "平均每年"])
    /// Verbs that compare with another region right before it ("高于全省").
    static let regionComparisons = WordSet([
        "高于", "低于", "快于", "慢于", "高出", "低出", "超出", "领先", "落后", "优于", "比", "较", "与", "同", "和",
        "居", "位居", "列", "超", "超过", "快", "慢", "高", "低",
    ])
    static let otherRegions = WordSet([
        "全省", "全市", "全国", "全区", "全州", "全盟", "全县", "省平均", "市平均", "国家平均", "平均水平", "省内",
        "同类", "全省平均", "全市平均", "全国平均",
    ])
    /// Characters that, after a leading noise word, show it is part of a word ("保障性", "发展型").
    static let boundSuffixes: Set<UInt32> = Set(["性", "型", "化", "式", "类", "率", "者", "区", "金"].map { word($0)[0] })
    /// 金融 ("年末金融机构…存款余额"): 金 starts a word here, not ends the one before it.
    static let finance = word("金融")
    /// 企业 and the verbs that join them to what they achieved ("企业实现利润总额").
    static let enterprise = word("企业")
    static let achieveVerbs = words(["实现", "完成"])
    static let newlyAdded = word("新增")
    static let aboveSize = WordSet(["规上", "规模以上", "限上", "限额以上"])
    static let planPeriods = WordSet(["十三五", "十四五", "十五五", "十二五"])
    static let planPeriodYears: [Word: (Int, Int)] = [
        word("十二五"): (2011, 2015), word("十三五"): (2016, 2020), word("十四五"): (2021, 2025), word("十五五"): (2026, 2030),
    ]
    static let pastFiveYears = WordSet(["过去五年", "五年来", "过去的五年", "近五年"])

    // MARK: - Tables

    static let unitWord = word("单位")
    static let valueChar = word("值")[0]
    static let industryChar = word("业")[0]
    static let valueAdded = word("增加值")
    static let tableChar = word("表")[0]
    static let attachedChar = word("附")[0]
    static let among = word("其中")
    static let estimateWord = word("预计")
    /// Header words of columns that hold no figure of the row.
    static let ignoredColumns = WordSet([
        "序号", "编号", "备注", "说明", "责任单位", "牵头单位", "责任领导", "责任人", "排名", "排位", "排序", "位次", "名次", "完成率",
        "完成进度", "上年同期", "去年同期", "上年", "去年", "基期",
    ])
    static let unitColumns = WordSet(["单位", "计量单位"])
    static let regionColumns = WordSet(["地区", "区域", "县市区", "县(市", "乡镇", "地市", "市州", "各县"])
    static let goalColumns = WordSet(["目标", "任务", "计划", "预期", "指标值"])
    static let outcomeColumns = WordSet(["完成", "实际", "执行", "进展", "实绩", "落实情况", "结果"])
    static let labelColumns = WordSet(["指标", "项目", "名称", "产品", "地区", "类别", "行业", "分组", "品种", "内容"])
    static let growthColumns = WordSet(["增长", "增速", "增幅", "增减", "同比", "比上年", "比去年", "较上年", "±"])
    static let shareColumns = WordSet(["比重", "占比", "构成", "占"])
    /// Header nouns that name what a level column measures; they complete the row label ("水泥" → 水泥产量).
    static let measureNouns = [
        "产量", "产值", "增加值", "面积", "金额", "收入", "销售额", "营业收入", "利润", "总量", "出栏", "存栏",
        "销售量", "发电量", "用电量", "进出口", "进口", "出口", "投资", "人数", "数量",
    ]
    /// Last characters of a label that names its own measure ("发电量", "产值", "销售额").
    static let measureEnds: Set<UInt32> = Set(
        ["量", "值", "额", "数", "入", "资", "积", "率", "重", "出", "润"].map { word($0)[0] })
    /// Subjects that name a target, not what it is about ("完成目标的104.2%").
    static let targetNouns: Set<String> = [
        "目标", "任务", "计划", "年度目标", "全年目标", "目标任务", "年度任务", "年度计划", "序时进度", "进度",
        "目標", "任務", "計劃", "年度目標", "全年目標", "目標任務", "年度任務", "年度計劃",
    ]
    /// Words that make an all-text row a table header.
    static let headerWords = WordSet([
        "指标", "单位", "增长", "产量", "名称", "项目", "目标", "任务", "完成", "绝对数", "比重", "数量", "金额", "%",
        "序号", "情况", "计划", "实际", "合计", "总计", "比上年", "同比", "增速", "本年", "年末", "全年",
    ])
}
