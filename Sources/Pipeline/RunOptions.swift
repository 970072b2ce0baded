import Foundation
import Storage

/// How `PipelineRunner` runs a pipeline.
public struct RunOptions: Sendable {
    /// Re-read every source even when its input did not change.
    public var fullRefresh = false
    /// When every source is unchanged and so are the pipeline file, catalog, report options and
    /// program since the run whose checks are current, skip the checks and reports (they would be
    /// the same) and say so (`RunSummary.checksUnchangedSince`).
    public var skipUnchangedChecks = false
    /// Seconds after which another process's lock heartbeat counts as stale.
    public var staleLockAfter: Double = 120
    /// Seconds between heartbeats (written by a thread of their own, whatever a source is doing).
    public var heartbeatInterval: Double = 20
    /// Report formats to write instead of the pipeline's own (nil: the pipeline's).
    public var reportFormats: [String]?
    /// A folder for report files instead of the pipeline's.
    public var reportDirectory: String?
    /// A folder for the content-addressed cache of fetched inputs.
    public var cacheDirectory: String = ".yardstick/cache"
    /// Standardizes the cache directory's path once for a batch of runs rather than once per source;
    /// nil: each source standardizes it again (`PipelineLoader.absolute`).
    public var paths: PathResolver?
    /// Show a progress bar for downloads that take more than a second (stderr on a terminal).
    public var progress: Bool = false
    /// Set to stop after the current source (SIGTERM/SIGINT).
    public var stop: StopFlag = StopFlag()
    /// Seconds the current source may go on after a stop request before it is stopped and rolled
    /// back; nil: the pipeline's `stop-grace`, else 30.
    public var stopGrace: Double?
    /// Seconds a run may take before it is stopped as on SIGTERM; nil: the pipeline's `run-timeout`,
    /// else 6 hours.
    public var runTimeout: Double?
    /// Called when a stopped source has not ended `abortBackstop` seconds after it was told to stop
    /// (an adapter stuck outside the runner's reach); the lock is already released and the run marked
    /// stopped. The command line exits here; nil: keep waiting.
    public var onStuckStop: (@Sendable () -> Void)?
    /// Seconds after an abort before `onStuckStop` is called.
    public var abortBackstop: Double = 15

    /// Records per committed batch while a source is stored.
    public var batchSize: Int = SourceBatch.defaultSize

    /// The stop grace when neither the command line nor the pipeline gives one: 30 s.
    public static let defaultStopGrace: Double = 30
    /// The run-timeout when neither the command line nor the pipeline gives one: 6 hours.
    public static let defaultRunTimeout: Double = 6 * 3600

    public init() {}
}

/// A run's stop state: a stop request (SIGTERM, SIGINT or the run-timeout) lets the current source
/// finish for at most the stop grace; then the run aborts: the source is stopped and rolled back.
///
/// Cleanups registered here (killing an external program's process group, releasing the lock) run
/// when the process must end at once, on a second signal.
public final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var requestedReason: String?
    private var requestedAtTime: Double?
    private var aborted: String?
    private var cleanups: [Int: @Sendable () -> Void] = [:]
    private var nextCleanup = 0

    public init() {}

    /// Asks the run to stop after its current source; `reason` goes into messages.
    public func request(reason: String = "a stop was requested") {
        lock.lock()
        if requestedReason == nil {
            requestedReason = reason
            requestedAtTime = Double(DispatchTime.now().uptimeNanoseconds) / 1e9
        }
        lock.unlock()
    }

    public var isRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return requestedReason != nil
    }

    /// Why a stop was requested, if it was.
    public var reason: String? {
        lock.lock()
        defer { lock.unlock() }
        return requestedReason
    }

    /// When the stop was requested (monotonic seconds).
    public var requestedAt: Double? {
        lock.lock()
        defer { lock.unlock() }
        return requestedAtTime
    }

    /// Stops the current source now: adapters and external programs see `abortReason` and fail.
    public func abort(reason: String) {
        lock.lock()
        if requestedReason == nil {
            requestedReason = reason
            requestedAtTime = Double(DispatchTime.now().uptimeNanoseconds) / 1e9
        }
        if aborted == nil { aborted = reason }
        lock.unlock()
    }

    /// Set once the current source must stop.
    public var abortReason: String? {
        lock.lock()
        defer { lock.unlock() }
        return aborted
    }

    /// Registers work to do if the process has to end at once; returns a token for `removeCleanup`.
    @discardableResult
    public func addCleanup(_ body: @escaping @Sendable () -> Void) -> Int {
        lock.lock()
        defer { lock.unlock() }
        nextCleanup += 1
        cleanups[nextCleanup] = body
        return nextCleanup
    }

    public func removeCleanup(_ token: Int) {
        lock.lock()
        cleanups[token] = nil
        lock.unlock()
    }

    /// Runs every registered cleanup (newest first), once.
    public func runCleanups() {
        lock.lock()
        let bodies = cleanups.sorted { $0.key > $1.key }.map(\.value)
        cleanups.removeAll()
        lock.unlock()
        for body in bodies { body() }
    }
}
