import GoalCheck
import IndicatorKit

/// Every word a report shows that is not data, in one language.
///
/// The renderers take their headings, status words and notices from here, so a report is in one
/// language throughout. Machine values (status codes in `data-status`, JSON keys, the CSV `status`
/// column) are not labels and never change.
public struct ReportLabels: Sendable {
    public var language: ReportLanguage

    public init(_ language: ReportLanguage) {
        self.language = language
    }

    private func pick(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    // MARK: Status words

    /// The status as a reader says it: 达成 / 未达成 / 进度正常 / 进度落后 / 暂无数据 / 数据未公开 / 无法比较,
    /// or met / missed / on track / behind / no data / redacted / incomparable. An unknown code is shown
    /// as it is.
    public func status(_ s: CheckStatus) -> String {
        switch s {
        case .met: pick("达成", "met")
        case .missed: pick("未达成", "missed")
        case .onTrack: pick("进度正常", "on track")
        case .behind: pick("进度落后", "behind")
        case .noData: pick("暂无数据", "no data")
        case .redacted: pick("数据未公开", "redacted")
        case .incomparable: pick("无法比较", "incomparable")
        default: s.rawValue.replacingOccurrences(of: "_", with: " ")
        }
    }

    /// The result's explanation in this language: the Chinese line for `zh` when the checker wrote
    /// one, else the English one.
    public func explanation(_ r: CheckResult) -> String {
        language == .zh ? r.explanationZh ?? r.explanation : r.explanation
    }

    // MARK: Column headings

    public var goal: String { pick("目标", "Goal") }
    public var area: String { pick("领域", "Area") }
    public var targetVsActual: String { pick("目标与实际", "Target vs actual") }
    public var target: String { pick("目标值", "Target") }
    public var actual: String { pick("实际值", "Actual") }
    public var margin: String { pick("差额", "Margin") }
    public var statusHeading: String { pick("状态", "Status") }
    public var source: String { pick("来源", "Source") }
    /// The column with the baseline and the change the target implies.
    public var baseline: String { pick("基期 → 目标", "Baseline → target") }

    // MARK: Words inside cells and sections

    /// A figure the source masks.
    public var masked: String { pick("未公开", "masked") }
    public var all: String { pick("全部", "all") }
    public var whereFrom: String { pick("数据出处", "Where each figure came from") }
    public var notes: String { pick("备注", "Notes") }
    public var unmatched: String { pick("未匹配的指标", "Unmatched subjects") }
    public var unmatchedHint: String { pick("将下列名称加入指标目录即可核查：", "Add these to a catalog to check them:") }
    /// The table's one-line form of `unmatchedHint`.
    public var unmatchedLine: String { pick("未匹配的指标（加入指标目录即可核查）：", "unmatched subjects (add them to a catalog): ") }
    public var note: String { pick("备注：", "note: ") }
    public var noGoals: String { pick("没有目标", "no goals") }
    public var targetWord: String { pick("目标", "target") }
    public var actualWord: String { pick("实际", "actual") }
    public var derivedActual: String { pick("实际（推算）", "actual, derived") }
    public var notUsed: String { pick("未采用", "not used") }
    public var colon: String { pick("：", ": ") }
    public var listSeparator: String { pick("、", ", ") }

    /// A place in a source: "第 31 行第 18 列" / "line 31, column 18", a CSV data row, an XML element
    /// path, a JSON pointer.
    public func location(_ l: SourceLocation) -> String {
        guard language == .zh else { return l.summary }
        var parts: [String] = []
        switch (l.line, l.column) {
        case (let line?, let column?): parts.append("第 \(line) 行第 \(column) 列")
        case (let line?, nil): parts.append("第 \(line) 行")
        case (nil, let column?): parts.append("第 \(column) 列")
        case (nil, nil): break
        }
        if let row = l.row { parts.append("第 \(row) 条数据") }
        if let path = l.path { parts.append(path) }
        if let pointer = l.pointer { parts.append(pointer) }
        return parts.joined(separator: "，")
    }

    /// "derived from A and B".
    public func derivedFrom(_ places: [String]) -> String {
        language == .zh
            ? "由 " + places.joined(separator: " 和 ") + " 推算" : "derived from " + places.joined(separator: " and ")
    }

    /// "pipeline X · period 2022 · 柘城县 · run 7 · generated …"; an empty period and a nil `generated`
    /// are left out.
    public func meta(pipeline: String, period: String, region: String?, run: Int64?, generated: String?) -> String {
        var parts = [pick("流水线 ", "pipeline ") + pipeline]
        if !period.isEmpty { parts.append(pick("期间 ", "period ") + period) }
        if let region { parts.append(region) }
        if let run { parts.append(pick("第 \(run) 次运行", "run \(run)")) }
        if let generated { parts.append(pick("生成于 ", "generated ") + generated) }
        return parts.joined(separator: " · ")
    }

    /// "2 达成 · 1 未达成" / "2 met · 1 missed"; `noGoals` when there are none.
    public func summary(_ counts: [(status: CheckStatus, count: Int)]) -> String {
        let parts = counts.map { "\($0.count) \(status($0.status))" }
        return parts.isEmpty ? noGoals : parts.joined(separator: " · ")
    }

    /// The sentence shown when no goal has an actual figure yet.
    public func noDataNotice(period: String) -> String {
        language == .zh
            ? "尚无 \(period) 的实际数据：所有目标均为“暂无数据”。添加含 \(period) 数据的来源（例如 \(period) 年统计公报）后再次运行。"
            : "No actual figures are available yet for \(period): every goal is no_data. "
                + "Add a source with \(period) figures (for example the \(period) statistical bulletin) and run again."
    }

    /// The unit of an implied change as a reader writes it: "个百分点" / " pp", or "%".
    public func changeUnit(_ unit: String?) -> String {
        switch unit {
        case "百分点": pick("个百分点", " pp")
        case let u?: u
        case nil: ""
        }
    }

    /// The baseline cell: "2021年 3.2% → 9.5%（+6.3个百分点）" / "2021 3.2% → 9.5% (+6.3 pp)"; for a
    /// change goal the rate the target implies ("2021年 50% → 52.5%"). `nil` without a baseline.
    public func baselineCell(_ r: CheckResult) -> String? {
        guard let b = r.baseline else { return nil }
        let period = b.entry.observation.period.rawValue
        var s = (language == .zh && b.entry.observation.period.isFullYear ? period + "年" : period) + " "
        guard b.value != nil else { return s + masked }
        s += FigureText.withUnit(b.value, b.unit)
        if let level = b.impliedLevel {
            return s + " → " + FigureText.format(level) + "%"
        }
        let goalUnit = r.goal.goal.quantity.unit
        if let t = r.target, b.unit == goalUnit {
            s += " → " + FigureText.withUnit(t, goalUnit)
        }
        if let c = b.impliedChange {
            let change = FigureText.signed(c) + changeUnit(b.impliedChangeUnit)
            s += language == .zh ? "（\(change)）" : " (\(change))"
        }
        return s
    }

    /// The baseline sentence under "where each figure came from".
    public func baselineLine(_ b: Baseline) -> String {
        let period = b.entry.observation.period.rawValue
        var line = pick("基期 ", "baseline ") + period + colon + FigureText.withUnit(b.value, b.unit)
        if let c = b.impliedChange {
            line += pick("；目标较基期 ", "; the target implies ") + FigureText.signed(c) + changeUnit(b.impliedChangeUnit)
        }
        if let l = b.impliedLevel {
            line += pick("；目标对应 ", "; the target implies a rate of ") + FigureText.format(l) + "%"
        }
        return line
    }

    // MARK: CSV

    /// The CSV header row in this language, one heading per `CSVRenderer.columns` entry.
    public var csvHeadings: [String] {
        guard language == .zh else { return CSVRenderer.columns }
        return CSVRenderer.columns.map { ReportLabels.csvZh[$0] ?? $0 }
    }

    static let csvZh: [String: String] = [
        "status": "状态代码", "status_label": "状态", "indicator": "指标代码", "name": "指标名称", "subject": "原文主题",
        "area": "领域", "kind": "类型", "comparator": "比较方式", "period": "期间", "target": "目标值",
        "target_upper": "目标上限", "unit": "单位", "expected_to_date": "按进度应达", "actual": "实际值", "margin": "差额",
        "attainment": "完成率", "actual_as_written": "实际值（原文）", "actual_unit": "实际值单位（原文）",
        "goal_source": "目标出处", "goal_text": "目标原文", "actual_source": "实际值出处", "actual_text": "实际值原文",
        "baseline_period": "基期", "baseline_value": "基期值", "implied_change": "目标隐含变化",
        "implied_change_unit": "隐含变化单位", "explanation": "说明",
    ]
}
