/// Where a stored figure came from: the source, the exact bytes read and the place in them.
public struct Provenance: Sendable, Hashable, Codable {
    /// The pipeline source id ("speech").
    public var sourceID: String
    /// The input as configured: a URL or a path.
    public var origin: String
    /// sha256 of the bytes the adapter read.
    public var sha256: String?
    /// The place in the input.
    public var line: Int?
    public var column: Int?
    public var path: String?
    public var row: Int?
    public var pointer: String?
    public var page: Int?
    public var cell: Int?
    /// The exact text (clause, element or row) the figure was read from.
    public var text: String?

    public init(sourceID: String, origin: String, sha256: String?, location: SourceLocation, text: String?) {
        self.sourceID = sourceID
        self.origin = origin
        self.sha256 = sha256
        self.line = location.line
        self.column = location.column
        self.path = location.path
        self.row = location.row
        self.pointer = location.pointer
        self.page = location.page
        self.cell = location.cell
        self.text = text
    }

    /// The place in the input as a `SourceLocation`.
    public var location: SourceLocation {
        SourceLocation(line: line, column: column, path: path, row: row, pointer: pointer, page: page, cell: cell)
    }
}
