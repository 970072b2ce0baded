import IndicatorKit

/// Reads Chinese speeches, government work reports and statistical bulletins (统计公报), in
/// simplified or traditional script, and emits every quantitative target as a goal and every
/// reported figure as an observation.
///
/// Options:
/// - `mode`: `goals`, `observations` or `both` (default `both`).
/// - `year`: the year the document is about (the plan year of a speech, the reported year of a
///   bulletin); overrides what the text says. 今年 is this year, 去年 the one before.
///
/// How it reads:
/// - **Structure**: sentences end at 。；;！？, clauses at ，,：:. Headings ("一、2021年工作回顾",
///   "二、2022年重点工作") say whether a section reviews or plans and which year; a title line with
///   统计公报 makes the document a bulletin (observations only); "…主要预期目标是：" opens a list of
///   targets; 今年/去年/明年 count from the document year; 力争/确保/目标 mark plans, 比上年/同比 and
///   现有/目前 reports.
/// - **Figures**: Arabic numbers (decimals, 1,234, full-width), Chinese numerals (十八, 一百二十,
///   百分之九点五), 万/亿 kept in the unit ("8万亩" → 8 万亩), ranges (1-2所, 4.5%-5%, 五到十个), %,
///   ‰ and 个百分点 (unit 百分点, kind change); masked figures (XX, XXXX亿元) have no value and are
///   `redacted`. Years, dates, ranks (第1位, 前10位), footnotes ([2]), codes (5G, 361015工程), quoted
///   slogans and bare Chinese counts below ten ("两个高于", "四个口袋") are no figures.
/// - **Comparators**: 以上/不低于/至少 `>=`, 突破/超过 `>`, 以内/以下/不超过/控制在 `<=`, 左右/约 `~`,
///   ranges `range`, otherwise `=`; 分别 lists pair subjects with values in order and share a trailing
///   comparator; a decline (下降4%) is a negative growth with the comparator turned round.
/// - **Subjects**: the noun phrase before the figure without verbs, cue words, time and scope words
///   (全县, 全年); the noun after a count ("新建53条河湖水系连通工程"); a size qualifier stays in it
///   ("亿元以上项目"); a clause without one takes the previous clause's. Figures that describe a noun
///   ("总投资30亿元的…", "110千伏变电站", "日处理90吨污泥处置厂") and clauses that frame (围绕, 对, 每个)
///   yield no record.
/// - **Reprint noise** (removed before a line is read; columns still point at the line as
///   written): spaces, thin and ideographic spaces next to CJK characters, brackets, % or a number
///   ("收入完 成 8.61 亿元", "增长 6.3% ( 同 比 )"), a thin space between digit groups, soft hyphens
///   and zero-width characters, and pinyin glosses with tone marks or digits after a character
///   (生產(chǎn)總值). Full-width digits, ％ and brackets read as their ASCII forms.
/// - **Tables**: rows of `|`-separated cells, cells aligned by runs of two or more spaces, or (once a
///   header is read) a label followed only by numbers and units with single spaces, as pdftotext
///   -layout lays out narrow tables; a header of two rows completes itself. The
///   header names each column: the label (指标, 产品名称, or the first), a unit column (单位), a
///   value column with its unit (`产量(万吨)`, `绝对数`, unit from "单位：万元" above), a growth
///   column (`比上年增长(%)`, `±%`), a share column (比重), a target column (目标, 工作任务, 计划)
///   and an outcome column (完成情况, 实际完成). Each numeric cell is a record with `row` and `cell`;
///   text cells in target and outcome columns are read as sentences, goals and observations. The
///   row label is the subject (with the measure of a noun column: 水泥 under 产量 → 水泥产量);
///   `#夏粮`, `其中：` and indented rows keep their parent (attribute `parent`); an industry under
///   地区生产总值 is its 增加值 (第一产业 → 第一产业增加值). A caption
///   ("表3 …") or unit line gives no figure. Under a region column (地区, 县(市、区)) the label is
///   the region and the value column's name the subject; a `2022年完成` / `2023年目标` column gives
///   its year; text in a value column is read as a sentence about the row.
/// - **Months**: "6月份" is the period `2023-06` (and "1—6月份" `2023-01/2023-06`).
/// - **Subject and kind rules**: a parenthesized gloss is no part of a subject (地区生产总值(GDP));
///   a place after a year is the region and the framing words after it go ("2022年某市预计全年…");
///   预计/初步核算 mark `estimate`; 与上年持平 is growth 0 but 与全省持平, 高于全省…, 居全市第一
///   give nothing; 年均增长 has the span's period (`2018/2022`, 十四五 → `2021/2025`, 过去五年)
///   and attribute `average: annual`, or no record without a span; 拉动…增长N个百分点 is a
///   contribution (kind `change`, attribute `contribution`); 完成目标的N% is no figure.
/// - **Plan targets**: "到2025年生产总值达到3000亿元" (a level or share by the end year of a plan:
///   the span a title, heading or the sentence names: 十四五, 2021-2025年) and "十四五期间累计新建…"
///   (a sum over a named span, attribute `cumulative: true`) get the plan's period (`2021/2025`);
///   到2025年 without a named plan stays the goal of 2025.
/// - **National phrasing**: a "# title" naming 主要预期目标 (计划草案, 主要目标) reads the excerpt
///   as a plan; 成长率/增长率 after a subject is its growth; 平均上涨, 平均为 keep 平均 in the subject;
///   a span of months opening a sentence ended by ； ("前三季度，A；B。") is the period of A and B.
///
/// **Documents as published**: besides plain text it reads HTML pages (libxml2's HTML parser,
/// `HTMLDocumentReader`: page furniture dropped, blocks as lines, tables as `" | "`-joined rows,
/// each line placed by its element path) and PDFs (poppler's `pdftotext`, `PDFTextReader`: running
/// headers, footers and page numbers removed, broken sentences joined, each line placed by page and
/// line). Which one is decided by `DocumentFormat`: option `format`, else the media type, the
/// file's first bytes, its extension.
///
/// Input bytes may be UTF-8 (with or without a BOM), GB18030/GBK or Big5; anything else is an
/// `AdapterError` with code `.unsupportedEncoding` naming the file. The input is streamed line by
/// line with `read()` and records are emitted as they are read; memory is bounded by the longest
/// line (lines over 1 MiB are cut after a 。).
public struct SpeechTextAdapter: SourceAdapter {
    public static let descriptor = AdapterDescriptor(
        name: "speech-text", version: "1.0.0",
        summary: "Chinese speeches, work reports and statistical bulletins: targets and reported figures",
        options: [
            .init("mode", "goals, observations or both (default both)"),
            .init("year", "the year the document is about, e.g. 2022 (default: from its title and headings)"),
            .init(
                "format", "text, html or pdf (default: from the media type, the file's first bytes or its extension)"),
            .init("max-depth", "HTML: the deepest element nesting read (default 256)"),
            .init("max-block-bytes", "HTML: the most UTF-8 bytes of text in one block or table cell (default 1048576)"),
            .init("max-pages", "PDF: the most pages read (default 2000)"),
        ])

    let mode: SpeechTextParser.Mode
    let year: Int?
    let format: DocumentFormat?
    let htmlLimits: HTMLDocumentReader.Limits
    let pdfLimits: PDFTextReader.Limits

    public init(options: AdapterOptions) throws {
        try options.rejectUnknownKeys(for: Self.descriptor)
        let modeText = try options.choice("mode", in: ["goals", "observations", "both"]) ?? "both"
        mode = SpeechTextParser.Mode(rawValue: modeText) ?? .both
        year = try options.int("year")
        if let year, !(1900...2100).contains(year) {
            throw AdapterError(.invalidOption, "option 'year' is \(year); give a calendar year such as 2022")
        }
        format = try options.choice("format", in: DocumentFormat.allCases.map(\.rawValue)).flatMap {
            DocumentFormat(rawValue: $0)
        }
        var html = HTMLDocumentReader.Limits()
        html.maxDepth = try Self.positive(options, "max-depth") ?? html.maxDepth
        html.maxBlockBytes = try Self.positive(options, "max-block-bytes") ?? html.maxBlockBytes
        htmlLimits = html
        var pdf = PDFTextReader.Limits()
        pdf.maxPages = try Self.positive(options, "max-pages") ?? pdf.maxPages
        pdfLimits = pdf
    }

    private static func positive(_ options: AdapterOptions, _ key: String) throws -> Int? {
        guard let value = try options.int(key) else { return nil }
        guard value > 0 else {
            throw AdapterError(.invalidOption, "option '\(key)' is \(value); give a positive whole number")
        }
        return value
    }

    public func read(_ input: SourceInput, into sink: RecordSink) async throws {
        var parser = SpeechTextParser(
            mode: mode, optionYear: year, defaultYear: input.period.flatMap { Period(parsing: $0)?.year },
            region: input.region)
        parser.name = input.origin
        switch DocumentFormat.of(input, option: format) {
        case .text:
            let reader = TextLineReader()
            try reader.stream(path: input.path, declaredCharset: input.charset, name: input.origin) {
                bytes, number, offset in
                try parser.consume(utf8: bytes, number: number, columnOffset: offset) { try sink.emit($0) }
            }
        case .html:
            let reader = HTMLDocumentReader(name: input.origin, limits: htmlLimits) { bytes, number, origin in
                try parser.consume(utf8: bytes, number: number, origin: origin) { try sink.emit($0) }
            }
            try reader.stream(path: input.path, declaredCharset: input.charset)
        case .pdf:
            let reader = PDFTextReader(name: input.origin, limits: pdfLimits)
            try reader.stream(path: input.path) { bytes, number, origin in
                try parser.consume(utf8: bytes, number: number, origin: origin) { try sink.emit($0) }
            }
        }
    }
}
