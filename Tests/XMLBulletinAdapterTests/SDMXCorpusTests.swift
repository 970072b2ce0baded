import Foundation
import IndicatorKit
import Testing
import XMLBulletinAdapter

/// One row of shared/data/sdmx/README.md.
struct CorpusFile: Sendable, CustomTestStringConvertible {
    var path: String
    var version: String
    var message: String
    /// The README's `obs` column for data messages; 0 for structure messages.
    var observations: Int

    var testDescription: String { "\(message) \(version): \(path)" }
    var isStructure: Bool { message == "Structure" }

    /// The XML rows of the inventory (CSV and JSON belong to the open-data adapter).
    static func all() throws -> [CorpusFile] {
        let readme = try String(contentsOf: Paths.sdmx.appendingPathComponent("README.md"), encoding: .utf8)
        var files: [CorpusFile] = []
        for line in readme.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count > 7, cells[1] != "file (in this folder)", !cells[1].hasPrefix("---") else { continue }
            let message = cells[4]
            guard message != "csv", message != "json" else { continue }
            let count = cells[6].split(separator: " ").first.map { $0.replacingOccurrences(of: ",", with: "") } ?? ""
            files.append(
                CorpusFile(
                    path: cells[1], version: cells[3], message: message,
                    observations: message == "Structure" ? 0 : Int(count) ?? -1))
        }
        return files
    }
}

@Suite struct SDMXCorpusTests {
    static let files: [CorpusFile] = (try? CorpusFile.all()) ?? []

    @Test func inventoryIsRead() {
        // 87 files in the folder, of which 6 CSV/JSON rows and 7 JSON; every XML message is here.
        #expect(Self.files.count >= 70)
        #expect(Self.files.contains { $0.message == "CompactData" && $0.version == "2.0" })
        #expect(Self.files.contains { $0.message == "StructureSpecificData" && $0.version == "3.0" })
        #expect(Self.files.contains { $0.message == "GenericTimeSeriesData" })
    }

    /// Every observation (`Obs` element) of every SDMX-ML file becomes one record; structure and
    /// metadata messages give none and no error.
    @Test(arguments: files)
    func observationCountMatchesInventory(_ file: CorpusFile) async throws {
        let path = Paths.sdmx.appendingPathComponent(file.path).path
        let (count, sample) = try await scan(path)
        #expect(count == file.observations, "\(file.path)")
        for o in sample {
            #expect(!o.subject.isEmpty)
            if let v = o.quantity.value { #expect(v.isFinite) }
            #expect(o.location.line != nil && o.location.path != nil)
        }
    }

    @Test func missingValuesAreNullWithTheirStatus() async throws {
        let path = Paths.sdmx.appendingPathComponent(
            "bis-med-it__pysdmx/tests/io/xml/sdmx21/reader/samples/gen_all.xml.gz"
        )
        .path
        let observations = try await extract(path)
        let missing = observations.filter { $0.attributes["OBS_STATUS"] == "M" }
        #expect(!missing.isEmpty)
        #expect(missing.allSatisfy { $0.quantity.value == nil && !$0.redacted })
        #expect(observations.contains { $0.quantity.value != nil })
    }

    @Test func genericTimeSeriesInheritsSeriesAttributes() async throws {
        let observations = try await extract(
            Paths.sdmx.appendingPathComponent("khaeru__sdmx-test-data/ECB_EXR/ng-ts.xml").path)
        let first = try #require(observations.first)
        #expect(first.subject == "M.CHF.EUR.SP00.E")
        #expect(first.quantity.value == 1.3413)
        #expect(first.quantity.unit == "CHF")
        #expect(first.period.rawValue == "2010-08")
        #expect(first.attributes["OBS_STATUS"] == "A")
        #expect(first.attributes["TITLE"] == "ECB reference exchange rate, Swiss franc/Euro")
        #expect(first.attributes["FREQ"] == "M")
        #expect(first.kind == .level)
    }

    @Test func crossSectionalGenericPutsTheObservationDimensionInTheKey() async throws {
        // dimensionAtObservation="CURRENCY": TIME_PERIOD sits in the series key.
        let observations = try await extract(
            Paths.sdmx.appendingPathComponent("khaeru__sdmx-test-data/ECB_EXR/ng-xs.xml").path)
        #expect(observations.map(\.subject).prefix(2) == ["M.EUR.SP00.E.CHF", "M.EUR.SP00.E.GBP"])
        #expect(observations.allSatisfy { $0.period.rawValue.hasPrefix("2010-") })
    }

    @Test func siblingGroupAttributesReachTheirSeries() async throws {
        let observations = try await extract(
            Paths.sdmx.appendingPathComponent("khaeru__sdmx-test-data/ECB_EXR/rg-ts-gf.xml").path)
        let chf = try #require(observations.first { $0.attributes["CURRENCY"] == "CHF" })
        #expect(chf.attributes["TITLE"] == "ECB reference exchange rate, Swiss franc/Euro")
        #expect(chf.attributes["COLL_METHOD"] == "Average of observations through period")
        #expect(chf.quantity.unit == "CHF")
        let gbp = try #require(observations.first { $0.attributes["CURRENCY"] == "GBP" })
        #expect(gbp.attributes["DECIMALS"] == "5")
    }

    @Test func utilityDataScalesByUnitMultFromItsGroup() async throws {
        let observations = try await extract(
            Paths.sdmx.appendingPathComponent("mdequeljoe__readsdmx/inst/extdata/utility_2.0.xml").path)
        let first = try #require(observations.first)
        #expect(first.subject == "M.P.A.MX")
        #expect(first.attributes["UNIT_MULT"] == "5")
        #expect(first.quantity.value == 314_000)  // 3.14 × 10^5, exactly
        #expect(first.period.rawValue == "2000-01")
    }

    @Test func compactTwoZeroWithMixedCaseNamespaceAndOtherTimeName() async throws {
        // OECD: TIME="2007-Q2"; MYORG: the time dimension is called YEA.
        let oecd = try await extract(
            Paths.sdmx.appendingPathComponent("mdequeljoe__readsdmx/inst/extdata/compact_nullobs_2.0.xml").path)
        #expect(oecd.first?.period.rawValue == "2007-Q2")
        #expect(oecd.first?.subject == "FRA.RHHGDI.Q")
        let myorg = try await extract(
            Paths.sdmx.appendingPathComponent("opensdmx__rsdmx/inst/extdata/SDMXCompactDataExample_2.0.xml").path)
        #expect(myorg.first?.period.rawValue == "1990")
        #expect(myorg.first?.subject == "YFT.VAL1.VARIABLE_1990.HOME")
    }

    @Test func messageGroupRegionFromRefArea() async throws {
        let observations = try await extract(
            Paths.sdmx.appendingPathComponent(
                "opensdmx__rsdmx/inst/extdata/SDMXMessageGroupExample_CompactData_2.0.xml"
            ).path)
        #expect(observations.count == 112)
        #expect(observations.allSatisfy { $0.region == "SE" })
    }

    @Test func threeZeroComplexAttributesAreJoined() async throws {
        let observations = try await extract(
            Paths.sdmx.appendingPathComponent("sdmx-twg__sdmx-ml/samples/Data-Complex-Data-Attributes/ECB_EXR_CA.xml")
                .path
        )
        let first = try #require(observations.first)
        #expect(first.attributes["SOURCE_AGENCY"] == "4F0;4D0;CZ2")
        #expect(first.attributes["OBS_STATUS"] == "A;F")
        #expect(first.attributes["TITLE"] == "Some English Text;Additional English Text where lang defaults to en")
        #expect(first.period.rawValue == "2017")
    }

    @Test func gzipIsReadDirectly() async throws {
        let (count, observations) = try await scan(
            Paths.sdmx.appendingPathComponent("dur41d__sdmxdotnet/lib/avia_tf_alc.sdmx.xml.gz").path, keep: 1)
        #expect(count == 40_962)
        // Eurostat writes the area and the unit as lower-case dimensions: geo, unit.
        let first = try #require(observations.first)
        #expect(first.region == "AT")
        #expect(first.quantity.unit == "FLIGHT")
        #expect(first.subject == "A.FLIGHT.FRM_CAF.INTL.AT.LIC_EU")
        #expect(first.quantity.value == 1095)
    }

    @Test func structureFileLabelsCodesAndOrdersTheKey() async throws {
        let data = Paths.sdmx.appendingPathComponent("khaeru__sdmx-test-data/ECB_EXR/1/M.USD.EUR.SP00.A.xml").path
        let structure = Paths.sdmx.appendingPathComponent("khaeru__sdmx-test-data/ECB_EXR/1/structure-full.xml").path
        let observations = try await extract(data, options: ["structure": .string(structure)])
        #expect(observations.count == 252)
        let first = try #require(observations.first)
        #expect(first.subject == "M.USD.EUR.SP00.A")
        #expect(first.attributes["label.FREQ"] == "Monthly")
        #expect(first.attributes["label.CURRENCY"] == "US dollar")
    }
}
