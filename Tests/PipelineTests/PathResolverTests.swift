import Foundation
import Pipeline
import Testing

/// `PathResolver` gives `PipelineLoader.absolute`'s answers, with symlinked folders and files.
@Suite struct PathResolverTests {
    @Test func sameAnswersAsFoundation() throws {
        let fm = FileManager.default
        let root = NSTemporaryDirectory() + "yardstick-paths-\(UUID().uuidString)"
        defer { try? fm.removeItem(atPath: root) }
        try fm.createDirectory(atPath: root + "/real/pipelines", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: root + "/real/seeds", withIntermediateDirectories: true)
        fm.createFile(atPath: root + "/real/seeds/a.txt", contents: Data("a".utf8))
        fm.createFile(atPath: root + "/real/pipelines/p.yaml", contents: Data("p".utf8))
        try fm.createSymbolicLink(atPath: root + "/link", withDestinationPath: root + "/real")
        try fm.createSymbolicLink(atPath: root + "/real/seeds/b.txt", withDestinationPath: "a.txt")
        try fm.createSymbolicLink(atPath: root + "/real/seeds/up", withDestinationPath: "..")
        let resolver = PathResolver()
        let folders = [root + "/link/pipelines", root + "/real/pipelines", root + "/link/./pipelines/", root]
        let paths = [
            "p.yaml", "../seeds/a.txt", "../seeds/b.txt", "../seeds/missing.txt", "../seeds/up/pipelines/p.yaml",
            "../seeds/up", ".", "..", "../seeds/", root + "/link/seeds/a.txt", root + "//link//seeds//b.txt",
            "/", "/tmp", "~/x", "a/../b",
        ]
        for folder in folders {
            for path in paths {
                // Twice: the second answer comes from the remembered folder.
                for _ in 0..<2 {
                    #expect(
                        resolver.absolute(path, relativeTo: folder)
                            == PipelineLoader.absolute(path, relativeTo: folder), "\(path) in \(folder)")
                }
            }
        }
    }
}
