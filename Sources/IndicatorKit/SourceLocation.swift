/// Where in its input a record came from.
///
/// Text adapters give `line` and `column` (1-based, in characters); XML adapters give `line` and
/// the element `path`; CSV gives the data `row` (1-based, header excluded); JSON gives a JSON
/// `pointer`. Unused fields stay `nil` and are left out of the record JSON.
public struct SourceLocation: Sendable, Hashable {
    public var line: Int?
    public var column: Int?
    public var path: String?
    public var row: Int?
    public var pointer: String?

    public init(line: Int? = nil, column: Int? = nil, path: String? = nil, row: Int? = nil, pointer: String? = nil) {
        self.line = line
        self.column = column
        self.path = path
        self.row = row
        self.pointer = pointer
    }

    /// True when no field is set.
    public var isEmpty: Bool { line == nil && column == nil && path == nil && row == nil && pointer == nil }

    /// A short human form: "line 31, column 18", "row 4", "/data/0".
    public var summary: String {
        var parts: [String] = []
        if let line { parts.append("line \(line)") }
        if let column { parts.append("column \(column)") }
        if let row { parts.append("row \(row)") }
        if let path { parts.append(path) }
        if let pointer { parts.append(pointer) }
        return parts.joined(separator: ", ")
    }
}
