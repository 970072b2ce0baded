import Foundation
import TestSupport
import Testing

/// docs/architecture.md's module table matches Package.swift: the same targets, each with the same
/// dependencies inside the package; and only the CLI tests depend on the executable.
@Suite struct ArchitectureDocTests {
    struct Target {
        var name: String
        var type: String
        var dependencies: Set<String>
    }

    /// The package's targets as `swift package dump-package` reads the manifest.
    static func manifestTargets() throws -> [Target] {
        let scratch = try TempFolder()
        defer { scratch.cleanup() }
        let result = try runCommand(
            "/usr/bin/env", ["swift", "package", "--scratch-path", scratch.path, "dump-package"], in: Package.root)
        try #require(result.status == 0, "swift package dump-package failed: \(result.stderr)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "no manifest JSON")
        let targets = try #require(json["targets"] as? [[String: Any]], "no targets in the manifest JSON")
        let names = Set(targets.compactMap { $0["name"] as? String })
        return targets.compactMap { t in
            guard let name = t["name"] as? String, let type = t["type"] as? String else { return nil }
            var deps = Set<String>()
            for dep in t["dependencies"] as? [[String: Any]] ?? [] {
                for key in ["byName", "target"] {
                    if let pair = dep[key] as? [Any], let n = pair.first as? String, names.contains(n) {
                        deps.insert(n)
                    }
                }
            }
            return Target(name: name, type: type, dependencies: deps)
        }
    }

    /// The rows of the "## Modules" table: module → its `depends on` column.
    static func documentedModules() throws -> [String: Set<String>] {
        let text = try String(contentsOfFile: Package.root + "/docs/architecture.md", encoding: .utf8)
        let section = try #require(text.components(separatedBy: "\n## Modules\n").dropFirst().first)
        var rows: [String: Set<String>] = [:]
        for line in section.components(separatedBy: "\n## ")[0].split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count > 4, cells[1] != "module", !cells[1].hasPrefix("---") else { continue }
            let deps =
                cells[3] == "—" ? [] : cells[3].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            rows[cells[1]] = Set(deps)
        }
        return rows
    }

    @Test func theModuleTableListsEveryTargetWithItsDependencies() throws {
        let targets = try Self.manifestTargets().filter { $0.type != "test" }
        let documented = try Self.documentedModules()
        #expect(
            Set(documented.keys) == Set(targets.map(\.name)),
            "docs/architecture.md's module table and Package.swift's targets differ")
        for target in targets {
            #expect(
                documented[target.name] == target.dependencies,
                "docs/architecture.md: \(target.name) depends on \(target.dependencies.sorted().joined(separator: ", ")) in Package.swift"
            )
        }
    }

    @Test func onlyTheCLITestsDependOnTheExecutable() throws {
        let dependents = try Self.manifestTargets().filter { $0.dependencies.contains("yardstick") }.map(\.name)
        #expect(dependents == ["YardstickCLITests"])
    }
}
