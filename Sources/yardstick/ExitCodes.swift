import ArgumentParser

/// The exit codes yardstick uses; the README lists them.
enum ExitCodes {
    /// Everything worked.
    static let success = ExitCode(0)
    /// An unexpected internal error.
    static let internalError = ExitCode(1)
    /// Invalid input or configuration: a pipeline file, an option, an unreadable input.
    static let invalidInput = ExitCode(2)
    /// The run finished but at least one source failed.
    static let sourceFailed = ExitCode(3)
    /// Another run of the same pipeline holds the lock.
    static let lockHeld = ExitCode(4)
    /// `--fail-on` tripped: a goal has a status the caller asked to fail on.
    static let failOnTripped = ExitCode(5)
    /// The run was stopped (SIGTERM/SIGINT or its run-timeout) before it read every source.
    static let stopped = ExitCode(6)
    /// A second SIGTERM/SIGINT ended the run at once.
    static let interrupted = ExitCode(130)
}
