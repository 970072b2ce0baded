import IndicatorKit

/// A status a store keeps as its code (`rawValue`): read back only when it is one this build knows.
///
/// Run, source-outcome, fetch and check statuses are stored as text; every read goes through
/// `stored(_:table:row:store:)`, so a code written by a newer build or edited by hand is an error
/// naming the row, never a status the rest of the program does not expect.
public protocol StoredCode: RawRepresentable, Sendable where RawValue == String {
    /// The status stored as `code`, or nil when this build does not know it.
    init?(storedCode code: String)
}

extension StoredCode {
    /// The status stored as `code` in the `status` column of `table`'s row `row`; an unknown code is
    /// `StoreError(.unknownStoredValue)` naming the store, table, row and code.
    public static func stored(_ code: String, table: String, row: String, store: String) throws -> Self {
        guard let value = Self(storedCode: code) else {
            throw StoreError.unknownCode("status", code, table: table, row: row, store: store)
        }
        return value
    }
}

extension StoredCode where Self: CaseIterable {
    public init?(storedCode code: String) { self.init(rawValue: code) }
}

extension CheckStatus: StoredCode {
    public init?(storedCode code: String) {
        guard let known = CheckStatus.all.first(where: { $0.rawValue == code }) else { return nil }
        self = known
    }
}

/// How a run ended, or that it is still running (`RunRecord.status`): `partial` when some source
/// failed or kept its earlier data, `interrupted` when its process went away and a later run of the
/// pipeline marked it, `stopped` by a signal or the run timeout.
public enum RunStatus: String, StoredCode, CaseIterable {
    case running, succeeded, partial, failed, interrupted, stopped
}

/// One source's outcome in a run (`RunSourceRecord.status`): `stored` (its records are current),
/// `unchanged` (its input did not change; the earlier records stay current), `failed`, or `kept`
/// (it read nothing and `on-empty: keep` kept the earlier records).
public enum SourceStatus: String, StoredCode, CaseIterable {
    case stored, unchanged, failed, kept
}

/// How a source's input was fetched (`FetchRecord.status`); `not-modified` when a conditional
/// request answered 304.
public enum FetchStatus: String, StoredCode, CaseIterable {
    case fetched
    case notModified = "not-modified"
    case failed
}
