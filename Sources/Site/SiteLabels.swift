import Reports

/// The site's own words (headings, links, column names), in the scorecards' language; status
/// words and scorecard headings come from `ReportLabels`.
struct SiteLabels {
    let language: ReportLanguage
    var report: ReportLabels { ReportLabels(language) }
    private func pick(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    var siteTitle: String { pick("目标核查", "Scorecards") }
    var pipelines: String { pick("流水线", "Pipelines") }
    var indicators: String { pick("指标", "Indicators") }
    var runs: String { pick("运行记录", "Run history") }
    var pipeline: String { pick("流水线", "Pipeline") }
    var region: String { pick("地区", "Region") }
    var period: String { pick("期间", "Period") }
    var goals: String { pick("目标", "Goals") }
    var lastRun: String { pick("最近运行", "Last run") }
    var search: String { pick("搜索", "Search") }
    var searchHint: String { pick("名称、地区、指标…", "name, region, indicator…") }
    var shown: String { pick("显示", "shown") }
    var sources: String { pick("来源", "Sources") }
    var documents: String { pick("文件", "Documents") }
    var figures: String { pick("数字及其出处", "Figures and where they came from") }
    var history: String { pick("运行与变化", "Runs and what changed") }
    var trend: String { pick("走势", "Trend") }
    var observations: String { pick("实际数据", "Observations") }
    var noFigures: String { pick("没有存储的数字", "No stored figures") }
    var noChanges: String { pick("与上次相比没有目标改变状态或实际值", "no goal changed status or actual") }
    var current: String { pick("当前", "current") }
    var earlier: String { pick("较早", "earlier") }
    var adapter: String { pick("适配器", "Adapter") }
    var origin: String { pick("位置", "Origin") }
    var records: String { pick("条记录", "records") }
    var bytes: String { pick("字节", "bytes") }
    var runsCol: String { pick("运行", "Runs") }
    var statusCol: String { pick("状态", "Status") }
    var started: String { pick("开始", "Started") }
    var counts: String { pick("目标状态", "Goal statuses") }
    var goalWord: String { pick("目标", "goal") }
    var observationWord: String { pick("实际", "observation") }
    var clause: String { pick("原文", "Clause") }
    var context: String { pick("上下文", "Context") }
    var back: String { pick("返回", "Back to") }
    var all: String { report.all }

    func freshness(_ f: Freshness) -> String {
        switch f {
        case .current: pick("最新", "current")
        case .partial: pick("部分来源失败", "partial")
        case .stale: pick("数据陈旧", "stale")
        case .never: pick("尚未完成运行", "never finished")
        }
    }

    func runStatus(_ s: String) -> String {
        guard language == .zh else { return s }
        switch s {
        case "succeeded": return "成功"
        case "partial": return "部分失败"
        case "failed": return "失败"
        case "running": return "运行中"
        case "interrupted": return "中断"
        case "stopped": return "已停止"
        case "stored": return "已存储"
        case "unchanged": return "未变化"
        case "kept": return "保留旧数据"
        case "not-read": return "未读取"
        default: return s
        }
    }

    func change(_ k: RunChanges.Kind) -> String {
        switch k {
        case .new: pick("新增", "new")
        case .changed: pick("改变", "changed")
        case .gone: pick("移除", "gone")
        }
    }

    func run(_ id: Int64) -> String { pick("第 \(id) 次运行", "run \(id)") }
    func fromTo(_ a: Int64, _ b: Int64) -> String { pick("第 \(a) 次 → 第 \(b) 次运行", "run \(a) → run \(b)") }
    func year(_ p: String) -> String { language == .zh && p.count == 4 && Int(p) != nil ? p + " 年" : p }
}
