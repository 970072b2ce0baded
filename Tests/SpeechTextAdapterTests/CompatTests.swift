import Foundation
import IndicatorKit
import IndicatorKitTesting
import SpeechTextAdapter
import Testing

/// The contract every adapter honours, checked on the seed documents and the charset fixtures.
@Suite("speech-text AdapterCompatTest")
struct SpeechTextCompatTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func seedDocumentsPassTheCompatibilityKit() async throws {
        let seeds = [
            "zhecheng-2022-economic-work-conference.txt", "zhecheng-2021-statistical-bulletin-excerpt.txt",
            "china-2022-statistical-bulletin-excerpt.txt",
        ].map { Self.root.appendingPathComponent("seeds/\($0)") }
        try await AdapterCompatTest(adapter: SpeechTextAdapter.self, fixtures: seeds).run()
    }

    @Test func traditionalScriptPassesTheCompatibilityKit() async throws {
        let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        let files = [fixtures.appendingPathComponent("zhecheng-2022-traditional.txt")]
        var test = AdapterCompatTest(
            adapter: SpeechTextAdapter.self, fixtures: files, options: AdapterOptions(["mode": .string("goals")]))
        test.period = "2022"
        try await test.run()
    }
}
