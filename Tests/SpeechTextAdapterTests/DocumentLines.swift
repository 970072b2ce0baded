import Foundation
import IndicatorKit

@testable import SpeechTextAdapter

/// The lines the HTML and PDF readers hand to the parser, for tests of what they produce.
enum DocumentLines {
    struct Line: Equatable, CustomStringConvertible {
        var text: String
        var number: Int
        var path: String?
        var page: Int?

        var description: String { "\(page.map { "p\($0) " } ?? "")\(number) \(path ?? "-") \(text)" }
    }

    static func html(
        _ path: String, charset: String? = nil, limits: HTMLDocumentReader.Limits = HTMLDocumentReader.Limits()
    ) throws -> [Line] {
        var lines: [Line] = []
        let reader = HTMLDocumentReader(name: path, limits: limits) { bytes, number, origin in
            lines.append(Line(text: String(decoding: bytes, as: UTF8.self), number: number, path: origin?.path))
        }
        try reader.stream(path: path, declaredCharset: charset)
        return lines
    }

    static func pdf(_ path: String, reader: PDFTextReader? = nil) throws -> [Line] {
        var lines: [Line] = []
        let reader = reader ?? PDFTextReader(name: path)
        try reader.stream(path: path) { bytes, number, origin in
            lines.append(Line(text: String(decoding: bytes, as: UTF8.self), number: number, page: origin?.page))
        }
        return lines
    }
}
