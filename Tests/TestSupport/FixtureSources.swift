/// Pipeline sources more than one test target runs, as YAML list items for a top-level `sources:`.
public enum FixtureSources {
    /// The fixture indicators.csv through open-data, then the fixture crash_adapter.py (a program that
    /// crashes) through exec: a run with one good and one failing source.
    public static let tableAndCrashingProgram = """
          - id: table
            adapter: open-data
            location: indicators.csv
          - id: crashy
            adapter: exec
            command: ["python3", "crash_adapter.py"]
        """
}
