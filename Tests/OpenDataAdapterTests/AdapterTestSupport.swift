import Foundation
import IndicatorKit
import OpenDataAdapter

/// The test bundle's Fixtures folder.
func fixture(_ name: String) throws -> String {
    guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
        throw AdapterError(.unreadableInput, "the Fixtures folder is missing from the test bundle")
    }
    return url.appendingPathComponent(name).path
}

/// The package root, from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A file written for one test, in a folder of its own; `remove()` deletes the folder.
struct ScratchFile {
    let folder: URL
    let path: String

    init(_ name: String, _ text: String, encoding: String.Encoding = .utf8) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("open-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: encoding)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

/// Runs the open-data adapter with `options` on `path` and returns what it emitted.
func readRecords(
    _ path: String, options: [String: OptionValue] = [:], mediaType: String? = nil, charset: String? = nil
) async throws -> [SourceRecord] {
    let adapter = try OpenDataAdapter(options: AdapterOptions(options))
    let collector = RecordCollector()
    try await adapter.read(SourceInput(path: path, mediaType: mediaType, charset: charset), into: collector.sink)
    return collector.records
}

/// Writes `text` as the scratch file `name`, reads it with `readRecords(_:options:)` and removes it.
func readRecords(
    writing name: String, _ text: String, encoding: String.Encoding = .utf8, options: [String: OptionValue] = [:]
) async throws -> [SourceRecord] {
    let file = try ScratchFile(name, text, encoding: encoding)
    defer { file.remove() }
    return try await readRecords(file.path, options: options)
}

/// The `AdapterError` `body` throws, or `nil` when it throws none; any other error is thrown on.
func adapterError(_ body: () async throws -> Void) async throws -> AdapterError? {
    do {
        try await body()
        return nil
    } catch let error as AdapterError {
        return error
    }
}

/// The `AdapterError` code `body` throws, or `nil`.
func adapterErrorCode(_ body: () async throws -> Void) async -> AdapterError.Code? {
    do {
        try await body()
        return nil
    } catch let error as AdapterError {
        return error.code
    } catch {
        return AdapterError.Code(rawValue: "other: \(error)")
    }
}
