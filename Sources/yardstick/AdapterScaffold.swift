import Foundation

/// Creates a new adapter: a Swift module inside the package, or an external program.
///
/// In the package it writes `Plugins/<Name>Adapter/<Name>Adapter.swift` (a working adapter for
/// `subject,period,value,unit` lines), `Tests/<Name>AdapterTests/` (the compatibility test and
/// value checks on a sample fixture), and adds the target to `Package.swift` and the type to
/// `Sources/BuiltinAdapters/BuiltinAdapters.swift`. When either of those two files does not have
/// the shape it expects, it edits neither and returns the lines to add by hand. It never
/// overwrites a file.
struct AdapterScaffold {
    /// What the scaffold could not do, and how to fix it.
    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// What was done and what is left to the user.
    struct Outcome {
        var created: [String] = []
        var edited: [String] = []
        /// Edits the user must make by hand, each with the file and the exact text.
        var manualEdits: [String] = []
        /// Commands to run next.
        var nextSteps: [String] = []
    }

    enum Language: String, CaseIterable {
        case python, swift
    }

    /// "Weather".
    let baseName: String
    /// "WeatherAdapter": the Swift type and module.
    let typeName: String
    /// "weather": the name in pipeline files.
    let adapterName: String
    /// The package (or project) root.
    let root: URL

    /// Derives the names from `name` ("Weather", "weather", "city-portal", "CityPortalAdapter").
    init(name: String, root: URL) throws {
        var words = Self.words(name)
        if words.count > 1, words.last!.lowercased() == "adapter" { words.removeLast() }
        guard let first = words.first?.first, first.isLetter,
            words.allSatisfy({ $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
        else {
            throw Failure(
                message:
                    "'\(name)' cannot name an adapter; use ASCII letters and digits, starting with a letter (e.g. Weather or CityPortal)"
            )
        }
        baseName = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        typeName = baseName + "Adapter"
        adapterName = words.map { $0.lowercased() }.joined(separator: "-")
        self.root = root
    }

    /// Splits a name at `-`, `_`, spaces and lower-to-upper case changes ("XMLBulletin" → XML, Bulletin).
    static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        let chars = Array(name.trimmingCharacters(in: .whitespaces))
        for (i, c) in chars.enumerated() {
            if c == "-" || c == "_" || c == " " || c == "." {
                if !current.isEmpty { words.append(current) }
                current = ""
                continue
            }
            if c.isUppercase, let last = current.last,
                last.isLowercase || last.isNumber || (i + 1 < chars.count && chars[i + 1].isLowercase)
            {
                words.append(current)
                current = ""
            }
            current.append(c)
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    // MARK: - In the package

    /// Writes the Swift adapter, its tests and fixture, and registers it.
    func createBuiltin() throws -> Outcome {
        let packageURL = root.appendingPathComponent("Package.swift")
        let registryURL = root.appendingPathComponent("Sources/BuiltinAdapters/BuiltinAdapters.swift")
        guard FileManager.default.fileExists(atPath: packageURL.path) else {
            throw Failure(
                message:
                    "\(root.path) has no Package.swift; run this in the yardstick checkout or pass --package-root DIR")
        }
        let files: [(String, String)] = [
            ("Plugins/\(typeName)/\(typeName).swift", swiftAdapterSource),
            ("Tests/\(typeName)Tests/\(typeName)Tests.swift", swiftTestSource),
            ("Tests/\(typeName)Tests/Fixtures/sample.csv", sampleFixture),
        ]
        try refuseExisting(files.map(\.0) + ["Plugins/\(typeName)", "Tests/\(typeName)Tests"])
        let packageText = try String(contentsOf: packageURL, encoding: .utf8)
        if packageText.contains("(\"\(typeName)\"") {
            throw Failure(message: "Package.swift already lists \(typeName); pick another name")
        }
        let registryText = (try? String(contentsOf: registryURL, encoding: .utf8)) ?? ""

        var outcome = Outcome()
        try write(files, into: &outcome)
        let newPackage = Self.addingTarget(typeName, to: packageText)
        let newRegistry = Self.addingAdapter(typeName, to: registryText)
        if let newPackage, let newRegistry {
            try Data(newPackage.utf8).write(to: packageURL)
            try Data(newRegistry.utf8).write(to: registryURL)
            outcome.edited = ["Package.swift", "Sources/BuiltinAdapters/BuiltinAdapters.swift"]
        } else {
            outcome.manualEdits = [
                "Package.swift: add this line to the `adapterTargets` list at the top:\n    (\"\(typeName)\", []),",
                "Sources/BuiltinAdapters/BuiltinAdapters.swift: add\n    import \(typeName)\nbelow the other imports, and\n    \(typeName).self,\ninside `AdapterRegistry([ ... ])`",
            ]
        }
        outcome.nextSteps = [
            "swift build", "swift test --filter \(typeName)Tests",
            "swift run yardstick extract --adapter \(adapterName) Tests/\(typeName)Tests/Fixtures/sample.csv",
        ]
        return outcome
    }

    /// `Package.swift` with `("<Name>", []),` appended to the `adapterTargets` list, or `nil` when
    /// the list is not where and how it is expected.
    static func addingTarget(_ typeName: String, to text: String) -> String? {
        var lines = text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix("let adapterTargets") && $0.hasSuffix("= [") }),
            let end = lines[start...].firstIndex(where: { $0 == "]" })
        else { return nil }
        let entries = lines[(start + 1)..<end]
        guard entries.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).hasPrefix("(\"") && $0.hasSuffix("),") })
        else { return nil }
        lines.insert("    (\"\(typeName)\", []),", at: end)
        return lines.joined(separator: "\n")
    }

    /// `BuiltinAdapters.swift` with an import and a `<Name>.self,` line added, or `nil` when the
    /// registry list is not where and how it is expected.
    static func addingAdapter(_ typeName: String, to text: String) -> String? {
        var lines = text.components(separatedBy: "\n")
        guard let lastImport = lines.lastIndex(where: { $0.hasPrefix("import ") }),
            let start = lines.firstIndex(where: { $0.hasPrefix("package let builtinAdapters = AdapterRegistry([") }),
            start > lastImport,
            let end = lines[start...].firstIndex(where: { $0 == "])" })
        else { return nil }
        guard lines[(start + 1)..<end].allSatisfy({ $0.trimmingCharacters(in: .whitespaces).hasSuffix(".self,") })
        else { return nil }
        lines.insert("    \(typeName).self,", at: end)
        lines.insert("import \(typeName)", at: lastImport + 1)
        return lines.joined(separator: "\n")
    }

    // MARK: - External programs

    /// Writes a standalone program in `adapters/<name>/` that speaks the record protocol.
    func createExternal(_ language: Language) throws -> Outcome {
        let dir = "adapters/\(adapterName)"
        let files: [(String, String)]
        let command: String
        switch language {
        case .python:
            let script = adapterName.replacingOccurrences(of: "-", with: "_") + ".py"
            files = [
                ("\(dir)/\(script)", pythonSource),
                ("\(dir)/sample.csv", sampleFixture),
                ("\(dir)/pipeline.yaml", externalPipeline(command: "[\"python3\", \"\(script)\"]")),
            ]
            command = "python3 \(dir)/\(script)"
        case .swift:
            files = [
                ("\(dir)/Package.swift", swiftExternalPackage),
                ("\(dir)/Sources/main.swift", swiftExternalMain),
                ("\(dir)/sample.csv", sampleFixture),
                ("\(dir)/pipeline.yaml", externalPipeline(command: "[\".build/release/\(adapterName)-adapter\"]")),
            ]
            command = "\(dir)/.build/release/\(adapterName)-adapter"
        }
        try refuseExisting(files.map(\.0) + [dir])
        var outcome = Outcome()
        try write(files, into: &outcome)
        if language == .python {
            let path = root.appendingPathComponent(files[0].0).path
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            outcome.nextSteps = [
                "\(command) describe", "\(command) read --options '{}' --input \(dir)/sample.csv",
                "yardstick run \(dir)/pipeline.yaml",
            ]
        } else {
            outcome.nextSteps = [
                "swift build -c release --package-path \(dir)", "\(command) describe",
                "\(command) read --options '{}' --input \(dir)/sample.csv", "yardstick run \(dir)/pipeline.yaml",
            ]
        }
        return outcome
    }

    // MARK: - Files

    private func refuseExisting(_ paths: [String]) throws {
        let existing = paths.filter { FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path) }
        guard existing.isEmpty else {
            throw Failure(
                message:
                    "\(existing.joined(separator: ", ")) already exist\(existing.count == 1 ? "s" : ""); nothing was written. Pick another name or move the existing files away"
            )
        }
    }

    private func write(_ files: [(String, String)], into outcome: inout Outcome) throws {
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .withoutOverwriting)
            outcome.created.append(path)
        }
    }
}
