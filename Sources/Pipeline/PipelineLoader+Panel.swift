import Foundation
import IndicatorKit
import Yams

/// The panel keys of a pipeline file: `period` as a span or a list of years, `regions`, and a
/// source's own `region`, `period` and `year`.
extension PipelineLoader.Context {
    /// `period:` as one period (`2022`), a span of years (`2018..2025`) or a list (`[2021, 2022]`):
    /// the text kept for reports, and the years of a span or list (nil for one period).
    mutating func pipelinePeriod(_ node: Node?) -> (String?, [Int]?) {
        guard let node else { return (nil, nil) }
        if case .sequence(let seq) = node {
            var years: [Int] = []
            for item in seq {
                guard let text = string(item, "each year of period") else { continue }
                guard let y = PanelYears.year(text) else {
                    problem(item, "period lists years; '\(TerminalText.visible(text))' is not a year like 2022")
                    continue
                }
                if years.contains(y) {
                    problem(item, "period lists \(y) twice; list each year once")
                } else {
                    years.append(y)
                }
            }
            if years.isEmpty {
                problem(node, "period is an empty list; list years like [2021, 2022, 2023] or write a span 2018..2025")
                return (nil, nil)
            }
            years.sort()
            return (years.map(String.init).joined(separator: ", "), years)
        }
        guard let text = string(node, "period") else { return (nil, nil) }
        if text.contains("..") {
            switch PanelYears.span(text) {
            case .success(let years): return (text, years)
            case .failure(let message):
                problem(node, "period '\(TerminalText.visible(text))': \(message)")
                return (text, nil)
            }
        }
        if Period(parsing: text) == nil {
            problem(
                node,
                "period '\(TerminalText.visible(text))' is not a period (use 2022, 2022-Q3, 2022-09, 2022-01/2022-09, a span of years 2018..2025 or a list [2021, 2022])"
            )
        }
        return (text, nil)
    }

    /// `regions:`, a list of region names (a single name is a list of one); `region` joins it when
    /// it is not listed.
    mutating func regionList(_ node: Node?, region: String?) -> [String]? {
        guard let node else { return nil }
        guard case .sequence = node else {
            problem(node, "regions must be a list like [柘城县, 睢县, 宁陵县]")
            return nil
        }
        var regions: [String] = []
        for r in stringList(node, "regions") ?? [] where !regions.contains(r) {
            if r.isEmpty { problem(node, "regions lists an empty name") } else { regions.append(r) }
        }
        if let region, !regions.contains(region) { regions.insert(region, at: 0) }
        return regions.isEmpty ? nil : regions
    }

    /// Every source's `region` must be one of `regions` when the pipeline lists them.
    mutating func checkSourceRegions(_ sources: [SourceConfig], regions: [String]?) {
        guard let regions else { return }
        for s in sources {
            guard let r = s.region, !regions.contains(r) else { continue }
            var message = "source '\(s.id)' is about region '\(TerminalText.visible(r))', which regions does not list"
            if let guess = Spelling.closest(to: r, among: regions) { message += " (did you mean '\(guess)'?)" }
            problems.append(
                ConfigProblem(
                    file: display, line: s.line, column: s.column,
                    message: message + "; add it to regions: or correct the source's region"))
        }
    }

    /// A source's `region`, and `period` or `year` (not both).
    mutating func sourcePanel(_ m: Node.Mapping, label: String, into config: inout SourceConfig) {
        if let node = value(m, "region"), let r = string(node, "region") {
            if r.isEmpty { problem(node, "\(label): region is empty; name the region or leave the key out") }
            config.region = r
        }
        let yearNode = value(m, "year")
        let periodNode = value(m, "period")
        if yearNode != nil, periodNode != nil {
            problem(keyNode(m, "year"), "\(label) has both 'year' and 'period'; keep one")
        }
        if let node = yearNode, let text = string(node, "year") {
            if let y = PanelYears.year(text) {
                config.period = String(y)
            } else {
                problem(node, "\(label): year '\(TerminalText.visible(text))' is not a year like 2022")
            }
        }
        if let node = periodNode, let text = string(node, "period") {
            if Period(parsing: text) == nil {
                problem(
                    node,
                    "\(label): period '\(TerminalText.visible(text))' is not a period (use 2022, 2022-Q3, 2022-09 or 2022-01/2022-09)"
                )
            } else {
                config.period = text
            }
        }
    }
}

/// The years of a panel pipeline's `period`.
public enum PanelYears {
    /// The widest span a pipeline may cover.
    public static let maxYears = 100

    /// A calendar year (1900–2100) written as four digits, else nil.
    public static func year(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard t.count == 4, t.allSatisfy(\.isASCII), let y = Int(t), (1900...2100).contains(y) else { return nil }
        return y
    }

    /// The years of `FROM..TO`, or a message saying what is wrong.
    public static func span(_ text: String) -> Result<[Int], SpanError> {
        let parts = text.components(separatedBy: "..")
        guard parts.count == 2, let from = year(parts[0]), let to = year(parts[1]) else {
            return .failure(SpanError("a span is two years joined by '..', like 2018..2025"))
        }
        guard from <= to else { return .failure(SpanError("the span runs backwards; write \(to)..\(from)")) }
        guard to - from < maxYears else {
            return .failure(SpanError("the span covers \(to - from + 1) years; at most \(maxYears)"))
        }
        return .success(Array(from...to))
    }

    /// Why a span did not parse.
    public struct SpanError: Error, CustomStringConvertible {
        public let description: String
        init(_ d: String) { description = d }
    }
}
