import IndicatorKit

/// A goal or observation read back from the store with its provenance.
public struct StoredRecord: Sendable {
    /// The row id in `goals` or `observations`.
    public var id: Int64
    public var runID: Int64
    public var record: IndicatorKit.SourceRecord
    public var provenance: Provenance

    public init(id: Int64, runID: Int64, record: SourceRecord, provenance: Provenance) {
        self.id = id
        self.runID = runID
        self.record = record
        self.provenance = provenance
    }
}

/// One row of a `goals` or `observations` table, read by column name: how each store hands its rows
/// to `StoredRecord(row:table:store:)`, the one place a row becomes a typed record.
public protocol RecordRowColumns {
    func string(_ column: String) throws -> String?
    func double(_ column: String) throws -> Double?
    func int(_ column: String) throws -> Int?
    func int64(_ column: String) throws -> Int64?
    func bool(_ column: String) throws -> Bool?
}

extension StoredRecord {
    /// The goal (`table` "goals") or observation of a stored row, with its provenance. A kind or
    /// comparator code this build does not know is `StoreError(.unknownStoredValue)` naming `store`,
    /// the table and the row id; never a default.
    public init(row: some RecordRowColumns, table: String, store: String) throws {
        let id = try row.int64("id") ?? 0
        let location = SourceLocation(
            line: try row.int("line"), column: try row.int("col"), path: try row.string("path"),
            row: try row.int("row"), pointer: try row.string("pointer"), page: try row.int("page"),
            cell: try row.int("cell"))
        let quantity = Quantity(
            value: try row.double("value"), upper: try row.double("upper"), unit: try row.string("unit") ?? "")
        let kindCode = try row.string("kind") ?? ""
        guard let kind = FigureKind(rawValue: kindCode) else {
            throw StoreError.unknownCode("kind", kindCode, table: table, row: id, store: store)
        }
        let period = Period(unchecked: try row.string("period") ?? "")
        let attributes = StoredAttributes.decode(try row.string("attributes"))
        let text = try row.string("text")
        let subject = try row.string("subject") ?? ""
        let indicator = try row.string("indicator")
        let region = try row.string("region")
        let redacted = try row.bool("redacted") ?? false
        let record: SourceRecord
        if table == "goals" {
            let comparatorCode = try row.string("comparator") ?? ""
            guard let comparator = TargetComparator(rawValue: comparatorCode) else {
                throw StoreError.unknownCode("comparator", comparatorCode, table: table, row: id, store: store)
            }
            record = .goal(
                Goal(
                    subject: subject, indicator: indicator, kind: kind, comparator: comparator, quantity: quantity,
                    period: period, region: region, redacted: redacted, text: text, location: location,
                    attributes: attributes))
        } else {
            record = .observation(
                Observation(
                    subject: subject, indicator: indicator, kind: kind, quantity: quantity, period: period,
                    region: region, redacted: redacted, text: text, location: location, attributes: attributes))
        }
        let provenance = Provenance(
            sourceID: try row.string("source_id") ?? "", origin: try row.string("origin") ?? "",
            sha256: try row.string("sha256"), location: location, text: text)
        self.init(id: id, runID: try row.int64("run_id") ?? 0, record: record, provenance: provenance)
    }
}
