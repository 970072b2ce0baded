import Foundation
import IndicatorKit
import Logging
import Storage

/// A thread of its own beside a run: it writes the lock's heartbeat on schedule however long a
/// source takes, turns the run-timeout into a stop request, and aborts the current source once a
/// stop request is older than the stop grace.
///
/// The heartbeat used to be a Swift task that called the store between sleeps; its write waited for
/// SQLite's write lock, which a source held for its whole transaction, so no heartbeat landed while
/// a large source was stored and another run took the "stale" lock over. Now the heartbeat has its
/// own thread and connection, and source transactions are bounded (a commit per batch), so the
/// heartbeat waits at most one batch.
final class RunGuard: @unchecked Sendable {
    struct Settings {
        var pipeline: String
        var host: String
        var pid: Int
        var heartbeatInterval: Double
        var stopGrace: Double
        var runTimeout: Double
        var abortBackstop: Double
    }

    private let store: any ResultStore
    private let settings: Settings
    private let stop: StopFlag
    private let logger: Logger
    private let onStuck: @Sendable () -> Void
    private let condition = NSCondition()
    private var finished = false
    private var done = false
    /// Whether the thread was started (see `start`).
    private var launched = false
    private var pendingLaunch: DispatchWorkItem?
    private var runID: Int64?

    init(
        store: any ResultStore, settings: Settings, stop: StopFlag, logger: Logger,
        onStuck: @escaping @Sendable () -> Void
    ) {
        self.store = store
        self.settings = settings
        self.stop = stop
        self.logger = logger
        self.onStuck = onStuck
    }

    /// Starts the guard. Its thread starts only once the run has lasted `firstLook` seconds (its
    /// first look would come no sooner): the many runs that end before, such as an unchanged
    /// night's, cost no thread.
    func start() {
        let started = monotonicSeconds()
        let launch = DispatchWorkItem { [self] in
            condition.lock()
            if finished {
                condition.unlock()
                return
            }
            launched = true
            condition.unlock()
            let thread = Thread { [self] in loop(started: started) }
            thread.name = "yardstick.run-guard"
            thread.start()
        }
        condition.lock()
        pendingLaunch = launch
        condition.unlock()
        DispatchQueue.global().asyncAfter(deadline: .now() + Self.firstLook, execute: launch)
    }

    /// Seconds between the guard's looks at the clock, and before its first.
    static let firstLook = 0.2

    /// The run's id, written with the next heartbeat.
    func setRun(_ id: Int64) {
        condition.lock()
        runID = id
        condition.unlock()
    }

    /// Stops the thread and waits for it to end.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        if launched {
            while !done { condition.wait() }
        } else {
            pendingLaunch?.cancel()
        }
        pendingLaunch = nil
        condition.unlock()
    }

    private func loop(started: Double) {
        var nextBeat = started + settings.heartbeatInterval
        var abortedAt: Double?
        var stuckCalled = false
        condition.lock()
        while !finished {
            _ = condition.wait(until: Date().addingTimeInterval(Self.firstLook))
            if finished { break }
            let run = runID
            condition.unlock()
            let now = monotonicSeconds()
            if now >= nextBeat {
                do {
                    try StoreCall.heartbeat(
                        store, pipeline: settings.pipeline, host: settings.host, pid: settings.pid, runID: run)
                } catch {
                    logger.warning("could not write the lock heartbeat of pipeline '\(settings.pipeline)': \(error)")
                }
                nextBeat = now + settings.heartbeatInterval
            }
            if !stop.isRequested && now - started >= settings.runTimeout {
                let reason = "the run exceeded its run-timeout of \(JSONText.format(settings.runTimeout)) s"
                logger.warning(
                    "\(reason): finishing the current source for at most \(JSONText.format(settings.stopGrace)) s, then stopping"
                )
                stop.request(reason: reason)
            }
            if stop.abortReason == nil, let at = stop.requestedAt, now - at >= settings.stopGrace {
                let reason =
                    (stop.reason ?? "a stop was requested")
                    + "; the current source did not finish within the stop grace of \(JSONText.format(settings.stopGrace)) s and was rolled back"
                logger.warning("\(reason)")
                stop.abort(reason: reason)
            }
            if stop.abortReason != nil && abortedAt == nil { abortedAt = now }
            if let abortedAt, !stuckCalled, now - abortedAt >= settings.abortBackstop {
                stuckCalled = true
                onStuck()
            }
            condition.lock()
        }
        done = true
        condition.broadcast()
        condition.unlock()
    }
}
