import Pipeline
import Storage
import Testing

@Suite("Source summary lines")
struct SourceLineTests {
    @Test("a failed program's stderr tail prints on its own lines, escape characters stay escaped")
    func stderrTailKeepsLineBreaks() {
        let failed = RunSourceRecord(
            sourceID: "crashy", adapter: "exec", origin: "crashy.sh", status: "failed", seconds: 0.04,
            error: "`sh crashy.sh` failed with exit status 3; its stderr ended with:\n    boom \u{1B}[31mred")
        let line = SourceLine.format(failed)
        #expect(
            line
                == "crashy: FAILED after 0.04 s: `sh crashy.sh` failed with exit status 3; its stderr ended with:\n    boom \\u{1b}[31mred"
        )
        #expect(!line.contains("\\u{a}"))
        let kept = RunSourceRecord(
            sourceID: "s", adapter: "exec", origin: "x", status: "kept", error: "no records\nsecond")
        #expect(SourceLine.format(kept) == "s: KEPT the previous data after 0.00 s: no records\nsecond")
    }
}
