import Reports
import Testing

struct ReportMetaLineTests {
    @Test func aPipelineWithoutAPeriodLeavesThePeriodOut() {
        #expect(
            ReportLabels(.en).meta(pipeline: "hang", period: "", region: nil, run: 1, generated: nil)
                == "pipeline hang · run 1")
        #expect(
            ReportLabels(.zh).meta(pipeline: "p", period: "2022", region: "中国", run: 2, generated: nil)
                == "流水线 p · 期间 2022 · 中国 · 第 2 次运行")
    }
}
