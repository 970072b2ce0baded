#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns bytes in UTF-8 (with or without a BOM), UTF-16 with a BOM, GB18030/GBK/GB2312 or Big5
/// into Swift strings, detecting which when the source does not say.
///
/// Detection: a BOM wins; then valid UTF-8; then whichever of GB18030 and Big5 decodes cleanly with
/// the more common Chinese characters. Anything else is an `AdapterError` with code
/// `.unsupportedEncoding` naming the input and what was found.
public struct CharsetDecoder: Sendable {
    /// A character set this decoder reads.
    public enum Charset: String, Sendable, Hashable {
        case utf8 = "UTF-8"
        case utf16LE = "UTF-16LE"
        case utf16BE = "UTF-16BE"
        case gb18030 = "GB18030"
        case big5 = "BIG5"
        /// Single-byte Western European charsets, read only where a source declares them (PX files'
        /// `CODEPAGE`): never guessed, since any byte sequence is valid in them.
        case latin1 = "ISO-8859-1"
        case latin9 = "ISO-8859-15"
        case windows1252 = "WINDOWS-1252"

        /// Maps a declared name ("gbk", "GB2312", "utf8", "big5-hkscs") to a charset this decoder reads.
        public init?(declared name: String) {
            let n = name.lowercased().replacingAll("_", with: "-").trimmingWhitespace()
            switch n {
            case "utf-8", "utf8", "unicode-1-1-utf-8": self = .utf8
            case "utf-16le": self = .utf16LE
            case "utf-16be", "utf-16": self = .utf16BE
            case "gb18030", "gbk", "gb2312", "gb-2312", "cp936", "x-gbk", "euc-cn", "csgb2312", "windows-936":
                self = .gb18030
            case "big5", "big-5", "big5-hkscs", "cp950", "x-big5", "csbig5": self = .big5
            case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso-latin-1": self = .latin1
            case "iso-8859-15", "iso8859-15", "latin9", "latin-9": self = .latin9
            case "windows-1252", "cp1252", "ansi", "win1252": self = .windows1252
            default: return nil
            }
        }
    }

    /// Decoded text and the charset it was in.
    public struct Decoded: Sendable {
        public var text: String
        public var charset: Charset
    }

    /// Decodes `bytes` whole. `declared` is a charset the source claims (HTTP, XML declaration);
    /// `name` names the input in errors.
    public static func decode(_ bytes: [UInt8], declared: String? = nil, name: String) throws -> Decoded {
        let charset = try detect(bytes, declared: declared, name: name, complete: true)
        let start = bomLength(bytes, charset)
        let text = try convert(bytes[start...], from: charset, name: name)
        return Decoded(text: text, charset: charset)
    }

    /// Picks the charset of `bytes` (a whole input, or its first chunk when `complete` is false).
    public static func detect(_ bytes: [UInt8], declared: String? = nil, name: String, complete: Bool = true) throws
        -> Charset
    {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8 }
        if bytes.starts(with: [0xFF, 0xFE]) { return .utf16LE }
        if bytes.starts(with: [0xFE, 0xFF]) { return .utf16BE }
        if let nul = bytes.prefix(8192).firstIndex(of: 0) {
            throw AdapterError(
                .unsupportedEncoding,
                "\(name): binary data (a NUL byte at offset \(nul)); expected text in UTF-8, GB18030/GBK or Big5")
        }
        if let declared {
            guard let cs = Charset(declared: declared) else {
                throw AdapterError(
                    .unsupportedEncoding,
                    "\(name): declared charset '\(declared)' is not supported; convert the file to UTF-8, GB18030/GBK or Big5"
                )
            }
            if cs != .utf8 || validUTF8Prefix(bytes, complete: complete) { return cs }
            // A declared UTF-8 that is not: fall through to detection.
        }
        if validUTF8Prefix(bytes, complete: complete) { return .utf8 }
        let sample = Array(bytes.prefix(complete ? bytes.count : completeUTF8Length(bytes)))
        var best: (Charset, Int)?
        for cs in [Charset.gb18030, .big5] {
            guard let text = try? convert(sample[...], from: cs, name: name, allowTruncatedEnd: !complete) else {
                continue
            }
            let score = commonScore(text)
            if best == nil || score > best!.1 { best = (cs, score) }
        }
        if let best { return best.0 }
        let offset = firstInvalidUTF8(bytes)
        throw AdapterError(
            .unsupportedEncoding,
            "\(name): not valid UTF-8 (bad byte 0x\(String(bytes[offset], radix: 16)) at offset \(offset)), GB18030/GBK or Big5; convert it to UTF-8 (iconv -f ENCODING -t UTF-8)"
        )
    }

    /// The length of a BOM at the start of `bytes` for `charset`.
    public static func bomLength(_ bytes: [UInt8], _ charset: Charset) -> Int {
        switch charset {
        case .utf8: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        case .utf16LE: bytes.starts(with: [0xFF, 0xFE]) ? 2 : 0
        case .utf16BE: bytes.starts(with: [0xFE, 0xFF]) ? 2 : 0
        default: 0
        }
    }

    /// Converts bytes in `charset` to a string.
    package static func convert(
        _ bytes: ArraySlice<UInt8>, from charset: Charset, name: String, allowTruncatedEnd: Bool = false
    ) throws -> String {
        if charset == .utf8 {
            if let s = String(validating: bytes, as: UTF8.self) { return s }
            throw AdapterError(
                .unsupportedEncoding,
                "\(name): not valid UTF-8 at offset \(firstInvalidUTF8(Array(bytes)))")
        }
        var converter = try Converter(from: charset, name: name)
        var out = try converter.feed(bytes)
        if !allowTruncatedEnd {
            try converter.finish()
        }
        out += ""
        return out
    }

    /// A streaming converter to UTF-8 that keeps a partial character across chunk boundaries.
    public struct Converter: ~Copyable {
        private let handle: iconv_t
        private let name: String
        private let charset: Charset
        private var pending: [UInt8] = []
        private var offset = 0

        public init(from charset: Charset, name: String) throws {
            self.charset = charset
            self.name = name
            let h = iconv_open("UTF-8", charset.rawValue)
            if h == iconv_t(bitPattern: -1) {
                throw AdapterError(.unsupportedEncoding, "\(name): this system cannot convert from \(charset.rawValue)")
            }
            self.handle = h!
        }

        deinit { iconv_close(handle) }

        /// Converts the next chunk; bytes of a character cut at the chunk's end wait for the next one.
        public mutating func feed(_ chunk: ArraySlice<UInt8>) throws -> String {
            var input = pending
            input.append(contentsOf: chunk)
            pending.removeAll(keepingCapacity: true)
            if input.isEmpty { return "" }
            var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
            var consumed = 0
            var produced = 0
            try input.withUnsafeMutableBufferPointer { inBuf in
                try output.withUnsafeMutableBufferPointer { outBuf in
                    var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!)
                        .assumingMemoryBound(to: CChar.self)
                    var inLeft = inBuf.count
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
                        .assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuf.count
                    while inLeft > 0 {
                        let r = iconv(handle, &inPtr, &inLeft, &outPtr, &outLeft)
                        if r != -1 { break }
                        let err = errno
                        if err == EINVAL {  // an incomplete sequence at the end: keep it
                            break
                        }
                        let at = self.offset + (inBuf.count - inLeft)
                        let bad = inLeft > 0 ? inPtr!.pointee : 0
                        throw AdapterError(
                            .unsupportedEncoding,
                            "\(name): byte 0x\(String(UInt8(bitPattern: bad), radix: 16)) at offset \(at) is not valid \(charset.rawValue); check the file's encoding"
                        )
                    }
                    consumed = inBuf.count - inLeft
                    produced = outBuf.count - outLeft
                }
            }
            if consumed < input.count { pending = Array(input[consumed...]) }
            offset += consumed
            return String(decoding: output[..<produced], as: UTF8.self)
        }

        /// Fails when the input ended inside a character.
        public func finish() throws {
            if !pending.isEmpty {
                throw AdapterError(
                    .unsupportedEncoding,
                    "\(name): the input ends inside a \(charset.rawValue) character at offset \(offset); the file may be truncated"
                )
            }
        }
    }

    // MARK: - Helpers

    static func validUTF8Prefix(_ bytes: [UInt8], complete: Bool) -> Bool {
        if complete { return String(validating: bytes, as: UTF8.self) != nil }
        let n = completeUTF8Length(bytes)
        return String(validating: bytes[..<n], as: UTF8.self) != nil
    }

    /// The length of `bytes` without a UTF-8 character cut at its end (for decoding chunk by chunk).
    public static func completeUTF8Length(_ bytes: [UInt8]) -> Int {
        var n = bytes.count
        var back = 0
        while n > 0 && back < 3 && (bytes[n - 1] & 0xC0) == 0x80 {
            n -= 1
            back += 1
        }
        if n > 0 && bytes[n - 1] >= 0xC0 {
            let lead = bytes[n - 1]
            let len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            return back + 1 < len ? n - 1 : bytes.count
        }
        return bytes.count
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let len: Int
            if b < 0x80 {
                len = 1
            } else if b >> 5 == 0x6 {
                len = 2
            } else if b >> 4 == 0xE {
                len = 3
            } else if b >> 3 == 0x1E {
                len = 4
            } else {
                return i
            }
            if i + len > bytes.count { return i }
            for k in 1..<len where (bytes[i + k] & 0xC0) != 0x80 { return i }
            i += len
        }
        return max(0, min(i, bytes.count - 1))
    }

    static func commonScore(_ text: String) -> Int {
        var score = 0
        for scalar in text.unicodeScalars where scalar.value >= 0x4E00 && commonCharacters.contains(scalar) {
            score += 1
        }
        return score
    }

    /// Frequent characters of Chinese text, simplified and traditional.
    static let commonCharacters: Set<Unicode.Scalar> = Set(
        ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严首底液官德随病苏失尔死讲配女黄推显谈罪神艺呢席含企望密批营项防举球英氧势告李台落木帮轮破亚师围注远字材排供河态封另施减树溶怎止案言士均武固叶鱼波视仅费紧爱左章早朝害续轻服试食充兵源判护司足某练差致板田降黑犯负击范继兴似余坚曲输修故城夫够送笔船占右财吃富春职觉汉画功巴跟虽杂飞检吸助升阳互初创抗考投坏策古径换未跑留钢曾端责站简述钱副尽帝射草冲承独令限阿宣环双请超微让控州良轴找否纪益依优顶础载倒房突坐粉敌略客袁冷胜绝析块剂测丝协诉念陈仍罗盐友洋错苦夜刑移频逐靠混母短皮终聚汽村云哪既距卫停烈央察烧迅境若印洲刻括激孔搞甚室待核校散侵吧甲游久菜味旧模湖货损预阻毫普稳乙妈植息扩银语挥酒守拿序纸医缺雨吗针刘啊急唱误训愿审附获茶鲜粮斤孩脱硫肥善龙演父渐血欢械掌歌沙刚攻谓盾讨晚粒乱燃矛乎杀药宁鲁贵钟煤读班伯香介迫句丰培握兰担弦蛋沉假穿执答乐谁顺烟缩征脸喜松脚困异免背星福买染井概慢怕磁倍祖皇促静补评翻肉践尼衣宽扬棉希伤操垂秋宜氢套督振架亮末宪庆编牛触映雷销诗座居抓裂胞呼娘景威绿晶厚盟衡鸡孙延危胶屋乡临陆顾掉呀灯岁措束耐剧玉赵跳哥季课凯胡额款绍卷齐伟蒸殖永宗苗川炉岩弱零杨奏沿露杆探滑镇饭浓航怀赶库夺伊灵税途灭赛归召鼓播盘裁险康唯录菌纯借糖盖横符私努堂域枪润幅哈竟熟虫泽脑壤碳欧遍侧寨敢彻虑斜薄庭纳弹饲伸折麦湿暗荷瓦塞床筑恶户访塔奇透梁刀旋迹卡氯遇份毒泥退洗摆灰彩卖耗夏择忙铜献硬予繁圈雪函亦抽篇阵阴丁尺追堆雄迎泛爸楼避谋吨野猪旗累偏典馆索秦脂潮爷豆忽托惊塑遗愈朱替纤粗倾尚痛楚谢奋购磨君池旁碎骨监捕弟暴割贯殊释词亡壁顿宝午尘闻揭炮残冬桥妇警综招吴付浮遭徐您摇谷赞箱隔订男吹园纷唐败宋玻巨耕坦荣闭湾键凡驻锅救恩剥凝碱齿截炼麻纺禁废盛版缓净睛昌婚涉筒嘴插岸朗庄街藏姑贸腐奴啦惯乘伙恢匀纱扎辩耳彪臣亿璃抵脉秀萨俄网舞店喷纵寸汗挂洪贺闪"
            + "這個們來說對時會國經發產過後現實從業還問題應開與關點長見頭動體義學門當變於條機間進數將體總資報決戰軍區電連結處書論導號團據員樣導華無農樂強專難權價種議廣運議聯務環質傳試議設視術熱職節當導響爲這麼幾讓紀組達錢統響買賣農區縣鄉鎮億萬畝噸項戶個條臺灣")
            .unicodeScalars)
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
