import Foundation
import TestSupport
import Testing

/// The morning view: runs show, diff and the metrics file, through the executable.
@Suite struct RunHistoryCommandTests {
    @Test func diffShowsGoalsWhoseStatusOrActualChangedAndMetricsAreWritten() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        try folder.write(
            "figures.csv",
            "subject,period,value,unit,comparator,kind\n生产总值,2022,9.5,%,~,growth\n生产总值,2022,8.1,%,,growth\n城镇新增就业,2022,6500,人,>=,level\n"
        )
        try folder.write(
            "p.yaml",
            """
            pipeline: history
            period: 2022
            sources:
              - id: table
                adapter: open-data
                location: figures.csv
            """)
        let first = try yardstick(
            ["run", "p.yaml", "--db", "db.sqlite", "-q", "--metrics-file", "metrics/yardstick.prom"], in: folder.path)
        #expect(first.status == 0, "\(first.stderr)")
        // The GDP figure is revised upwards and the jobs figure arrives.
        try folder.write(
            "figures.csv",
            "subject,period,value,unit,comparator,kind\n生产总值,2022,9.5,%,~,growth\n生产总值,2022,9.3,%,,growth\n城镇新增就业,2022,6500,人,>=,level\n城镇新增就业,2022,6612,人,,level\n"
        )
        let second = try yardstick(
            [
                "run", "p.yaml", "--db", "db.sqlite", "-q", "--metrics-file", "metrics/yardstick.prom", "--fail-on",
                "missed",
            ],
            in: folder.path)
        #expect(second.status == 0, "\(second.stdout)")
        let diff = try yardstick(["diff", "--db", "db.sqlite"], in: folder.path)
        #expect(diff.status == 0)
        #expect(diff.stdout.contains("run 1 → run 2"))
        #expect(diff.stdout.contains("changed  生产总值: missed (actual 8.1 %) → met (actual 9.3 %)"), "\(diff.stdout)")
        #expect(diff.stdout.contains("changed  城镇新增就业: no_data → met (actual 6612 人)"), "\(diff.stdout)")
        let show = try yardstick(["runs", "show", "2", "--db", "db.sqlite"], in: folder.path)
        #expect(show.stdout.contains("table"))
        #expect(show.stdout.contains("goals: 2 met (2 goals)"), "\(show.stdout)")
        let metrics = try String(contentsOfFile: folder.file("metrics/yardstick.prom"), encoding: .utf8)
        #expect(metrics.contains("# TYPE yardstick_run_last_timestamp_seconds gauge"))
        #expect(metrics.contains("yardstick_run_last_status{pipeline=\"history\",status=\"succeeded\"} 1"))
        #expect(metrics.contains("yardstick_run_last_id{pipeline=\"history\"} 2"))
        #expect(metrics.contains("yardstick_source_last_records{pipeline=\"history\",source=\"table\"} 4"))
        #expect(metrics.contains("yardstick_goals{pipeline=\"history\",status=\"met\"} 2"))
        #expect(metrics.contains("yardstick_goals{pipeline=\"history\",status=\"missed\"} 0"))
        // The first run had a missed goal: --fail-on trips with its own exit code.
        try folder.write(
            "figures.csv",
            "subject,period,value,unit,comparator,kind\n生产总值,2022,9.5,%,~,growth\n生产总值,2022,7.0,%,,growth\n")
        let third = try yardstick(["run", "p.yaml", "--db", "db.sqlite", "-q", "--fail-on", "missed"], in: folder.path)
        #expect(third.status == 5)
    }
}
