import Foundation

/// Where an adapter sends its records, one at a time, as it reads them.
///
/// `emit` may throw to stop the adapter (the store failed, a limit was reached); an adapter must
/// let that error propagate.
///
/// `emit` is inlinable and consumes its record, so the record an adapter builds can go into the
/// sink's closure without a copy of its strings and attributes. A reader whose records share
/// most fields keeps one `Observation`, changes what differs and lends it with `emit(lending:)`
/// (Swift 6.3.1 still copies an `Observation` built as the argument of `emit` once).
public struct RecordSink: Sendable {
    @usableFromInline let body: @Sendable (SourceRecord) throws -> Void

    public init(_ body: @escaping @Sendable (SourceRecord) throws -> Void) {
        self.body = body
    }

    /// Hands one record on.
    @inlinable
    public func emit(_ record: consuming SourceRecord) throws {
        try body(record)
    }

    /// Hands one observation on.
    @inlinable
    public func emit(_ observation: consuming Observation) throws {
        try body(.observation(observation))
    }

    /// Hands on an observation the caller keeps and changes for its next record (a reader whose
    /// records share most fields): the record is lent to the sink, not copied, and `observation`
    /// holds the same value again afterwards, also when the sink throws. A sink that keeps the
    /// record copies it, as it would any other.
    @inlinable
    public func emit(lending observation: inout Observation) throws {
        let record = SourceRecord.observation(consume observation)
        do {
            try body(record)
        } catch {
            observation = RecordSink.observation(of: record)
            throw error
        }
        observation = RecordSink.observation(of: record)
    }

    @inlinable
    static func observation(of record: consuming SourceRecord) -> Observation {
        switch consume record {
        case .observation(let o): return o
        case .goal: preconditionFailure("an observation record holds an observation")
        }
    }

    /// Hands one goal on.
    @inlinable
    public func emit(_ goal: consuming Goal) throws {
        try body(.goal(goal))
    }
}

/// A sink that keeps every record, for tests and small inputs.
public final class RecordCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [SourceRecord] = []

    public init() {}

    /// The sink that appends to this collector.
    public var sink: RecordSink {
        RecordSink { [self] record in
            lock.lock()
            stored.append(record)
            lock.unlock()
        }
    }

    /// The records so far, in the order they were emitted.
    public var records: [SourceRecord] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    public var goals: [Goal] { records.compactMap(\.goal) }
    public var observations: [Observation] { records.compactMap(\.observation) }
}
