import GoalCheck
import IndicatorKit

/// Renders a scorecard as text in one format.
public protocol ScorecardRenderer: Sendable {
    /// The whole report.
    func render(_ scorecard: Scorecard) -> String
}

/// The report formats: the one list that a pipeline's `report.formats`, `yardstick report --format`
/// and ``ScorecardWriter`` accept.
public enum ReportFormat: String, Sendable, CaseIterable {
    case table
    case json
    case csv
    case markdown
    case html

    /// Other names accepted for a format (`md` for `markdown`).
    public static let aliases: [String: ReportFormat] = ["md": .markdown]

    /// Every name a format may be given by, canonical names first.
    public static var acceptedNames: [String] { allCases.map(\.rawValue) + aliases.keys.sorted() }

    /// The format called `name` (canonical or alias, any letter case), or nil.
    public init?(named name: String) {
        let n = name.lowercased()
        guard let format = ReportFormat(rawValue: n) ?? ReportFormat.aliases[n] else { return nil }
        self = format
    }

    /// The message for a name no format has: the name, a close guess, and the accepted names.
    public static func unknownNameMessage(_ name: String) -> String {
        var message = "unknown report format '\(name)'"
        if let guess = Spelling.closest(to: name.lowercased(), among: acceptedNames) {
            message += " (did you mean '\(guess)'?)"
        }
        return message + "; use \(acceptedNames.joined(separator: ", "))"
    }

    /// The file extension a written report gets ("txt" for the table).
    public var fileExtension: String {
        switch self {
        case .table: "txt"
        case .json: "json"
        case .csv: "csv"
        case .markdown: "md"
        case .html: "html"
        }
    }

    /// The renderer; `colour` applies to the terminal table only.
    public func renderer(colour: Bool = false) -> any ScorecardRenderer {
        switch self {
        case .table: TableRenderer(colour: colour)
        case .json: JSONRenderer()
        case .csv: CSVRenderer()
        case .markdown: MarkdownRenderer()
        case .html: HTMLRenderer()
        }
    }
}
