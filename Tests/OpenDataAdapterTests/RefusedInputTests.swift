import IndicatorKit
import OpenDataAdapter
import Testing

/// Inputs the adapter refuses with one error code, read whole with the options given.
@Suite("Refused inputs")
struct RefusedInputTests {
    /// What is refused, the file (a fixture, or `seeds/opendata/` with a `seed:` prefix), the
    /// options and the code.
    static let cases: [(String, String, [String: String], AdapterError.Code)] = [
        ("years: none refuses a table without a value column", "wide.csv", ["years": "none"], .invalidOption),
        (
            "a World Bank error message is an error, not an empty result", "worldbank-error.json",
            ["preset": "worldbank"], .unsupportedInput
        ),
        ("CKAN success: false is an error", "ckan-failure.json", ["preset": "ckan"], .unsupportedInput),
        (
            "an NBS returncode other than 200 is an error that quotes the service", "seed:nbs-returncode-501.json",
            ["preset": "nbs"], .unsupportedInput
        ),
        (
            "plain CSV under preset sdmx-csv is refused with the first column named", "wide.csv",
            ["preset": "sdmx-csv"], .unsupportedInput
        ),
    ]

    @Test(arguments: cases)
    func refused(_ c: (String, String, [String: String], AdapterError.Code)) async throws {
        let (what, file, options, expected) = c
        let path = file.hasPrefix("seed:") ? seed(String(file.dropFirst(5))) : try fixture(file)
        let code = await adapterErrorCode {
            _ = try await readRecords(path, options: options.mapValues { .string($0) })
        }
        #expect(code == expected, "\(what)")
    }
}
