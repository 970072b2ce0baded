import Foundation
import Testing

/// `yardstick extract --adapter xml-bulletin FILE --format count` over every SDMX-ML file of
/// ../shared/data/sdmx equals the `obs` column of its README (which counts `Obs` elements).
@Suite struct SDMXExtractCountTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var path: String
        var message: String
        var observations: Int
        var testDescription: String { path }
    }

    static let folder = (Package.shared as NSString).appendingPathComponent("data/sdmx")

    static let rows: [Row] = {
        guard let readme = try? String(contentsOfFile: folder + "/README.md", encoding: .utf8) else { return [] }
        return readme.split(separator: "\n").compactMap { line -> Row? in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard line.hasPrefix("| "), cells.count > 7, cells[1].contains(".xml") else { return nil }
            let message = cells[4]
            let count = Int(cells[6].split(separator: " ").first?.replacingOccurrences(of: ",", with: "") ?? "")
            let isData = message.hasSuffix("Data") || message == "MessageGroup"
            return Row(path: cells[1], message: message, observations: isData ? count ?? -1 : 0)
        }
    }()

    @Test func theInventoryIsThere() {
        #expect(Self.rows.count >= 70, "../shared/data/sdmx/README.md must be beside the checkout")
    }

    @Test(arguments: rows)
    func extractCountEqualsTheInventory(_ row: Row) throws {
        let result = try yardstick(
            [
                "extract", "--adapter", "xml-bulletin", (Self.folder as NSString).appendingPathComponent(row.path),
                "--format", "count",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "observations: \(row.observations)\ngoals: 0\n", "\(row.message)")
        if row.observations == 0 {
            #expect(result.stderr.contains("no data"), "a structure or metadata message says so: \(result.stderr)")
        }
    }
}
