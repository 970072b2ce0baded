import Foundation
import IndicatorKit
import TestSupport
import Testing

/// The package root, found from this file.
private let scaffoldPackageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// The yardstick executable built beside the test bundle.
private let scaffoldYardstick: String? = {
    let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    return [
        bundleDir.appendingPathComponent("yardstick").path,
        scaffoldPackageRoot.appendingPathComponent(".build/debug/yardstick").path,
    ].first { FileManager.default.isExecutableFile(atPath: $0) }
}()

/// python3 on the PATH, for the external adapters.
private let scaffoldPython: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    .split(separator: ":").map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }

private struct ScaffoldRun {
    var status: Int32
    var output: String
    var errors: String
}

private func runScaffoldCommand(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws
    -> ScaffoldRun
{
    let result = try runCommand(executable, arguments, in: directory?.path)
    return ScaffoldRun(status: result.status, output: result.stdout, errors: result.stderr)
}

/// A temporary package root holding copies of the real Package.swift and adapter registry.
private struct ScaffoldSandbox {
    let root: URL

    init(realFiles: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("new-adapter-\(UUID().uuidString)")
        let registry = root.appendingPathComponent("Sources/BuiltinAdapters")
        try FileManager.default.createDirectory(at: registry, withIntermediateDirectories: true)
        if realFiles {
            for path in ["Package.swift", "Sources/BuiltinAdapters/BuiltinAdapters.swift"] {
                try FileManager.default.copyItem(
                    at: scaffoldPackageRoot.appendingPathComponent(path), to: root.appendingPathComponent(path))
            }
        }
    }

    func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: root.appendingPathComponent(path))
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

@Suite(.enabled(if: scaffoldYardstick != nil, "the yardstick executable is not built beside the tests"))
struct NewAdapterCommandTests {
    @Test(arguments: [
        ("Weather", "WeatherAdapter", "weather"), ("city-portal", "CityPortalAdapter", "city-portal"),
        ("CityPortalAdapter", "CityPortalAdapter", "city-portal"),
        ("provincial_json", "ProvincialJsonAdapter", "provincial-json"),
        ("SDMXFeed", "SDMXFeedAdapter", "sdmx-feed"),
    ])
    func createsAndRegistersABuiltinAdapter(name: String, typeName: String, adapterName: String) throws {
        let sandbox = try ScaffoldSandbox()
        defer { sandbox.remove() }
        let packageBefore = try sandbox.text("Package.swift")
        let run = try runScaffoldCommand(
            scaffoldYardstick!, ["new-adapter", name, "--package-root", sandbox.root.path])
        #expect(run.status == 0, "\(run.errors)")
        for path in [
            "Plugins/\(typeName)/\(typeName).swift", "Tests/\(typeName)Tests/\(typeName)Tests.swift",
            "Tests/\(typeName)Tests/Fixtures/sample.csv",
        ] {
            #expect(sandbox.exists(path), "\(path) was not created")
        }
        #expect(try sandbox.text("Plugins/\(typeName)/\(typeName).swift").contains("name: \"\(adapterName)\""))
        #expect(
            try sandbox.text("Plugins/\(typeName)/\(typeName).swift").contains(
                "public struct \(typeName): SourceAdapter"))

        // Package.swift gains exactly one line, at the end of the adapterTargets list.
        let package = try sandbox.text("Package.swift").components(separatedBy: "\n")
        let before = packageBefore.components(separatedBy: "\n")
        #expect(package.count == before.count + 1)
        let added = try #require(package.firstIndex(of: "    (\"\(typeName)\", []),"))
        #expect(package[added + 1] == "]")
        #expect(package.filter { !before.contains($0) } == ["    (\"\(typeName)\", []),"])

        let registry = try sandbox.text("Sources/BuiltinAdapters/BuiltinAdapters.swift")
        #expect(registry.contains("\nimport \(typeName)\n"))
        #expect(registry.contains("\n    \(typeName).self,\n])"))
    }

    @Test func printsWhatToAddWhenTheFilesLookDifferent() throws {
        let sandbox = try ScaffoldSandbox(realFiles: false)
        defer { sandbox.remove() }
        let package = "// swift-tools-version: 6.2\nlet package = Package(name: \"custom\")\n"
        let registry = "import IndicatorKit\npublic let adapters = AdapterRegistry([])\n"
        try sandbox.write("Package.swift", package)
        try sandbox.write("Sources/BuiltinAdapters/BuiltinAdapters.swift", registry)
        let run = try runScaffoldCommand(
            scaffoldYardstick!, ["new-adapter", "Weather", "--package-root", sandbox.root.path])
        #expect(run.status == 0, "\(run.errors)")
        #expect(try sandbox.text("Package.swift") == package)
        #expect(try sandbox.text("Sources/BuiltinAdapters/BuiltinAdapters.swift") == registry)
        #expect(sandbox.exists("Plugins/WeatherAdapter/WeatherAdapter.swift"))
        #expect(run.output.contains("(\"WeatherAdapter\", []),"))
        #expect(run.output.contains("import WeatherAdapter"))
        #expect(run.output.contains("WeatherAdapter.self,"))
    }

    @Test func refusesToOverwrite() throws {
        let sandbox = try ScaffoldSandbox()
        defer { sandbox.remove() }
        let first = try runScaffoldCommand(
            scaffoldYardstick!, ["new-adapter", "Weather", "--package-root", sandbox.root.path])
        #expect(first.status == 0)
        let adapter = try sandbox.text("Plugins/WeatherAdapter/WeatherAdapter.swift") + "// edited\n"
        try sandbox.write("Plugins/WeatherAdapter/WeatherAdapter.swift", adapter)
        let package = try sandbox.text("Package.swift")
        let second = try runScaffoldCommand(
            scaffoldYardstick!, ["new-adapter", "weather", "--package-root", sandbox.root.path])
        #expect(second.status == 2)
        #expect(second.errors.contains("already exist"))
        #expect(try sandbox.text("Plugins/WeatherAdapter/WeatherAdapter.swift") == adapter)
        #expect(try sandbox.text("Package.swift") == package)
    }

    @Test(arguments: ["9lives", "Wea ther!", "", "天气"])
    func rejectsNamesThatCannotBeATypeName(name: String) throws {
        let sandbox = try ScaffoldSandbox()
        defer { sandbox.remove() }
        let run = try runScaffoldCommand(
            scaffoldYardstick!, ["new-adapter", name, "--package-root", sandbox.root.path])
        #expect(run.status == 2)
        #expect(run.errors.contains("cannot name an adapter"))
        #expect(!sandbox.exists("Plugins"))
    }

    /// The external python scaffold speaks the record protocol: describe, records that decode, exit 2
    /// naming an unknown option.
    @Test(.enabled(if: scaffoldPython != nil, "python3 is not installed"))
    func externalPythonSpeaksTheProtocol() throws {
        let sandbox = try ScaffoldSandbox()
        defer { sandbox.remove() }
        let run = try runScaffoldCommand(
            scaffoldYardstick!,
            ["new-adapter", "CityPortal", "--external", "python", "--package-root", sandbox.root.path])
        #expect(run.status == 0, "\(run.errors)")
        let program = sandbox.root.appendingPathComponent("adapters/city-portal/city_portal.py").path
        let sample = sandbox.root.appendingPathComponent("adapters/city-portal/sample.csv").path
        #expect(sandbox.exists("adapters/city-portal/pipeline.yaml"))

        let describe = try runScaffoldCommand(scaffoldPython!, [program, "describe"])
        #expect(describe.status == 0)
        let descriptor = try #require(
            try JSONSerialization.jsonObject(with: Data(describe.output.utf8)) as? [String: Any])
        #expect(descriptor["protocol"] as? Int == 1)
        #expect(descriptor["name"] as? String == "city-portal")

        let read = try runScaffoldCommand(
            scaffoldPython!, [program, "read", "--options", #"{"region":"柘城县"}"#, "--input", sample])
        #expect(read.status == 0, "\(read.errors)")
        let records = try read.output.split(separator: "\n").map { try SourceRecord(jsonLine: String($0)) }
        #expect(records.map(\.quantity.value) == [12.6, 123.5, 285, 5100, 1.2])
        #expect(records.map(\.period.rawValue) == ["2022", "2022", "2022", "2022-01/2022-09", "2022-Q3"])
        #expect(records.allSatisfy { $0.region == "柘城县" && $0.location.line != nil })

        let bad = try runScaffoldCommand(
            scaffoldPython!, [program, "read", "--options", #"{"colour":1}"#, "--input", sample])
        #expect(bad.status == 2)
        #expect(bad.errors.contains("'colour'"))
    }
}

/// examples/python-adapter: the program the docs point to.
@Suite(.enabled(if: scaffoldPython != nil, "python3 is not installed"))
struct PythonExampleAdapterTests {
    let program = scaffoldPackageRoot.appendingPathComponent("examples/python-adapter/weather_csv.py").path
    let sample = scaffoldPackageRoot.appendingPathComponent("examples/python-adapter/sample.csv").path

    @Test func describesItself() throws {
        let run = try runScaffoldCommand(scaffoldPython!, [program, "describe"])
        #expect(run.status == 0)
        let descriptor = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(descriptor["protocol"] as? Int == 1)
        #expect(descriptor["name"] as? String == "weather-csv")
        let keys = (descriptor["options"] as? [[String: String]])?.compactMap { $0["key"] }
        #expect(keys == ["station", "elements"])
    }

    @Test func readsOneStation() throws {
        let run = try runScaffoldCommand(
            scaffoldPython!, [program, "read", "--options", #"{"station":"54511"}"#, "--input", sample])
        #expect(run.status == 0, "\(run.errors)")
        let records = try run.output.split(separator: "\n").map { try SourceRecord(jsonLine: String($0)) }
        #expect(records.count == 6)
        #expect(records.allSatisfy { $0.region == "Beijing 54511" && $0.typeName == "observation" })
        #expect(records.map(\.quantity.value) == [2.1, -3.1, 5.4, -1.0, nil, 7.8])
        #expect(records.map(\.period.rawValue) == ["2024-01", "2024-01", "2024-02", "2024-02", "2024-03", "2024-03"])
        #expect(records.map(\.location.row) == [1, 2, 3, 4, 9, 10])
        #expect(records[1].quantity.unit == "°C")
    }

    @Test func namesTheUnknownOptionAndTheBadRow() throws {
        let option = try runScaffoldCommand(
            scaffoldPython!, [program, "read", "--options", #"{"stations":"1"}"#, "--input", sample])
        #expect(option.status == 2)
        #expect(option.errors.contains("'stations'"))

        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("weather-\(UUID().uuidString).csv")
        try Data("station,name,month,element,value,unit\n1,A,2024-01,rain,1,mm\n1,A,2024-13,rain,2,mm\n".utf8).write(
            to: bad)
        defer { try? FileManager.default.removeItem(at: bad) }
        let run = try runScaffoldCommand(scaffoldPython!, [program, "read", "--input", bad.path])
        #expect(run.status == 1)
        #expect(run.errors.contains("row 2"))
        #expect(run.output.split(separator: "\n").count == 1)
    }
}
