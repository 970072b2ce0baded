import Foundation
import IndicatorKit
import SpeechTextAdapter
import Testing

/// Runs the speech-text adapter in-process on text or files, for the tests.
enum SpeechText {
    /// The package root (Tests/SpeechTextAdapterTests/ is two levels below it).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The shared folder beside the package (gold answers, shared seeds).
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    static var fixtures: URL { Bundle.module.url(forResource: "Fixtures", withExtension: nil)! }

    /// Records of `path` read with `options`.
    static func records(path: String, options: [String: OptionValue] = [:], region: String? = nil) async throws
        -> [SourceRecord]
    {
        let adapter = try SpeechTextAdapter(options: AdapterOptions(options))
        let collector = RecordCollector()
        try await adapter.read(SourceInput(path: path, region: region), into: collector.sink)
        return collector.records
    }

    /// Records of `text`, written to a temporary UTF-8 file first.
    static func records(_ text: String, options: [String: OptionValue] = [:]) async throws -> [SourceRecord] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("speech-\(UUID().uuidString).txt")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try await records(path: url.path, options: options)
    }

    /// The goals of `sentence` read as part of a 2023 plan section.
    static func planGoals(_ sentence: String) async throws -> [Goal] {
        try await records("二、2023年重点工作\n" + sentence + "\n").compactMap(\.goal)
    }

    /// The observations of `sentence` read as part of a 2022 review section.
    static func reviewObservations(_ sentence: String) async throws -> [Observation] {
        try await records("一、2022年工作回顾\n" + sentence + "\n").compactMap(\.observation)
    }

    /// Expects `sentence`, read as a review, to give one figure: of `subject`, with `value` (and of
    /// `kind`, when given).
    static func expectOneFigure(
        _ sentence: String, subject: String, value: Double, kind: FigureKind? = nil,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws {
        let obs = try await reviewObservations(sentence)
        #expect(obs.map(\.subject) == [subject], sourceLocation: sourceLocation)
        if let kind { #expect(obs.map(\.kind) == [kind], sourceLocation: sourceLocation) }
        #expect(obs.map(\.quantity.value) == [value], sourceLocation: sourceLocation)
    }
}
