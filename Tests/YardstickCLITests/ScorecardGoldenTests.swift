import Foundation
import TestSupport
import Testing

/// The bundled pipelines' JSON scorecards, byte for byte, against the copies committed under
/// `Fixtures/golden`. Only what varies from run to run is blanked: `generatedAt`, `runID` and the
/// absolute paths of the package and of the temporary folder. A change to a scorecard on purpose is
/// recorded by running this suite with `YARDSTICK_UPDATE_GOLDEN=1`, which rewrites the copies in the
/// source tree, and committing them with the change.
@Suite struct ScorecardGoldenTests {
    static let pipelines = ["china-2022", "zhecheng-2022"]

    /// `text` with the fields that differ between runs replaced by fixed placeholders.
    static func blanked(_ text: String, folder: String) -> String {
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(line)
            for key in ["generatedAt", "runID"] {
                if let range = line.range(of: "\"\(key)\": ") {
                    let value = line[range.upperBound...]
                    let comma = value.hasSuffix(",") ? "," : ""
                    line = String(line[..<range.upperBound]) + "\"<\(key)>\"" + comma
                }
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
            .replacingOccurrences(of: folder, with: "<tmp>")
            .replacingOccurrences(of: Package.root, with: "<package>")
    }

    static func goldenPath(_ pipeline: String) -> String {
        (Package.root as NSString).appendingPathComponent("Tests/PipelineTests/Fixtures/golden/\(pipeline).json")
    }

    @Test(arguments: pipelines)
    func bundledPipelineScorecardIsUnchanged(_ pipeline: String) throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let result = try yardstick(
            [
                "run", "pipelines/\(pipeline).yaml", "--format", "json", "--db", folder.file("db.sqlite"),
                "--report-dir",
                folder.file("reports"),
            ], in: Package.root)
        #expect(result.status == 0, "yardstick run pipelines/\(pipeline).yaml: \(result.stderr)")
        let printed = Self.blanked(result.stdout, folder: folder.path)
        let written = Self.blanked(
            try String(contentsOfFile: folder.file("reports/\(pipeline).json"), encoding: .utf8), folder: folder.path)
        if ProcessInfo.processInfo.environment["YARDSTICK_UPDATE_GOLDEN"] == "1" {
            try printed.write(toFile: Self.goldenPath(pipeline), atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOfFile: Fixtures.path("golden/\(pipeline).json"), encoding: .utf8)
        #expect(
            printed == golden,
            "the JSON scorecard of pipelines/\(pipeline).yaml differs from Tests/PipelineTests/Fixtures/golden/\(pipeline).json; if the change is on purpose, rerun with YARDSTICK_UPDATE_GOLDEN=1 and commit the fixture"
        )
        // The report file is the same document as standard output.
        #expect(written == printed, "reports/\(pipeline).json differs from what `run --format json` printed")
    }
}
