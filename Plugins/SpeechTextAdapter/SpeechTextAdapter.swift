import IndicatorKit

/// Reads Chinese speeches, government work reports and statistical bulletins (统计公报), in
/// simplified or traditional script, and emits every quantitative target as a goal and every
/// reported figure as an observation.
///
/// Options:
/// - `mode`: `goals`, `observations` or `both` (default `both`).
/// - `year`: the year the document is about (the plan year of a speech, the reported year of a
///   bulletin); overrides what the text says. 今年 is this year, 去年 the one before.
///
/// Input bytes may be UTF-8 (with or without a BOM), GB18030/GBK or Big5; anything else is an
/// `AdapterError` with code `.unsupportedEncoding` naming the file. The input is streamed line by
/// line and records are emitted as they are read.
public struct SpeechTextAdapter: SourceAdapter {
    public static let descriptor = AdapterDescriptor(
        name: "speech-text", version: "1.0.0",
        summary: "Chinese speeches, work reports and statistical bulletins: targets and reported figures",
        options: [
            .init("mode", "goals, observations or both (default both)"),
            .init("year", "the year the document is about, e.g. 2022 (default: from its title and headings)"),
        ])

    let mode: SpeechTextParser.Mode
    let year: Int?

    public init(options: AdapterOptions) throws {
        try options.rejectUnknownKeys(for: Self.descriptor)
        let modeText = try options.choice("mode", in: ["goals", "observations", "both"]) ?? "both"
        mode = SpeechTextParser.Mode(rawValue: modeText) ?? .both
        year = try options.int("year")
        if let year, !(1900...2100).contains(year) {
            throw AdapterError(.invalidOption, "option 'year' is \(year); give a calendar year such as 2022")
        }
    }

    public func read(_ input: SourceInput, into sink: RecordSink) async throws {
        var parser = SpeechTextParser(
            mode: mode, optionYear: year, defaultYear: input.period.flatMap { Period(parsing: $0)?.year },
            region: input.region)
        parser.name = input.origin
        let reader = TextLineReader()
        try reader.stream(path: input.path, declaredCharset: input.charset, name: input.origin) {
            bytes, number, offset in
            try parser.consume(utf8: bytes, number: number, columnOffset: offset) { try sink.emit($0) }
        }
    }
}
