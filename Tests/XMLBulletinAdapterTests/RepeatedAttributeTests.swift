import Foundation
import IndicatorKit
import Testing
import XMLBulletinAdapter

/// Observations whose attributes alternate between a few combinations (the reader reuses what an
/// earlier combination gave): every record carries its own observation's attributes.
@Suite struct RepeatedAttributeTests {
    static func write(_ body: String) throws -> (URL, String) {
        let dir = try Paths.temporaryDirectory()
        let path = dir.appendingPathComponent("data.xml").path
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <message:StructureSpecificData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message">
              <message:DataSet>
            \(body)
              </message:DataSet>
            </message:StructureSpecificData>
            """
        try Data(xml.utf8).write(to: URL(fileURLWithPath: path))
        return (dir, path)
    }

    @Test func seriesObservationsAlternatingStatuses() async throws {
        let statuses = ["A", "E", "A", "M", "A", "E", "P", "A", "M", "E"]
        var obs = ""
        for (i, s) in statuses.enumerated() {
            let value = s == "M" ? "NaN" : "\(i).5"
            obs += "<Obs TIME_PERIOD=\"\(2000 + i)\" OBS_VALUE=\"\(value)\" OBS_STATUS=\"\(s)\" OBS_CONF=\"F\"/>\n"
        }
        let body = """
            <Series FREQ="A" REF_AREA="CN" UNIT_MEASURE="CNY">\(obs)</Series>
            <Series FREQ="A" REF_AREA="US" UNIT_MEASURE="USD">\(obs)</Series>
            """
        let (dir, path) = try Self.write(body)
        defer { try? FileManager.default.removeItem(at: dir) }
        let records = try await extract(path)
        #expect(records.count == 2 * statuses.count)
        for (n, record) in records.enumerated() {
            let i = n % statuses.count
            #expect(record.attributes["OBS_STATUS"] == statuses[i])
            #expect(record.attributes["OBS_CONF"] == "F")
            #expect(record.period.rawValue == String(2000 + i))
            #expect(record.quantity.value == (statuses[i] == "M" ? nil : Double(i) + 0.5))
            #expect(record.subject == (n < statuses.count ? "A.CN" : "A.US"))
            #expect(record.quantity.unit == (n < statuses.count ? "CNY" : "USD"))
            #expect(record.region == (n < statuses.count ? "CN" : "US"))
        }
    }

    @Test func flatObservationsAlternatingStatuses() async throws {
        // No series: every observation carries its whole key.
        let rows: [(area: String, status: String)] = [
            ("CN", "A"), ("CN", "M"), ("CN", "A"), ("US", "M"), ("US", "A"), ("US", "M"), ("CN", "A"),
        ]
        var body = ""
        for (i, r) in rows.enumerated() {
            body +=
                "<Obs FREQ=\"A\" REF_AREA=\"\(r.area)\" TIME_PERIOD=\"\(2010 + i)\" OBS_VALUE=\"\(i)\" OBS_STATUS=\"\(r.status)\"/>\n"
        }
        let (dir, path) = try Self.write(body)
        defer { try? FileManager.default.removeItem(at: dir) }
        let records = try await extract(path)
        #expect(records.count == rows.count)
        for (i, record) in records.enumerated() {
            #expect(record.attributes["OBS_STATUS"] == rows[i].status)
            #expect(record.attributes["REF_AREA"] == rows[i].area)
            #expect(record.region == rows[i].area)
            #expect(record.quantity.value == (rows[i].status == "M" ? nil : Double(i)))
        }
    }
}
