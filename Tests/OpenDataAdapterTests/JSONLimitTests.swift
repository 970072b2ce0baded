import Foundation
import IndicatorKit
import OpenDataAdapter
import Testing

@Suite("JSON strings are bounded")
struct JSONLimitTests {
    /// A JSON array of one record whose subject is `length` bytes long, written streaming.
    func hugeSubject(_ length: Int) throws -> String {
        let path = NSTemporaryDirectory() + "yardstick-json-\(UUID().uuidString).json"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        handle.write(Data("[{\"subject\":\"".utf8))
        let block = Data(repeating: UInt8(ascii: "x"), count: 1 << 16)
        var left = length
        while left > 0 {
            let n = min(left, block.count)
            handle.write(block.prefix(n))
            left -= n
        }
        handle.write(Data("\",\"period\":\"2022\",\"value\":1}]".utf8))
        return path
    }

    @Test("a 4 MiB string is refused by default, naming the limit and the option")
    func refusedByDefault() async throws {
        let path = try hugeSubject(4 << 20)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = try #require(
            try await adapterError { _ = try await readRecords(path, options: ["format": .string("json")]) },
            "expected the string limit to stop the read")
        #expect(error.code == .limitExceeded)
        #expect(error.message.contains("1048576 bytes"))
        #expect(error.message.contains("max-text"))
    }

    @Test("max-text raises the limit")
    func raised() async throws {
        let path = try hugeSubject(2 << 20)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let records = try await readRecords(
            path, options: ["format": .string("json"), "max-text": .number(Double(4 << 20))])
        #expect(records.count == 1)
        #expect(records.first?.observation?.subject.utf8.count == 2 << 20)
    }

    @Test("max-text out of range is an option error")
    func badOption() {
        #expect(throws: AdapterError.self) { try OpenDataAdapter(options: AdapterOptions(["max-text": .number(3)])) }
    }
}
