import Foundation
import IndicatorKit
import IndicatorKitTesting
import SpeechTextAdapter
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Charsets and streaming.
struct InputTests {
    static func fixture(_ name: String) -> String { SpeechText.fixtures.appendingPathComponent(name).path }

    @Test func readsGB18030() async throws {
        let goals = try await SpeechText.records(path: Self.fixture("plan-gb18030.txt")).compactMap(\.goal)
        #expect(goals.map(\.subject) == ["生产总值", "5G基站", "城镇新增就业"])
        #expect(goals.map(\.quantity.unit) == ["%", "个", "万人"])
        #expect(goals.allSatisfy { $0.period.rawValue == "2023" })
    }

    @Test func readsBig5TraditionalScript() async throws {
        let goals = try await SpeechText.records(path: Self.fixture("report-big5.txt")).compactMap(\.goal)
        #expect(goals.map(\.subject) == ["地區生產總值", "學校", "城鎮新增就業"])
        #expect(goals.map(\.comparator) == [.about, .equal, .atLeast])
        #expect(goals.map(\.quantity.unit) == ["%", "所", "萬人"])
    }

    @Test func readsUTF8WithABOM() async throws {
        // The BOM is no character of the text: "新建公园8个" puts the 8 in column 5 of line 1.
        let records = try await SpeechText.records(path: Self.fixture("plan-bom.txt"), options: ["year": .number(2023)])
        #expect(records.count == 1)
        #expect(records.first?.location.line == 1)
        #expect(records.first?.location.column == 5)
        #expect(records.first?.subject == "公园")
    }

    @Test func rejectsWhatIsNotText() async throws {
        let path = Self.fixture("not-text.txt")
        await #expect {
            _ = try await SpeechText.records(path: path)
        } throws: { error in
            guard let e = error as? AdapterError else { return false }
            return e.code == .unsupportedEncoding && e.message.contains("not-text.txt")
        }
    }

    @Test func aMissingFileIsUnreadable() async throws {
        await #expect {
            _ = try await SpeechText.records(path: "/nonexistent/speech.txt")
        } throws: { ($0 as? AdapterError)?.code == .unreadableInput }
    }

    /// A record reaches the sink before the second part of the input is written.
    @Test func streamsFromAPipe() async throws {
        let (before, records) = try await PipeFeed.read(
            try SpeechTextAdapter(options: AdapterOptions()), first: Data("二、2023年重点工作\n新建5G基站300个。\n".utf8),
            second: Data("新建学校5所。\n".utf8), fileName: "speech.txt")
        #expect(before, "no record arrived before the second part was written")
        #expect(records.compactMap(\.goal).map(\.quantity.value) == [300, 5])
    }

    /// Long inputs stream line by line; a line without a newline at all is handed on in pieces.
    @Test func longLinesArePiecedAtSentenceEnds() async throws {
        let sentence = "新建学校5所。"
        let text = "一、2022年工作回顾\n" + String(repeating: sentence, count: 60_000) + "\n"
        let records = try await SpeechText.records(text)
        #expect(records.count == 60_000)
        let last = try #require(records.last)
        #expect(last.location.line == 2)
        #expect(last.location.column == 59_999 * 7 + 5)
    }
}
