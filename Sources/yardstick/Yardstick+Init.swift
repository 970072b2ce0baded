import ArgumentParser
import Foundation
import Pipeline

extension Yardstick {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a small working pipeline with two sample documents, ready to run.",
            discussion: """
                DIR (default: the current folder) gets pipeline.yaml and documents/: one document that states a \
                year's targets and one that reports the figures. `yardstick run pipeline.yaml` in DIR checks them \
                at once. Existing files are never overwritten.
                """)

        @Argument(help: "The folder to write (created when missing).", completion: .directory)
        var directory: String = "."

        @OptionGroup var global: GlobalOptions

        func run() throws {
            _ = global.bootstrap()
            let fm = FileManager.default
            let files = SampleProject.files
            for (name, _) in files {
                let path = (directory as NSString).appendingPathComponent(name)
                if fm.fileExists(atPath: path) {
                    StandardOutput.error(
                        "error: \(path) already exists; choose an empty folder: yardstick init NEW_FOLDER")
                    throw ExitCodes.invalidInput
                }
            }
            do {
                for (name, text) in files {
                    let path = (directory as NSString).appendingPathComponent(name)
                    try fm.createDirectory(
                        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                    try text.write(toFile: path, atomically: true, encoding: .utf8)
                    StandardOutput.line("wrote \(path)")
                }
            } catch {
                StandardOutput.error("error: cannot write into \(directory): \(error.localizedDescription)")
                throw ExitCodes.invalidInput
            }
            let cd = directory == "." ? "" : "cd \(CrontabLines.shellQuoted(directory)) && "
            let next = [
                (cd + "yardstick run pipeline.yaml", "read both documents, check the goals, print the scorecard"),
                (
                    "yardstick report pipeline.yaml --format html --output scorecard.html",
                    "the scorecard as one HTML file"
                ),
                ("yardstick runs", "the runs so far"),
                ("yardstick validate pipeline.yaml", "after you edit it (add your own documents under sources:)"),
            ]
            let width = next.map(\.0.count).max()! + 2
            StandardOutput.line("\nNext:")
            for (command, what) in next { StandardOutput.line("  " + pad(command, width) + what) }
        }
    }
}

/// The files `yardstick init` writes.
enum SampleProject {
    static let files: [(String, String)] = [
        ("pipeline.yaml", pipeline), ("documents/targets-2023.txt", targets),
        ("documents/outcomes-2023.txt", outcomes),
    ]

    static let pipeline = """
        # A sample pipeline: the 2023 targets of a (fictional) county's work report, checked against the
        # figures its 2023 statistical bulletin reports. Replace the documents with your own, or add sources:
        # see `yardstick adapters` for what each adapter reads.
        pipeline: sample-2023
        title: 青禾县 2023 年主要目标核查（示例）
        region: 青禾县
        period: 2023
        sources:
          - id: targets
            adapter: speech-text
            location: documents/targets-2023.txt
            options: { mode: goals }
          - id: outcomes
            adapter: speech-text
            location: documents/outcomes-2023.txt
            options: { mode: observations, year: 2023 }
        goals:
          sources: [targets]
        report:
          formats: [table, html, markdown]
          directory: reports

        """

    static let targets = """
        青禾县2023年政府工作报告（示例）
        二、2023年工作安排
        今年全县经济社会发展的主要预期目标是：生产总值增长6.5%左右，一般公共预算收入增长5%，城镇新增就业3000人以上，居民消费价格涨幅控制在3%以内，粮食总产量稳定在45万吨以上。

        """

    static let outcomes = """
        青禾县2023年国民经济和社会发展统计公报（示例）
        初步核算，2023年全县生产总值312.6亿元，比上年增长5.1%。
        全年一般公共预算收入18.2亿元，比上年增长6.3%。
        全年城镇新增就业3260人。
        全年居民消费价格比上年上涨0.6%。
        全年粮食总产量46.8万吨，比上年增长1.2%。

        """
}
