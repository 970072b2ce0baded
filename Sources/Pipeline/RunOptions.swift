import Foundation

/// How `PipelineRunner` runs a pipeline.
public struct RunOptions: Sendable {
    /// Re-read every source even when its input did not change.
    public var fullRefresh = false
    /// Seconds after which another process's lock heartbeat counts as stale.
    public var staleLockAfter: Double = 120
    /// Seconds between heartbeats.
    public var heartbeatInterval: Double = 20
    /// Report formats to write instead of the pipeline's own (nil: the pipeline's).
    public var reportFormats: [String]?
    /// A folder for report files instead of the pipeline's.
    public var reportDirectory: String?
    /// A folder for the content-addressed cache of fetched inputs.
    public var cacheDirectory: String = ".yardstick/cache"
    /// Show a progress bar for downloads that take more than a second (stderr on a terminal).
    public var progress: Bool = false
    /// Set to stop after the current source (SIGTERM/SIGINT).
    public var stop: StopFlag = StopFlag()

    public init() {}
}

/// A flag a signal handler sets to ask a run to stop after its current source.
public final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false

    public init() {}

    public func request() {
        lock.lock()
        requested = true
        lock.unlock()
    }

    public var isRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return requested
    }
}
