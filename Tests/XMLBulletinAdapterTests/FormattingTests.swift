import Foundation
import IndicatorKit
import Testing
import XMLBulletinAdapter

/// What real files look like at the edges: a BOM, comments before the root, one line, missing values.
@Suite struct FormattingTests {
    @Test func bomCommentsSingleLineAndMissingValues() async throws {
        let observations = try await extract(Paths.fixture("bom-single-line.xml"))
        #expect(observations.count == 6)
        let first = observations[0]
        #expect(first.subject == "A.CN.GDP")
        #expect(first.region == "CN")
        #expect(first.quantity.unit == "CNY")
        #expect(first.quantity.value == 121_020_700_000_000)  // 1210207 × 10^8
        #expect(first.location.line == 1)
        // NaN with status M, absent, empty, nan, and a zero flagged missing: never zeros.
        for o in observations.dropFirst() {
            #expect(o.quantity.value == nil, "\(o.period)")
            #expect(!o.redacted)
        }
        #expect(observations[1].attributes["OBS_STATUS"] == "M")
        #expect(observations[5].attributes["OBS_STATUS"] == "M")
    }

    @Test func valueThatIsNoNumberIsNullAndKeptAsText() async throws {
        let dir = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("odd-value.xml")
        try """
        <m:StructureSpecificData xmlns:m="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"><m:DataSet>
        <Series INDICATOR="GDP" UNIT_MULT="-1"><Obs TIME_PERIOD="2022" OBS_VALUE="n.a."/><Obs TIME_PERIOD="2023" OBS_VALUE="-1.5"/></Series>
        </m:DataSet></m:StructureSpecificData>
        """.write(to: file, atomically: true, encoding: .utf8)
        let observations = try await extract(file.path)
        #expect(observations.count == 2)
        #expect(observations[0].quantity.value == nil)
        #expect(observations[0].attributes["OBS_VALUE"] == "n.a.")
        #expect(observations[1].quantity.value == -0.15)
        #expect(observations[1].attributes["OBS_VALUE"] == nil)
    }

    @Test func missingStructureFileNamesTheOption() async throws {
        let error = await extractionError(
            Paths.fixture("bom-single-line.xml"), options: ["structure": .string("/nonexistent/dsd.xml")])
        #expect(error?.code == .unreadableInput)
        #expect(error?.message.hasPrefix("option structure:") == true)
    }

    @Test func structureAndMetadataMessagesGiveNoRecordsAndNoError() async throws {
        for file in [
            "khaeru__sdmx-test-data/ECB_EXR/1/structure-full.xml", "khaeru__sdmx-test-data/ESTAT/esms.xml",
            "khaeru__sdmx-test-data/ESTAT/esms-ss.xml", "khaeru__sdmx-test-data/IMF/01R.xml",
            "khaeru__sdmx-test-data/ESTAT/footer2.xml",
        ] {
            let observations = try await extract(Paths.sdmx.appendingPathComponent(file).path)
            #expect(observations.isEmpty, "\(file)")
        }
    }

    @Test func forcedProfileReadsAnUnknownRoot() async throws {
        let dir = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("wrapped.xml")
        try """
        <export><DataSet><Series INDICATOR="GDP" REF_AREA="CN"><Obs TIME_PERIOD="2022" OBS_VALUE="3"/></Series></DataSet></export>
        """.write(to: file, atomically: true, encoding: .utf8)
        #expect(await extractionError(file.path)?.code == .unsupportedInput)
        let observations = try await extract(file.path, options: ["profile": .string("sdmx")])
        #expect(observations.map(\.subject) == ["GDP.CN"])
    }
}
