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
