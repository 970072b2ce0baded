import Foundation
import IndicatorKit
import Reports

/// The lines of a fetched document, for the excerpts on a source page.
enum DocumentText {
    /// Why a document's text could not be shown.
    enum Problem: Error, Equatable {
        case missing
        case changed
        case tooLarge
        case notText

        func message(_ language: ReportLanguage) -> String {
            switch (self, language) {
            case (.missing, .zh): "未找到所读取的文件，下面只列出每个数字的原文语句。"
            case (.missing, .en): "The file that was read is no longer there; each figure shows its stored clause only."
            case (.changed, .zh): "该文件在读取后已被修改，下面只列出每个数字的原文语句。"
            case (.changed, .en): "The file has changed since it was read; each figure shows its stored clause only."
            case (.tooLarge, .zh): "文件过大，不显示上下文，下面只列出每个数字的原文语句。"
            case (.tooLarge, .en): "The file is too large to show context; each figure shows its stored clause only."
            case (.notText, .zh): "该文件不是文本（例如 PDF），下面只列出每个数字的原文语句。"
            case (.notText, .en): "The file is not text (a PDF, say); each figure shows its stored clause only."
            }
        }
    }

    /// The largest document read for excerpts.
    static let maxBytes = 32 << 20

    /// The document's lines, when the file at `path` still has the bytes with `sha256`.
    static func read(path: String, sha256: String?) -> Result<[Substring], Problem> {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = (attributes[.size] as? NSNumber)?.intValue
        else { return .failure(.missing) }
        guard size <= maxBytes else { return .failure(.tooLarge) }
        guard let data = FileManager.default.contents(atPath: path) else { return .failure(.missing) }
        if let sha256, SHA256.hex(of: data) != sha256 { return .failure(.changed) }
        guard let text = String(data: data, encoding: .utf8), !text.contains("\u{0}") else { return .failure(.notText) }
        return .success(text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }))
    }
}

extension Excerpt {
    /// Lines of context on each side of the figure's line.
    static let context = 2

    /// The lines around `record` (by its line number), with its text marked; nil when the record
    /// has no line in the document.
    static func around(_ record: SourceRecord, in lines: [Substring]) -> Excerpt? {
        guard let line = record.location.line, line >= 1, line <= lines.count else { return nil }
        let first = max(1, line - context)
        let last = min(lines.count, line + context)
        var out: [Line] = []
        for n in first...last {
            let text = String(lines[n - 1])
            out.append(Line(number: n, text: text, mark: n == line ? mark(record, in: text) : nil))
        }
        // A CSV row: show the header too, so each cell has its column name.
        let header = record.location.row != nil && first > 1 ? String(lines[0]) : nil
        return Excerpt(lines: out, header: header)
    }

    /// Where the record's own text is on its line: its clause from its column on (or anywhere on
    /// the line), else from its column to the end, else the whole line.
    static func mark(_ record: SourceRecord, in line: String) -> Range<Int> {
        let chars = Array(line)
        let start = max(0, min(chars.count, (record.location.column ?? 1) - 1))
        if let clause = record.text?.trimmingCharacters(in: .whitespacesAndNewlines), !clause.isEmpty {
            let needle = Array(clause)
            if let i = find(needle, in: chars, from: start) ?? find(needle, in: chars, from: 0) {
                return i..<(i + needle.count)
            }
            // A clause that spans lines: mark its first line's part.
            let firstLine = Array(clause.split(whereSeparator: \.isNewline).first ?? "")
            if !firstLine.isEmpty, let i = find(firstLine, in: chars, from: 0) { return i..<(i + firstLine.count) }
        }
        return record.location.column != nil && start < chars.count ? start..<chars.count : 0..<chars.count
    }

    private static func find(_ needle: [Character], in hay: [Character], from start: Int) -> Int? {
        guard !needle.isEmpty, needle.count <= hay.count - start else { return nil }
        var i = start
        while i + needle.count <= hay.count {
            if hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }
}
