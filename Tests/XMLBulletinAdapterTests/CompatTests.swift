import Foundation
import IndicatorKit
import IndicatorKitTesting
import Testing
import XMLBulletinAdapter

/// The contract every adapter honours, checked on the national bulletin seed and a mapped bulletin.
@Suite("xml-bulletin AdapterCompatTest")
struct XMLBulletinCompatTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func sdmxSeedPassesTheCompatibilityKit() async throws {
        try await AdapterCompatTest(
            adapter: XMLBulletinAdapter.self,
            fixtures: [Self.root.appendingPathComponent("seeds/china-2022-bulletin.xml")]
        ).run()
    }
}
