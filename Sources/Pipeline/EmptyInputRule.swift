import Foundation
import IndicatorKit
import Storage

/// A source's `on-empty` rule applied to one read: an input that yields no records (or an http(s)
/// body its adapter does not read) never silently replaces the source's last good data.
///
/// - `fail` (default): the source fails, its previous data stays current; the run exits with the
///   source-failed code.
/// - `keep`: the source is `kept`: its previous data stays current and the run warns and exits with
///   the source-failed code too, so a scheduler notices.
/// - `accept`: the empty result is stored and becomes current.
///
/// The rule only matters when the source has stored records before; a first read that yields
/// nothing is stored as it is. The message always names the rule (`on-empty: …`), which is how the
/// scorecard's notes and `runs show` tell which rule applied.
struct EmptyInputRule {
    struct Refused: Error {}

    var rule: OnEmptyRule
    var sourceID: String
    /// The records current before this read (nil or 0: nothing to protect).
    var previous: CurrentRecords?

    /// True when an empty read must not be stored.
    var refusesEmpty: Bool { rule != .accept && (previous?.records ?? 0) > 0 }

    /// Marks `outcome` as failed or kept, with a message saying why, what stays current and how to change it.
    func refuse(_ reason: String, into outcome: inout RunSourceRecord) {
        let what =
            if let previous, previous.records > 0 {
                "the \(previous.records) records of run \(previous.runID) stay current"
            } else {
                "nothing was stored"
            }
        switch rule {
        case .keep:
            outcome.status = "kept"
            outcome.error = "\(sourceID): \(reason); \(what) (on-empty: keep)"
        case .fail, .accept:
            outcome.status = "failed"
            outcome.error =
                "\(sourceID): \(reason); \(what) (on-empty: fail). Check the input; if it is really empty now, set on-empty: accept on the source (or keep, to warn without failing the source)"
        }
        outcome.records = 0
        outcome.observations = 0
        outcome.goals = 0
    }
}

/// Counts the records an adapter emits on their way into the store.
final class RecordCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var emitted = 0

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return emitted
    }

    func counting(_ sink: RecordSink) -> RecordSink {
        RecordSink { [self] record in
            lock.lock()
            emitted += 1
            lock.unlock()
            try sink.emit(record)
        }
    }
}
