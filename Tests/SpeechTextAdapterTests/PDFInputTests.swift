import Foundation
import IndicatorKit
import Testing

@testable import SpeechTextAdapter

/// PDFs made here with headless Chromium from the HTML fixtures, read through pdftotext.
struct PDFInputTests {
    /// A PDF printed from an HTML fixture, in a temporary folder the caller removes.
    struct PrintedPDF {
        var directory: URL
        var path: String

        init(_ fixture: String) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("pdf-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            path =
                directory.appendingPathComponent(
                    (fixture as NSString).lastPathComponent.replacingOccurrences(of: ".html", with: ".pdf")
                ).path
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [
                "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                "--user-data-dir=\(directory.appendingPathComponent("profile").path)", "--print-to-pdf=\(path)",
                SpeechText.fixtures.appendingPathComponent(fixture).path,
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard FileManager.default.fileExists(atPath: path) else {
                throw AdapterError(
                    .unreadableInput, "chromium did not print \(fixture); install chromium (scripts/setup.sh)")
            }
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }
    }

    static func records(_ path: String, options: [String: OptionValue] = [:]) async throws -> [SourceRecord] {
        let adapter = try SpeechTextAdapter(options: AdapterOptions(options))
        let collector = RecordCollector()
        try await adapter.read(SourceInput(path: path), into: collector.sink)
        return collector.records
    }

    /// Two pages with a running header and page numbers, a table, and a sentence broken across the
    /// page break; in traditional script.
    @Test func twoPageReport() async throws {
        let pdf = try PrintedPDF("report-trad-pdf.html")
        defer { pdf.remove() }
        let lines = try DocumentLines.pdf(pdf.path)
        let texts = lines.map(\.text)
        // The running header stays once: as the title below it on page 1.
        #expect(texts.filter { $0.contains("某縣2023年政府工作報告") }.count == 1)
        #expect(lines.first { $0.text.contains("某縣2023年政府工作報告") }.map { [$0.page, $0.number] } == [1, 2])
        #expect(!texts.contains { PageLayout.isPageNumber(Array($0.unicodeScalars)) })
        #expect(!texts.contains { $0.contains("-1-") || $0.contains("-2-") })
        // The sentence broken across the page is one line, placed where it starts.
        let joined = try #require(lines.first { $0.text.contains("全年接待遊客312萬人次") })
        #expect(joined.page == 1)
        #expect(joined.text.hasSuffix("空氣品質優良天數比例達到92.3%。"))
        // Table rows keep their column spacing.
        let row = try #require(lines.first { $0.text.contains("糧食總產量") })
        #expect(row.page == 1)
        #expect(PageLayout.isAligned(Array(row.text.unicodeScalars)))
        #expect(row.text.contains("52.6"))
        let heading = try #require(lines.first { $0.text == "二、2024年主要目標" })
        #expect(heading.page == 2)
        #expect(lines.allSatisfy { $0.page != nil })

        let records = try await Self.records(pdf.path)
        let gdp = try #require(records.first { $0.subject == "地區生產總值" && $0.kind == .level })
        #expect(gdp.observation != nil)
        #expect(gdp.quantity.value == 186.4)
        #expect(gdp.quantity.unit == "億元")
        #expect(gdp.period.rawValue == "2023")
        #expect(gdp.location.page == 1)
        #expect(gdp.location.line == 4)
        // Read across the page break: "全年接待遊 / 客312萬人次" is one figure of one subject.
        let visitors = try #require(records.first { $0.quantity.unit == "萬人次" })
        #expect(visitors.subject == "接待遊客")
        #expect(visitors.quantity.value == 312)
        #expect(visitors.location.page == 1)
        let goal = try #require(records.compactMap(\.goal).first)
        #expect(goal.subject == "地區生產總值")
        #expect(goal.kind == .growth)
        #expect(goal.comparator == .about)
        #expect(goal.quantity.value == 6)
        #expect(goal.period.rawValue == "2024")
        #expect(goal.location.page == 2)
        #expect(goal.location.line == 6)

        await #expect {
            _ = try await Self.records(pdf.path, options: ["max-pages": .number(1)])
        } throws: { error in
            guard let e = error as? AdapterError else { return false }
            return e.code == .limitExceeded && e.message.contains("max-pages")
        }
    }

    @Test func aPDFWithoutTextIsAClearError() async throws {
        let pdf = try PrintedPDF("image-only-pdf.html")
        defer { pdf.remove() }
        await #expect {
            _ = try await Self.records(pdf.path)
        } throws: { error in
            guard let e = error as? AdapterError else { return false }
            return e.code == .unsupportedInput && e.message.contains("no text layer")
                && e.message.contains("image-only-pdf.pdf")
        }
    }

    @Test func aDamagedPDFIsMalformed() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("damaged.pdf").path
        try Data("%PDF-1.7\n1 0 obj <<>> endobj\n".utf8).write(to: URL(fileURLWithPath: path))
        await #expect {
            _ = try await Self.records(path)
        } throws: { error in
            guard let e = error as? AdapterError else { return false }
            return e.code == .malformedInput && e.message.contains("damaged.pdf")
        }
    }

    @Test func aMissingPdftotextNamesThePackage() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("bin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        var reader = PDFTextReader(name: "report.pdf")
        reader.searchPath = empty.path
        #expect(reader.tool() == nil)
        #expect {
            _ = try DocumentLines.pdf("/nonexistent/report.pdf", reader: reader)
        } throws: { error in
            guard let e = error as? AdapterError else { return false }
            return e.code == .unsupportedInput && e.message.contains("apt-get install poppler-utils")
        }
    }

    @Test(arguments: [
        ("3", true), ("- 3 -", true), ("—12—", true), ("第3页", true), ("第 3 页 共 12 页", true), ("3/12", true),
        ("Page 3 of 12", true), ("第三頁", true), ("第 3 頁 共 12 頁", true), ("第三页", true), ("第三章", false), ("12.5", false),
        ("全年增长3%", false),
        ("2023年", false),
    ])
    func pageNumbers(text: String, isPageNumber: Bool) {
        #expect(PageLayout.isPageNumber(Array(text.unicodeScalars)) == isPageNumber)
    }

    /// Without a PDF: three pages of pdftotext-like output, headers, footers and joins.
    @Test func runningLinesAndJoins() throws {
        let pages = [
            "    某市统计局      2023年统计公报\n\n  全年地区生产总值312.5亿元，比上年增长6.1%，其中第一产业\n增加值41.2亿元。\n\n   产品      产量(吨)    增长(%)\n   粮食      186520      2.3\n\n       - 1 -\n",
            "    某市统计局      2023年统计公报\n  全年城镇新增就业1.2万人，全体居民人均可支配收入28600\n\n       - 2 -\n",
            "    某市统计局      2023年统计公报\n元，比上年增长6.5%。\n二、农业\n  全年粮食播种面积52.3千公顷。\n       第 3 页\n",
        ]
        var lines: [DocumentLines.Line] = []
        var layout = PageLayout(name: "test") { bytes, number, origin in
            lines.append(.init(text: String(decoding: bytes, as: UTF8.self), number: number, page: origin?.page))
        }
        for (k, page) in pages.enumerated() { try layout.add(page: Array(page.utf8), number: k + 1) }
        try layout.finish()
        #expect(
            lines.map(\.text) == [
                "  全年地区生产总值312.5亿元，比上年增长6.1%，其中第一产业增加值41.2亿元。",
                "",
                "   产品      产量(吨)    增长(%)",
                "   粮食      186520      2.3",
                "  全年城镇新增就业1.2万人，全体居民人均可支配收入28600元，比上年增长6.5%。",
                "二、农业",
                "  全年粮食播种面积52.3千公顷。",
            ])
        #expect(lines.map(\.page) == [1, 1, 1, 1, 2, 3, 3])
        #expect(lines.map(\.number) == [2, 3, 4, 5, 2, 3, 4])
    }
}
