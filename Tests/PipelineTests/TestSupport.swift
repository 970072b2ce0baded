import BuiltinAdapters
import Foundation
import Pipeline
import TestSupport

enum Fixtures {
    static func path(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name).path
    }
}

extension TempFolder {
    /// Copies a fixture into this folder and returns its new path.
    @discardableResult
    func copyFixture(_ name: String) throws -> String { try copy(Fixtures.path(name), as: name) }
}

/// Loads `yaml` as p.yaml from a fresh folder that holds the indicators.csv fixture, with the
/// built-in adapters and `environment` (this process's when nil).
func loadPipeline(_ yaml: String, environment: [String: String]? = nil) throws -> Result<PipelineConfig, ConfigError> {
    let folder = try TempFolder()
    defer { folder.cleanup() }
    try folder.copyFixture("indicators.csv")
    let path = try folder.write("p.yaml", yaml)
    var loader = PipelineLoader(registry: builtinAdapters)
    if let environment { loader.environment = environment }
    do {
        return .success(try loader.load(path: path))
    } catch {
        return .failure(error)
    }
}

/// The package root.
enum Package {
    static let root = packageRoot
}
