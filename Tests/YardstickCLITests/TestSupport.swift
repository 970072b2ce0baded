import Foundation
import IndicatorKit
import TestSupport
import Testing

/// The pipeline tests' fixtures (Tests/PipelineTests/Fixtures), read in place: the command-line
/// tests run the same adapters and tables through the executable.
enum Fixtures {
    static func path(_ name: String) -> String {
        (Package.root as NSString).appendingPathComponent("Tests/PipelineTests/Fixtures/" + name)
    }
}

extension TempFolder {
    /// Copies a fixture into this folder and returns its new path.
    @discardableResult
    func copyFixture(_ name: String) throws -> String { try copy(Fixtures.path(name), as: name) }
}

/// The package root and the built yardstick executable.
enum Package {
    static let root = packageRoot

    static let shared: String = (root as NSString).appendingPathComponent("../shared")

    /// The yardstick executable built beside this test bundle.
    static let yardstick: String = {
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var candidates = [bundleDir.appendingPathComponent("yardstick").path]
        // xctest bundles on some platforms sit one level deeper.
        candidates.append(bundleDir.deletingLastPathComponent().appendingPathComponent("yardstick").path)
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("yardstick").path)
        candidates.append((root as NSString).appendingPathComponent(".build/debug/yardstick"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }()
}

/// Runs the yardstick executable with `arguments` in `directory`.
func yardstick(_ arguments: [String], in directory: String? = nil, environment: [String: String]? = nil) throws
    -> CommandResult
{
    try runCommand(Package.yardstick, arguments, in: directory, environment: environment)
}

/// What `yardstick run PIPELINE --format json` did: the command's result, the scorecard it printed
/// and the scorecard's results.
struct ScorecardRun {
    var result: CommandResult
    var document: [String: Any]
    var results: [[String: Any]]
}

/// Runs `yardstick run pipeline --format json` with its store (`db.sqlite`) and reports (`reports`)
/// in `folder`, from `directory`; expects exit status 0 and a JSON scorecard on stdout.
func runScorecard(
    _ pipeline: String, in folder: TempFolder, from directory: String? = nil,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws -> ScorecardRun {
    let result = try yardstick(
        [
            "run", pipeline, "--format", "json", "--db", folder.file("db.sqlite"), "--report-dir",
            folder.file("reports"),
        ],
        in: directory)
    #expect(result.status == 0, "\(result.stderr)", sourceLocation: sourceLocation)
    let document = try #require(
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
        "stdout: \(result.stdout)", sourceLocation: sourceLocation)
    let results = try #require(document["results"] as? [[String: Any]], sourceLocation: sourceLocation)
    return ScorecardRun(result: result, document: document, results: results)
}

/// A pipeline of two speech-text sources: `report` states the goals (`targets`), `bulletin`
/// reports the actuals (`outcomes`); the goals are those of `report`.
func speechPairPipeline(
    id: String, title: String, region: String, period: Int, targets: String, outcomes: String
) -> String {
    """
    pipeline: \(id)
    title: \(title)
    region: \(region)
    period: \(period)
    sources:
      - id: report
        adapter: speech-text
        location: \(targets)
        options: { mode: goals }
      - id: bulletin
        adapter: speech-text
        location: \(outcomes)
        options: { mode: observations }
    goals:
      sources: [report]

    """
}

/// Copies the target and outcome fixtures into a new folder, writes them as a `speechPairPipeline` of
/// 青禾县 for 2023 (file `file`) and runs it; returns the scorecard's results and removes the folder.
func runSpeechPair(
    file: String, id: String, title: String, targets: String, outcomes: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws -> [[String: Any]] {
    let folder = try TempFolder()
    defer { folder.cleanup() }
    try folder.copyFixture(targets)
    try folder.copyFixture(outcomes)
    try folder.write(
        file,
        speechPairPipeline(
            id: id, title: title, region: "青禾县", period: 2023, targets: targets, outcomes: outcomes))
    return try runScorecard(folder.file(file), in: folder, sourceLocation: sourceLocation).results
}

/// Expects `results` to hold exactly the goals of `expected`, found by `key` ("subject" or
/// "indicator"), each with its status, target and actual.
func expectVerdicts(
    _ results: [[String: Any]], by key: String, _ expected: [(String, String, Double, Double)],
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws {
    let verdicts = results.map { r in
        "\(r[key] as? String ?? "?") \(r["status"] as? String ?? "?") \(r["target"] as? Double ?? .nan) \(r["actual"] as? Double ?? .nan)"
    }
    #expect(results.count == expected.count, "\(verdicts)", sourceLocation: sourceLocation)
    for (name, status, target, actual) in expected {
        let r = try #require(
            results.first { $0[key] as? String == name }, "no \(name): \(verdicts)", sourceLocation: sourceLocation)
        #expect(r["status"] as? String == status, "\(name): \(verdicts)", sourceLocation: sourceLocation)
        #expect(r["target"] as? Double == target, "\(name): \(verdicts)", sourceLocation: sourceLocation)
        #expect(r["actual"] as? Double == actual, "\(name): \(verdicts)", sourceLocation: sourceLocation)
    }
}
