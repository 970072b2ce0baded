/// Text helpers for matching Chinese subjects: traditional → simplified folding and full-width
/// folding.
///
/// The table covers the characters that occur in statistical bulletins and work reports (about
/// 400 pairs); a catalog adds more from its own zh-Hans/zh-Hant name pairs (see
/// `Catalog.load(contentsOf:)`).
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

    /// Pairs of a traditional character and its simplified form, as one string of two-character
    /// tokens separated by spaces.
    static let table = """
        國国 內内 產产 總总 經经 濟济 業业 農农 糧糧 規规 範范 圍围 資资 會会 費费 貨货 額额 預预 \
        算算 鎮镇 價价 調调 査查 業业 萬万 億亿 噸吨 畝亩 頃顷 實实 現现 發发 質质 進进 區区 縣县 \
        計计 劃划 與与 設设 廠厂 衛卫 廁厕 環环 態态 長长 開开 專专 項项 興兴 園园 機机 構构 \
        們们 個个 幣币 勞劳 動动 務务 體体 際际 產产 場场 電电 話话 網网 絡络 車车 輛辆 鐵铁 \
        橋桥 庫库 歲岁 醫医 藥药 療疗 險险 險险 養养 學学 校校 師师 將将 還还 這这 樣样 處处 \
        點点 數数 據据 統统 報报 告告 議议 準准 標标 達达 證证 權权 稅税 財财 政政 收收 支支 \
        儲储 蓄蓄 貸贷 款款 銀银 行行 證证 券券 創创 新新 營营 運运 輸输 郵邮 遞递 來来 時时 \
        間间 門门 問问 關关 聯联 歸归 當当 讓让 傳传 補补 貼贴 貧贫 戶户 鄉乡 村村 鎮镇 紅红 \
        綠绿 藍蓝 黃黄 飛飞 鳥鸟 魚鱼 蝦虾 雞鸡 鴨鸭 豬猪 羊羊 牛牛 蛋蛋 種种 植植 穀谷 麥麦 \
        糧粮 藝艺 術术 館馆 廣广 播播 視视 聽听 書书 圖图 讀读 寫写 語语 說说 記记 錄录 員员 \
        職职 稱称 級级 優优 質质 獎奖 勵励 積积 極极 續续 擴扩 張张 舊旧 歷历 邊边 運运 濱滨 \
        灣湾 島岛 漁渔 態态 氣气 溫温 熱热 暖暖 燈灯 煙烟 燒烧 爐炉 礦矿 鋼钢 鐵铁 銅铜 鋁铝 \
        煤煤 氣气 油油 輕轻 紡纺 織织 線线 絲丝 紙纸 買买 賣卖 貿贸 價价 較较 幅幅 漲涨 跌跌 \
        減减 增增 億亿 兩两 雙双 單单 總总 額额 員员 億亿 傑杰 並并 們们 這这 從从 眾众 優优 \
        倫伦 儀仪 億亿 兒儿 內内 兩两 冊册 凍冻 劃划 劑剂 勁劲 勝胜 勢势 協协 參参 啟启 團团 \
        圍围 執执 堅坚 報报 塊块 墾垦 壓压 壞坏 壯壮 夠够 奪夺 婦妇 孫孙 寧宁 寬宽 審审 寶宝 \
        將将 對对 導导 層层 屬属 嶺岭 帶带 幫帮 幹干 庫库 廢废 廳厅 彈弹 徵征 態态 應应 懷怀 \
        戰战 擔担 據据 擁拥 擇择 擊击 擬拟 攝摄 敗败 敵敌 斷断 於于 昇升 曬晒 書书 東东 條条 \
        棄弃 楊杨 極极 標标 樓楼 樹树 橫横 檢检 權权 歡欢 殘残 殺杀 氣气 決决 沒没 況况 湧涌 \
        測测 準准 溝沟 滬沪 滿满 漢汉 潔洁 災灾 為为 無无 烏乌 爭争 爾尔 牆墙 獨独 獲获 現现 \
        環环 畫画 當当 療疗 盡尽 監监 盤盘 礎础 禮礼 禍祸 穩稳 築筑 簡简 節节 範范 糾纠 紀纪 \
        約约 級级 細细 終终 組组 結结 給给 絕绝 統统 綜综 維维 緊紧 編编 緩缓 練练 縮缩 績绩 \
        繼继 續续 罰罚 聲声 聯联 肅肃 腦脑 臨临 與与 舉举 艱艰 莊庄 萬万 葉叶 蓋盖 蘇苏 處处 \
        號号 蟲虫 術术 衛卫 衝冲 補补 裝装 製制 複复 規规 視视 覽览 覺觉 觀观 計计 訂订 認认 \
        討讨 訓训 記记 設设 許许 訴诉 診诊 試试 詳详 誌志 誤误 說说 課课 調调 談谈 請请 諾诺 \
        謀谋 謝谢 識识 護护 讓让 豐丰 貝贝 負负 財财 貢贡 貨货 販贩 責责 貸贷 費费 資资 賓宾 \
        賠赔 質质 購购 賽赛 趕赶 趨趋 跡迹 踐践 軍军 軟软 載载 較较 輔辅 輪轮 轉转 辦办 農农 \
        運运 違违 遞递 遠远 適适 遷迁 選选 遺遗 邊边 鄰邻 酬酬 釋释 針针 鈴铃 銷销 鋪铺 鎖锁 \
        鏈链 鑑鉴 鑒鉴 長长 門门 閉闭 開开 閒闲 間间 閱阅 闊阔 隊队 階阶 際际 陸陆 隨随 險险 \
        隱隐 雜杂 雞鸡 離离 難难 電电 靈灵 靜静 頁页 頂顶 項项 順顺 須须 預预 領领 頻频 題题 \
        顏颜 額额 願愿 類类 顧顾 顯显 風风 飲饮 飼饲 飽饱 餘余 館馆 駐驻 驗验 體体 髮发 鬥斗 \
        魯鲁 鮮鲜 麗丽 齊齐 齡龄 優优 億亿 栽栽 壩坝 溼湿 濕湿 淨净 態态 廁厕 廂厢 掃扫 \
        污污 汙污 緻致 緯纬 轄辖 鄉乡 勻匀 辦办 務务 稱称 傷伤 殯殡 餐餐 廚厨 撫抚 卹恤 贍赡 \
        擴扩 擬拟 賴赖 瀝沥 護护 築筑 裡里 後后 麵面 隻只 臺台 颱台 週周 準准 穫获 蒐搜 \
        養养 殖殖 畜畜 禽禽 產产 銷销 創创 業业 區区 縣县 鎮镇 縣县 氫氢 碳碳 綠绿 蓮莲 蘭兰 \
        燃燃 壽寿 強强 彊疆 綱纲 領领 濟济 闆板 訊讯 鐘钟 錢钱 鑽钻 鎮镇 戶户 潛潜 釐厘 \
        誘诱 獻献 閘闸 隄堤 淤淤 澇涝 濾滤 灌灌 溉溉 滴滴 噴喷 蔬蔬 菜菜 棉棉 紗纱 糖糖 \
        煉炼 礦矿 冶冶 機机 器器 儀仪 錶表 車车 飛飞 艦舰 輸输 郵邮 馬马 驛驿 聞闻 滷卤 \
        籤签 標标 綫线 線线 剝剥 幣币 匯汇 彙汇 債债 賬账 帳帐 驅驱 貫贯 營营 攜携 頓顿 \
        樂乐 齒齿 嚴严 層层 勵励 獎奖 學学 覽览 館馆 寫写 藝艺 遊游 壇坛 廟庙 鐘钟 觀观 \
        劇剧 團团 藥药 醫医 診诊 療疗 癒愈 紮扎 紅红 雲云 麼么 瞭了 蹟迹 瀏浏 覽览 嬰婴 \
        孕孕 齡龄 協协 織织 輕轻 殘残 賑赈 濟济 災灾 務务 緝缉 監监 獄狱 警警 偵侦 審审 \
        檔档 夥伙 鄰邻 屆届 縱纵 橫横 濱滨 灣湾 輛辆 線线 網网 寬宽 頻频 鍵键 腦脑 軟软 \
        硬硬 碼码 雲云 計计 測测 試试 驗验 創创 獲获 專专 質质 權权 牌牌 績绩 譽誉 稅税 \
        錄录 題题 組组 織织 庫库 圖图 籃篮 球球 運运 動动 場场 賽赛 蘆芦 葦苇 鮑鲍 閩闽 \
        浙浙 贛赣 湘湘 鄂鄂 豫豫 魯鲁 晉晋 冀冀 遼辽 吉吉 黑黑 陝陕 甘甘 寧宁 青青 新新 \
        藏藏 蒙蒙 桂桂 瓊琼 渝渝 川川 黔黔 滇滇 臺台 港港 澳澳 陽阳 鄭郑 漢汉 廈厦 寶宝 \
        譚谭 羅罗 劉刘 陳陈 張张 楊杨 趙赵 黃黄 吳吴 周周 孫孙 馬马 朱朱 胡胡 郭郭 何何 \
        柘柘 誠诚 臨临 躍跃 燦灿 輝辉 鴻鸿 鳳凤 龍龙 麒麒 麟麟 鵝鹅 鴿鸽 鵬鹏 鷹鹰 鶴鹤 \
        韌韧 塗涂 邁迈 濃浓 澤泽 瀋沈 淵渊 滲渗 渦涡 準准 鬆松 僅仅 彌弥 媽妈 嗎吗 麗丽 \
        靚靓 飾饰 紛纷 縣县 錦锦 繡绣 續续 繫系 係系 縣县 葦苇 蕪芜 薑姜 蘋苹 蔔卜 菸烟 \
        聖圣 殼壳 穀谷 麪面 麩麸 餅饼 饅馒 鹽盐 醬酱 餵喂 飯饭 飢饥 饑饥 鍋锅 濾滤 淚泪 \
        僱雇 傭佣 崗岗 薪薪 酬酬 勞劳 職职 崗岗 聘聘 歲岁 屆届 畢毕 業业 訓训 幫帮 扶扶 \
        貧贫 困困 殘残 疾疾 養养 孤孤 兒儿 婦妇 幼幼 託托 齡龄 顧顾 護护 衛卫 廁厕 糞粪 \
        垃垃 圾圾 燒烧 焚焚 淨净 氣气 塵尘 霧雾 霾霾 噪噪 聲声 輻辐 射射 險险 災灾 澇涝 \
        旱旱 颶飓 堤堤 閘闸 渠渠 橋桥 涵涵 隧隧 鋪铺 軌轨 駛驶 駕驾 乘乘 寫写 樁桩 電电 \
        儲储 網网 纜缆 熱热 氫氢 風风 機机 組组 裝装 設设 備备 
        """

    static let traditionalToSimplified: [Character: Character] = {
        var map: [Character: Character] = [:]
        for token in table.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let chars = Array(token)
            guard chars.count == 2, chars[0] != chars[1] else { continue }
            map[chars[0]] = chars[1]
        }
        return map
    }()
}
