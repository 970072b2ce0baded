import Foundation
import TestSupport
import Testing

/// scripts/lint.sh, which `.ci/run` calls: it fails on a real violation of .swift-format, naming the
/// file, line and rule, and passes a file that follows it.
@Suite struct LintScriptTests {
    @Test func ciRunLints() throws {
        let script = try String(contentsOfFile: Package.root + "/.ci/run", encoding: .utf8)
        #expect(script.contains("bash scripts/lint.sh"))
        let config = try String(contentsOfFile: Package.root + "/.swift-format", encoding: .utf8)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(config.utf8)) as? [String: Any])
        #expect(json["lineLength"] as? Int == 120)
        #expect((json["indentation"] as? [String: Any])?["spaces"] as? Int == 4)
    }

    @Test func aViolationFailsTheLintAndACleanFilePasses() throws {
        let folder = try TempFolder()
        defer { folder.cleanup() }
        let bad = try folder.write("Bad.swift", "func f() {\n  let x = 1; print(x)\n}\n")
        let good = try folder.write("Good.swift", "func f() {\n    let x = 1\n    print(x)\n}\n")
        let failed = try runCommand("/bin/bash", [Package.root + "/scripts/lint.sh", bad])
        #expect(failed.status != 0)
        #expect(failed.stdout.contains("Bad.swift:2:"), "\(failed.stdout)")
        #expect(failed.stdout.contains("[DoNotUseSemicolons]"), "\(failed.stdout)")
        #expect(failed.stdout.contains("[Indentation]"), "\(failed.stdout)")
        let passed = try runCommand("/bin/bash", [Package.root + "/scripts/lint.sh", good])
        #expect(passed.status == 0, "\(passed.stdout)\(passed.stderr)")
    }
}
