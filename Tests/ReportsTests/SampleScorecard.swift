import Foundation
import GoalCheck
import IndicatorKit
import Reports

/// A scorecard built from hand-made entries: the five national checks of 2022 plus county goals
/// that show the other statuses.
enum SampleScorecard {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func catalog() throws -> Catalog {
        try Catalog.load(contentsOf: [root.appendingPathComponent("catalog/indicators.yaml").path])
    }

    static func goal(
        _ subject: String, _ kind: FigureKind, _ comparator: TargetComparator, _ value: Double?, _ unit: String,
        text: String, source: String = "report", line: Int, column: Int = 1, period: String = "2022"
    ) -> GoalEntry {
        GoalEntry(
            goal: Goal(
                subject: subject, kind: kind, comparator: comparator, quantity: Quantity(value: value, unit: unit),
                period: Period(unchecked: period), text: text, location: SourceLocation(line: line, column: column)),
            provenance: Provenance(
                sourceID: source, origin: "seeds/\(source).txt", sha256: "9f2c4e0d1b7a5c3e8f6a",
                location: SourceLocation(line: line, column: column), text: text))
    }

    static func observation(
        _ subject: String, _ kind: FigureKind, _ value: Double?, _ unit: String, text: String,
        source: String = "bulletin", line: Int, path: String? = nil, period: String = "2022",
        redacted: Bool = false
    ) -> ObservationEntry {
        let loc = SourceLocation(line: line, column: path == nil ? 1 : nil, path: path)
        return ObservationEntry(
            observation: Observation(
                subject: subject, kind: kind, quantity: Quantity(value: value, unit: unit),
                period: Period(unchecked: period), redacted: redacted, text: text, location: loc),
            provenance: Provenance(
                sourceID: source, origin: "seeds/\(source).xml", sha256: nil, location: loc, text: text))
    }

    static func results(goals: [GoalEntry], observations: [ObservationEntry]) throws -> [CheckResult] {
        let catalog = try catalog()
        let n = Normalizer(catalog: catalog)
        let g = goals.map { e -> GoalEntry in
            var e = e
            e.goal = n.normalize(.goal(e.goal)).goal ?? e.goal
            return e
        }
        let o = observations.map { e -> ObservationEntry in
            var e = e
            e.observation = n.normalize(.observation(e.observation)).observation ?? e.observation
            return e
        }
        return GoalChecker(catalog: catalog).check(g, against: o)
    }

    static func make(language: ReportLanguage? = nil) throws -> Scorecard {
        let goals = [
            goal("国内生产总值", .growth, .about, 5.5, "%", text: "国内生产总值增长5.5%左右", line: 3),
            goal("城镇新增就业", .level, .atLeast, 1100, "万人", text: "城镇新增就业1100万人以上", line: 4),
            goal("城镇调查失业率", .share, .atMost, 5.5, "%", text: "城镇调查失业率全年控制在5.5%以内", line: 4, column: 16),
            goal("居民消费价格涨幅", .growth, .about, 3, "%", text: "居民消费价格涨幅3%左右", line: 5),
            goal("粮食产量", .level, .atLeast, 1.3, "万亿斤", text: "粮食产量保持在1.3万亿斤以上", line: 8),
            goal("规模以上工业增加值", .growth, .about, 9.5, "%", text: "规模以上工业增加值增长9.5%左右", line: 9),
            goal("蛋鸭存栏", .level, .equal, 400, "万羽", text: "蛋鸭存栏达到400万羽", source: "speech", line: 60),
            goal("新增市场主体", .level, .atLeast, 1.2, "万家", text: "全县新增市场主体1.2万家以上", source: "speech", line: 80),
            goal("5G基站", .level, .equal, 285, "个", text: "新建5G基站285个", source: "speech", line: 44),
            goal("<script>绿化造林", .level, .equal, 2400, "亩", text: "全年完成绿化造林2400亩 & more", source: "speech", line: 90),
        ]
        let observations = [
            observation(
                "GDP_GROWTH", .growth, 3.0, "%", text: "3.0", source: "bulletin-xml", line: 12,
                path: "/message:GenericData/message:DataSet/generic:Series[1]/generic:Obs[1]"),
            observation("城镇新增就业", .level, 1206, "万人", text: "全年城镇新增就业1206万人", line: 3),
            observation("全国城镇调查失业率", .share, 5.6, "%", text: "全年全国城镇调查失业率平均值为5.6%", line: 3),
            observation("年末全国城镇调查失业率", .share, 5.5, "%", text: "年末全国城镇调查失业率为5.5%", line: 3),
            observation("居民消费价格", .growth, 2.0, "%", text: "全年居民消费价格比上年上涨2.0%", line: 4),
            observation("粮食产量", .level, 68653, "万吨", text: "全年粮食产量68653万吨", line: 5),
            observation(
                "规模以上工业增加值", .growth, 3.9, "%", text: "1-9月规模以上工业增加值增长3.9%", line: 7, period: "2022-01/2022-09"),
            observation(
                "蛋鸭存栏", .level, nil, "万羽", text: "蛋鸭存栏XXX万羽", source: "speech", line: 20, period: "2022", redacted: true
            ),
            observation("新增市场主体", .level, 13000, "户", text: "新增市场主体13000户", source: "portal", line: 2),
        ]
        return Scorecard(
            title: "2022 年主要目标核查(示例)", pipeline: "sample-2022", region: nil, period: "2022",
            generatedAt: Date(timeIntervalSince1970: 1_700_000_000), runID: 7,
            results: try results(goals: goals, observations: observations),
            unmatchedSubjects: ["某项特色指标"], notes: ["A sample built in the Reports tests."], language: language)
    }

    /// A county scorecard whose 2022 figures are not published yet, with 2021 baselines for both goals.
    static func allNoData(language: ReportLanguage? = nil) throws -> Scorecard {
        let goals = [
            goal("生产总值", .growth, .about, 9.5, "%", text: "生产总值增长9.5%左右", source: "speech", line: 31, column: 18),
            goal("粮食总产", .level, .atLeast, 16.5, "亿斤", text: "粮食总产稳定在16.5亿斤以上", source: "speech", line: 50),
        ]
        let observations = [
            observation(
                "粮食总产量", .level, 78.03, "万吨", text: "全年粮食总产量为78.03万吨", source: "bulletin-2021", line: 5, period: "2021"),
            observation(
                "生产总值", .growth, 3.2, "%", text: "全县生产总值增长3.2%", source: "bulletin-2021", line: 3, period: "2021"),
        ]
        return Scorecard(
            title: "柘城县 2022 年主要目标核查", pipeline: "zhecheng-2022", region: "柘城县", period: "2022",
            generatedAt: Date(timeIntervalSince1970: 1_700_000_000),
            results: try results(goals: goals, observations: observations), language: language)
    }
}
