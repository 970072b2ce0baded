import GoalCheck

/// Renders a scorecard as text in one format.
public protocol ScorecardRenderer: Sendable {
    /// The whole report.
    func render(_ scorecard: Scorecard) -> String
}

/// The report formats a pipeline's `report.formats` may list.
public enum ReportFormat: String, Sendable, CaseIterable {
    case table
    case json
    case csv
    case markdown
    case html

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
