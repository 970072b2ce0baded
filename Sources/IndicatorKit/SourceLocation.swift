/// Where in its input a record came from.
///
/// Text adapters give `line` and `column` (1-based, in characters); XML adapters give `line` and
/// the element `path`; CSV gives the data `row` (1-based, header excluded); JSON gives a JSON
/// `pointer`. Documents laid out in pages (PDF) add the 1-based `page` (then `line` counts within
/// the page); a figure read from a table cell gives the table's data `row` and the cell's 1-based
/// `cell` (column of the table). Unused fields stay `nil` and are left out of the record JSON.
public struct SourceLocation: Sendable, Hashable {
    public var line: Int?
    public var column: Int?
    public var path: String?
    public var row: Int?
    public var pointer: String?
    /// The 1-based page of a paged document (PDF).
    public var page: Int?
    /// The 1-based column of a table cell (with `row` the table's data row).
    public var cell: Int?

    @inlinable
    public init(
        line: Int? = nil, column: Int? = nil, path: String? = nil, row: Int? = nil, pointer: String? = nil,
        page: Int? = nil, cell: Int? = nil
    ) {
        self.line = line
        self.column = column
        self.path = path
        self.row = row
        self.pointer = pointer
        self.page = page
        self.cell = cell
    }

    /// True when no field is set.
    public var isEmpty: Bool {
        line == nil && column == nil && path == nil && row == nil && pointer == nil && page == nil && cell == nil
    }

    /// A short human form: "line 31, column 18", "row 4", "/data/0", "page 2, line 7".
    public var summary: String {
        var parts: [String] = []
        if let page { parts.append("page \(page)") }
        if let line { parts.append("line \(line)") }
        if let column { parts.append("column \(column)") }
        if let row { parts.append("row \(row)") }
        if let cell { parts.append("cell \(cell)") }
        if let path { parts.append(path) }
        if let pointer { parts.append(pointer) }
        return parts.joined(separator: ", ")
    }
}
