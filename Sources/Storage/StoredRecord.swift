import IndicatorKit

/// A goal or observation read back from the store with its provenance.
public struct StoredRecord: Sendable {
    /// The row id in `goals` or `observations`.
    public var id: Int64
    public var runID: Int64
    public var record: IndicatorKit.SourceRecord
    public var provenance: Provenance
}
