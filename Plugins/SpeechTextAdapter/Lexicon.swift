import IndicatorKit

/// The words the speech-text reader recognizes, in simplified script.
///
/// Text is matched on a normalized copy of each line (`Lexicon.normalize`): full-width digits and
/// signs become ASCII, masking letters become `X`, and traditional characters that matter map one
/// to one onto simplified ones, so every rule below reads both scripts and columns stay exact.
enum Lexicon {
    typealias Word = [UInt32]

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

    /// Traditional characters that occur in the words below, mapped to simplified.
    static let traditional: [UInt32: UInt32] = {
        let pairs = """
            萬万 億亿 畝亩 噸吨 個个 項项 戶户 條条 臺台 輛辆 張张 點点 長长 達达 內内 於于 設设 計计 劃划 確确 爭争 標标 \
            預预 實实 現现 產产 總总 額额 業业 資资 與与 較较 區区 縣县 鄉乡 鎮镇 國国 統统 農农 糧粮 價价 費费 務务 養养 \
            醫医 學学 園园 廠厂 電电 網网 車车 處处 雙双 將将 這这 們们 過过 從从 進进 會会 發发 經经 濟济 開开 關关 間间 \
            問问 題题 當当 導导 為为 爲为 負负 減减 補补 續续 規规 頭头 隻只 牀床 棟栋 塊块 場场 種种 類类 冊册 兩两 佔占 \
            漲涨 積积 結结 顧顾 級级 綠绿 質质 頃顷 鐘钟 時时 歲岁 號号 對对 據据 圍围 繞绕 針针 隨随 託托 須须 應应 專专 \
            體体 財财 貨货 運运 輸输 銷销 僅仅 約约 數数 幾几 來来 動动 歷历 強强 帶带 構构 環环 節节 態态 創创 優优 穩稳 \
            擴扩 獲获 淨净 嚴严 轉转 並并 報报 紀纪 護护 記记 證证 議议 選选 邊边 鐵铁 錢钱 鋼钢 陽阳 際际 險险 難难 顯显 \
            風风 餘余 館馆 驗验 黃黄 樓楼 樂乐 機机 權权 氣气 獎奖 畫画 監监 稅税 競竞 範范 築筑 簡简 紅红 組组 終终 給给 \
            綜综 維维 線线 織织 繼继 聯联 職职 興兴 舊旧 華华 藥药 術术 衛卫 裝装 複复 製制 視视 觀观 訓训 試试 認认 說说 \
            調调 談谈 論论 謀谋 講讲 識识 變变 貿贸 賽赛 趕赶 軍军 載载 輕轻 辦办 郵邮 銀银 鋪铺 錄录 門门 陸陆 隊队 階阶 \
            響响 頂顶 順顺 領领 頻频 願愿 飯饭 駛驶 鬆松 黨党 龍龙 溫温 災灾 無无 煙烟 熱热 燈灯 獨独 獻献 療疗 盡尽 眾众 \
            稱称 窮穷 筆笔 練练 績绩 繳缴 羅罗 聲声 舉举 葉叶 蘭兰 裡里 見见 親亲 覽览 訪访 評评 譯译 讀读 豐丰 貢贡 貧贫 \
            貴贵 貸贷 賦赋 購购 趨趋 跡迹 輔辅 遊游 遠远 適适 遷迁 遺遗 釋释 鏈链 陣阵 陳陈 雞鸡 雜杂 離离 驅驱 鮮鲜 麗丽 \
            壓压 壞坏 墾垦 壯壮 夢梦 奪夺 奮奋 婦妇 寧宁 寶宝 寬宽 審审 層层 屬属 幣币 師师 幫帮 廣广 廢废 彈弹 徑径 復复 \
            徵征 憂忧 懷怀 戰战 擊击 擁拥 擔担 擬拟 攜携 斷断 曆历 書书 東东 樣样 橋桥 檢检 歸归 殘残 漁渔 滿满 漢汉 澤泽 \
            煉炼 牆墙 異异 發发 碩硕 種种 窯窑 釐厘 鄰邻 償偿 傳传 僱雇 儲储 劑剂 勞劳 務务 勢势 協协 參参 嚮向 團团 圖图 \
            壩坝 夥伙 孫孙 寫写 嶺岭 廳厅 彙汇 慣惯 擴扩 攤摊 敗败 業业 極极 歡欢 濱滨 瀏浏 灣湾 狀状 畢毕 瘧疟 盤盘 碼码 \
            禮礼 穀谷 糧粮 紡纺 細细 絕绝 絲丝 緊紧 縮缩 繫系 罰罚 腳脚 艦舰 蘇苏 蝦虾 衝冲 製制 覆覆 詞词 豬猪 貓猫 賃赁 \
            贈赠 躍跃 遞递 邁迈 醬酱 鈞钧 鋒锋 錯错 鍋锅 閒闲 閱阅 陰阴 隱隐 靜静 頁页 顏颜 額额 颱台 飽饱 騰腾 髮发 鬥斗 \
            魚鱼 鳥鸟 麥麦 齊齐 齡龄 齒齿 蓋盖 礦矿 礎础 讓让 贏赢 雲云 飛飞 體体 氫氢 塊块 億亿 菸烟 闢辟 濕湿 燒烧 欄栏 鴨鸭 雞鸡 豬猪 魚鱼 蝦虾 廁厕 別别 籌筹 納纳 換换 後后 歐欧 準准 盞盏 況况 執执 著着 單单 廁厕 幹干 産产 綫线 啓启 衆众 裏里 備备 註注 責责 牽牵 潤润 員员 債债 營营 純纯 紗纱 態态 廠厂 倉仓 庫库 價价 儀仪 療疗 園园 醫医 險险 碼码
            """
        var map: [UInt32: UInt32] = [:]
        for pair in pairs.split(separator: " ") {
            let s = Array(pair.unicodeScalars)
            if s.count == 2, s[0] != s[1] { map[s[0].value] = s[1].value }
        }
        return map
    }()

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
    }

    /// Base units after an optional multiplier, longest first.
    static let units: [(Word, UnitClass)] = {
        var list: [(String, UnitClass)] = [
            ("个百分点", .points), ("百分点", .points),
            ("元", .money), ("美元", .money), ("欧元", .money), ("港元", .money),
            ("平方公里", .physical), ("平方千米", .physical), ("平方米", .physical), ("立方米", .physical),
            ("公顷", .physical), ("亩", .physical), ("公里", .physical), ("千米", .physical), ("米", .physical),
            ("吨标准煤", .physical), ("吨", .physical), ("公斤", .physical), ("千克", .physical), ("斤", .physical),
            ("人公里", .physical), ("吨公里", .physical), ("微克/立方米", .physical), ("微克", .physical), ("毫克", .physical), ("立方米/秒", .physical), ("千瓦时", .physical),
            ("千瓦", .physical), ("兆瓦", .physical), ("吉瓦", .physical), ("标箱", .physical),
            ("千伏安", .qualifier), ("千伏", .qualifier), ("伏", .qualifier),
            ("人次", .count), ("户次", .count), ("剂次", .count), ("辆次", .count), ("架次", .count),
            ("人", .count), ("户", .count), ("个", .count), ("家", .count), ("所", .count), ("座", .count),
            ("条", .count), ("套", .count), ("头", .count), ("羽", .count), ("只", .count), ("件", .count),
            ("项", .count), ("处", .count), ("台", .count), ("辆", .count), ("张", .count), ("名", .count),
            ("批", .count), ("次", .count), ("天", .count), ("床", .count), ("间", .count), ("栋", .count),
            ("幢", .count), ("部", .count), ("艘", .count), ("架", .count), ("棵", .count), ("株", .count),
            ("块", .count), ("篇", .count), ("场", .count), ("期", .count), ("种", .count), ("例", .count),
            ("册", .count), ("份", .count), ("宗", .count), ("起", .count), ("支", .count), ("位", .count),
            ("根", .count), ("盏", .count), ("口", .count), ("眼", .count), ("倍", .count), ("对", .count),
            ("分钟", .time), ("小时", .time), ("周岁", .time), ("岁", .time), ("个月", .time), ("个工作日", .time), ("工作日", .time),
        ]
        list.sort { $0.0.unicodeScalars.count > $1.0.unicodeScalars.count }
        return list.map { (word($0.0), $0.1) }
    }()

    /// Words that start with a unit character but are no unit ("XX人民", "3项目"): the figure before
    /// them is a name or a code.
    static let unitLookalikes = WordSet([
        "人民", "人口", "人才", "人员", "人均", "人大", "人工", "人力", "人群", "人居", "人文", "人社", "家庭", "家乡",
        "家园", "家长", "家政", "家具", "家电", "家属", "项目", "条件", "条例", "条款", "名单", "名称", "名牌", "名录",
        "户籍", "户口", "户外", "天然", "天气", "天地", "台阶", "台账", "处理", "处置", "处于", "批准", "批发", "次数",
        "部门", "部署", "部分", "场所", "场景", "期间", "期限", "种植", "种类", "种子", "种业", "例如", "份额", "起步",
        "支持", "支出", "支撑", "支付", "位置", "位于", "根本", "口岸", "只有", "只要", "所有", "所以", "所在", "座谈",
        "对外", "对接", "对口", "对于", "对象", "元素", "头部", "块状", "间隔", "件事", "床位", "元旦", "个人", "个体",
        "个性", "个别", "套餐",
    ])

    /// `units` by first character.
    static let unitsByFirst: [UInt32: [(Word, UnitClass)]] = Dictionary(grouping: units, by: { $0.0[0] })

    /// Multipliers kept in the unit ("8万亩" → 8, 万亩), longest first.
    static let multipliers = words(["万亿", "千亿", "百亿", "十亿", "亿", "千万", "百万", "十万", "万", "千", "百"])

    /// Multipliers that stand alone as a unit ("油料3.33万").
    static let bareMultipliers = words(["万亿", "亿", "万"])

    // MARK: - Comparators

    /// Words right after a figure.
    static let suffixComparators: [(Word, TargetComparator)] = [
        ("以上", TargetComparator.atLeast), ("以下", .atMost), ("以内", .atMost), ("之内", .atMost), ("左右", .about),
        ("上下", .about), ("之上", .atLeast),
    ].map { (word($0.0), $0.1) }

    /// Words right before a figure, longest first.
    static let prefixComparators: [(Word, TargetComparator)] = {
        let list: [(String, TargetComparator)] = [
            ("不低于", .atLeast), ("不少于", .atLeast), ("不小于", .atLeast), ("至少", .atLeast), ("最少", .atLeast),
            ("超过", .above), ("突破", .above), ("高于", .above), ("大于", .above), ("多于", .above),
            ("逾", .above), ("超", .above),
            ("不超过", .atMost), ("不高于", .atMost), ("不大于", .atMost), ("控制在", .atMost), ("最多", .atMost),
            ("至多", .atMost), ("低于", .below), ("少于", .below), ("小于", .below),
            ("大约", .about), ("约", .about), ("将近", .about), ("近", .about),
            // Signs set before a figure in tables and reprints ("<9.6亿千瓦时", "≥3000万立方米").
            ("<=", .atMost), (">=", .atLeast), ("<", .below), (">", .above), ("＜", .below), ("＞", .above),
            ("≤", .atMost), ("≥", .atLeast), ("⩽", .atMost), ("⩾", .atLeast),
        ]
        return list.sorted { $0.0.unicodeScalars.count > $1.0.unicodeScalars.count }.map { (word($0.0), $0.1) }
    }()

    /// The words of `prefixComparators`.
    static let comparatorWords: Set<Word> = Set(prefixComparators.map(\.0))

    /// `prefixComparators` by last character.
    static let prefixComparatorsByLast: [UInt32: [(Word, TargetComparator)]] = Dictionary(
        grouping: prefixComparators, by: { $0.0[$0.0.count - 1] })

    // MARK: - Verbs around figures

    /// Words before a % figure that make it a growth rate.
    static let growthWords = Set(
        words([
            "增长", "增速", "增幅", "涨幅", "上涨", "上升", "提高", "提升", "增加", "增产", "同比", "比上年", "比去年",
            "较上年", "较去年", "年均增长", "平均增长", "年均提高", "年均下降", "同比增长", "实际增长", "名义增长", "攀升", "增", "下降", "降低", "减少", "回落",
            "下跌", "减产", "收窄", "降幅", "跌幅", "缩减", "压减", "同比下降", "减", "降",
        ]))
    /// Of those, the ones of decline: the figure becomes negative.
    static let declineWords = Set(
        words(["下降", "降低", "减少", "回落", "下跌", "减产", "收窄", "降幅", "跌幅", "缩减", "压减", "同比下降", "减", "降", "年均下降"]))
    /// Words that make what follows a level reached ("提高到95%"), not a change.
    static let toLevelWords = Set(
        words([
            "提高到", "提高至", "提升到", "提升至", "增长到", "增长至", "增加到", "增加至", "下降到", "下降至", "降低到",
            "降低至", "降到", "降至", "减少到", "减少至", "上升到", "上升至", "增至", "增到", "压缩至", "缩短至",
        ]))
    /// Verbs right before a non-ratio figure that make it an absolute increment ("比上年增加368万吨").
    static let incrementWords = Set(words(["增加", "减少", "多增", "少增", "增长", "下降", "增产", "减产"]))

    /// Stripped from the start of a subject, repeatedly.
    static let leadingNoise = WordSet([
        "、", "和", "及", "以及", "与", "并", "且", "其中", "同时", "另外", "此外", "也", "都", "总共",
        "全年", "今年", "年内", "当年", "本年", "去年", "上年", "年末", "年底", "年初", "全年度", "上半年", "下半年",
        "全县", "全市", "全省", "全区", "全国", "全州", "全镇", "全乡", "全旗", "全盟", "县域", "全县域",
        "力争", "确保", "努力", "争取", "力求", "预计", "计划", "预期", "要", "将", "继续", "进一步", "持续",
        "加快", "推动", "推进", "支持", "实现", "完成", "新建", "建设", "建成", "实施", "培育", "打造", "招引", "谋划",
        "开展", "设立", "改造", "改扩建", "升级改造", "提升改造", "新修", "修建", "铺设", "发展", "组织", "举办",
        "引进", "争创", "创建", "申报", "新申报", "获批", "帮助", "投放", "累计", "共计", "已", "已经", "初步核算",
        "经初步核算", "据初步核算", "统筹整合", "整合", "统筹", "实施好", "抓好", "做好", "改建", "扩建", "新开工",
        "开工", "新培育", "新引进", "引导", "带动", "吸纳", "安排", "落实", "筹集", "达成", "保障", "提供",
        "新认定", "认定", "全面完成", "超额完成", "顺利完成", "确保全年", "力争全年", "努力实现", "基本实现",
        "了", "使", "让", "把", "被", "并且", "更换", "维修", "同口径", "按可比价格计算", "按可比价计算", "可比价",
        "还要", "还将", "再建", "再新建", "我们", "我市", "我县", "我省", "我区", "我国", "全体",
        "比上年末", "较上年末", "比上年同期", "比年初", "比上年", "较上年", "比去年", "同比", "共有", "拥有",
        "过去", "这", "基本建成", "基本完成", "投用", "投运", "投入使用", "建成投用", "建成投运", "开工建设", "新开工建设",
    ])

    /// Stripped from the end of a subject, repeatedly; growth and comparator words are noted on the way.
    static let trailingNoise = WordSet([
        "增长", "增速", "增幅", "涨幅", "上涨", "上升", "提高", "提升", "增加", "增产", "同比", "比上年", "比去年",
        "较上年", "较去年", "年均增长", "平均增长", "同比增长", "攀升", "下降", "降低", "减少", "回落", "下跌", "减产",
        "收窄", "降幅", "跌幅", "缩减", "压减", "同比下降", "提高到", "提高至", "提升到", "提升至", "增长到", "增长至",
        "增加到", "增加至", "下降到", "下降至", "降低到", "降低至", "降到", "降至", "减少到", "减少至", "上升到", "上升至",
        "达到", "达", "为", "是", "稳定在", "保持在", "控制在", "稳定", "保持", "控制", "突破", "超过", "高于", "低于",
        "不低于", "不少于", "不小于", "不超过", "不高于", "不大于", "至少", "最少", "约", "大约", "近", "将近", "分别",
        "均", "累计", "要", "将", "力争", "确保", "实现", "完成", "共", "合计", "总计", "在", "至", "到", "全年", "今年",
        "年内", "年末", "年底", "了", "的", "已", "已经", "超", "逾", "多于", "少于", "大于", "小于", "最多", "至多",
        "和", "、", "都", "也", "努力", "争取", "力求", "同口径", "可比价", "比上年末", "较上年末", "比上年同期",
        "比年初", "比上年末增长", "比上年末提高", "比上年末下降",
        "上年", "去年", "压缩", "缩短", "压缩至", "缩短至", "增至", "增到", "多增", "少增", "新修", "新建", "建成",
        "年均", "年均提高", "年均下降", "实际", "名义", "同比实际", "同比名义", "实际增长", "名义增长",
    ])

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
    static let framingStarts = WordSet([
        "围绕", "按照", "依托", "根据", "通过", "针对", "对于", "对", "随着", "基于", "借助", "依据", "立足", "对标",
        "瞄准", "参照", "相比", "相较", "较之", "面对", "面向",
    ])

    /// Cues that a statement is a plan.
    static let goalCues = WordSet(["力争", "确保", "目标", "预期", "计划", "争取", "努力", "力求", "拟", "预计到"])
    /// Cues that a statement reports what happened.
    static let observationCues = WordSet([
        "比上年", "比去年", "同比", "较上年", "较去年", "上年同期", "去年同期", "完成了", "实现了", "达到了", "增长了",
        "提高了", "下降了", "突破了", "超过了", "初步核算", "居全", "位居", "过去的一年", "过去一年", "一年来",
        "过去五年", "五年来", "超额完成",
    ])

    /// Cues that a statement in a plan describes what already is ("现有规上企业120家").
    static let presentCues = WordSet([
        "现有", "目前", "截至目前", "截至", "已建成", "已累计", "已经", "已达到", "已完成", "累计已", "已有", "现已",
    ])

    /// Heading words of a plan section.
    static let planHeadings = WordSet([
        "重点工作", "工作安排", "工作任务", "目标任务", "主要目标", "预期目标", "总体要求", "工作思路", "工作打算",
        "今年工作", "主要任务", "发展目标", "奋斗目标", "工作部署", "重点任务", "工作重点", "工作建议", "政策取向",
        "今年的工作", "明年工作", "下一步工作", "下步工作", "工作计划", "工作的建议", "目标任务", "总体思路",
    ])
    /// Title words of a document that states targets.
    static let planTitles = WordSet(["发展计划", "计划草案", "预期目标", "目标任务", "主要目标", "发展目标", "规划纲要"])
    /// Heading words of a review section.
    static let reviewHeadings = WordSet([
        "回顾", "总结", "工作成绩", "主要成绩", "成就", "过去一年", "过去五年", "工作情况", "去年工作", "取得的成绩",
        "发展成绩", "执行情况", "完成情况", "去年的工作", "过去一年的工作", "运行情况", "过去五年的工作",
    ])

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
    static let estimateCues = WordSet(["预计", "初步核算", "初步统计", "初步测算", "预估", "预测"])
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
    static let measureEnds: Set<UInt32> = Set(["量", "值", "额", "数", "入", "资", "积", "率", "重", "出", "润"].map { word($0)[0] })
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
