import Foundation
import IndicatorKit
import OpenDataAdapter
import Testing

/// The SDMX-JSON data messages listed in ../shared/data/sdmx/README.md with their `obs` counts.
func sdmxJSONSamples() -> [(path: String, observations: Int)] {
    let folder = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/sdmx")
    guard let readme = try? String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8) else {
        return []
    }
    var out: [(String, Int)] = []
    for line in readme.split(separator: "\n") where line.hasPrefix("|") {
        let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard cells.count > 6, cells[3].hasPrefix("SDMX-JSON") else { continue }
        let obsText = cells[6].split(separator: " ").first.map { $0.replacingOccurrences(of: ",", with: "") } ?? ""
        guard let obs = Int(obsText) else { continue }
        out.append((folder.appendingPathComponent(cells[1]).path, obs))
    }
    return out
}

@Suite("SDMX-JSON")
struct SDMXJSONTests {
    @Test("the README lists the six SDMX-JSON samples")
    func samplesListed() {
        #expect(sdmxJSONSamples().count == 6)
    }

    @Test("observation counts match the README's obs column", arguments: sdmxJSONSamples().map(\.path))
    func counts(path: String) async throws {
        let expected = try #require(sdmxJSONSamples().first { $0.path == path }?.observations)
        let records = try await readRecords(path, options: ["format": .string("sdmx-json")])
        #expect(records.count == expected)
        #expect(records.allSatisfy { $0.observation != nil })
        let detected = try await readRecords(path)
        #expect(detected.count == expected)
    }

    @Test("SDMX-JSON 1.0 series: keys, periods, values and attributes")
    func ecbSeries() async throws {
        let path = packageRoot.deletingLastPathComponent().appendingPathComponent(
            "shared/data/sdmx/khaeru__sdmx-test-data/ECB_EXR/ts.json"
        ).path
        let obs = try await readRecords(path, options: ["format": .string("sdmx-json")]).compactMap(\.observation)
        let nzd = obs.filter { $0.attributes["CURRENCY"] == "NZD" }.sorted { $0.period < $1.period }
        #expect(nzd.count == 2)
        #expect(nzd.first?.subject == "D.NZD.EUR.SP00.A")
        #expect(nzd.first?.period.rawValue == "2013-01-18")
        #expect(nzd.first?.quantity.value == 1.5931)
        #expect(nzd.first?.attributes["OBS_STATUS"] == "A")
        #expect(nzd.first?.location.pointer?.hasPrefix("/dataSets/0/series/") == true)
    }

    @Test("SDMX-JSON 2.0: data-set attributes give the unit, REF_AREA the region")
    func agri() async throws {
        let path = packageRoot.deletingLastPathComponent().appendingPathComponent(
            "shared/data/sdmx/khaeru__sdmx-test-data/v3/json/data/agri.json"
        ).path
        let obs = try await readRecords(path).compactMap(\.observation)
        #expect(obs.count == 12)
        let first = try #require(obs.first { $0.region == "ASIKHM001" && $0.period.rawValue == "2014" })
        #expect(first.quantity.value == 350.154)
        #expect(first.quantity.unit == "TONES")
        #expect(first.attributes["UNIT_MULT"] == "3")
        #expect(first.location.pointer?.hasPrefix("/data/dataSets/0/observations/") == true)
    }
}
