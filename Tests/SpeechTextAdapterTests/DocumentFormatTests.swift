import Foundation
import IndicatorKit
import Testing

@testable import SpeechTextAdapter

/// Which reader a document gets: option, media type, magic bytes, extension.
struct DocumentFormatTests {
    static func file(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("format-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    @Test(
        arguments: [
            ("%PDF-1.7\n", "report.bin", nil, DocumentFormat.pdf),
            ("\u{FEFF}  <!DOCTYPE html><html>", "page", nil, .html),
            ("\n<html lang=\"zh\">", "page.txt", nil, .html),
            ("<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", "page", nil, .html),
            ("一、2023年工作回顾\n", "speech.txt", nil, .text),
            ("一、2023年工作回顾\n", "speech.htm", nil, .html),
            ("一、2023年工作回顾\n", "report.pdf", nil, .pdf),
            ("一、2023年工作回顾\n", "speech", nil, .text),
            // The fetch's media type comes first; a download type says nothing.
            ("%PDF-1.7\n", "x", "text/html; charset=utf-8", .html),
            ("<html>", "x", "text/plain", .text),
            ("%PDF-1.7\n", "x.html", "application/octet-stream", .pdf),
            ("<p>", "x", "application/pdf", .pdf),
        ] as [(String, String, String?, DocumentFormat)])
    func detection(head: String, name: String, mediaType: String?, expected: DocumentFormat) throws {
        let url = try Self.file(name, Array(head.utf8))
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        #expect(DocumentFormat.of(SourceInput(path: url.path, mediaType: mediaType), option: nil) == expected)
    }

    @Test func theFormatOptionOverridesEverything() async throws {
        let url = try Self.file("page.html", Array("<html><body><p>二、2023年重点工作</p><p>新建学校5所。</p></body></html>\n".utf8))
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        #expect(DocumentFormat.of(SourceInput(path: url.path, mediaType: "text/html"), option: .text) == .text)
        // Read as text, the tags stay in the line and no heading opens a plan section.
        let asText = try await SpeechText.records(path: url.path, options: ["format": .string("text")])
        let asHTML = try await SpeechText.records(path: url.path, options: ["format": .string("html")])
        #expect(asHTML.compactMap(\.goal).map(\.subject) == ["学校"])
        #expect(asHTML.first?.location.path == "/html/body/p[2]")
        #expect(asText.allSatisfy { $0.location.path == nil })
        #expect(throws: AdapterError.self) {
            _ = try SpeechTextAdapter(options: AdapterOptions(["format": .string("docx")]))
        }
    }

    /// Plain text keeps its line and column provenance with no page or path.
    @Test func plainTextIsReadAsBefore() async throws {
        let records = try await SpeechText.records("二、2023年重点工作\n新建学校5所。\n")
        #expect(records.first?.location == SourceLocation(line: 2, column: 5))
    }
}
