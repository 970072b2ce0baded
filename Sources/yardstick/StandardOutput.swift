import Foundation

/// Writes to stdout/stderr without buffering surprises: each call is written (and so flushed) at once.
enum StandardOutput {
    static func line(_ text: String) {
        write(text + "\n", to: FileHandle.standardOutput)
    }

    static func error(_ text: String) {
        write(text + "\n", to: FileHandle.standardError)
    }

    static func write(_ text: String, to handle: FileHandle) {
        handle.write(Data(text.utf8))
    }

    /// True when stdout is a terminal (colour, progress bars).
    static var isTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

    /// Colour on stdout: a terminal, and `NO_COLOR` unset or empty (https://no-color.org).
    static var useColour: Bool {
        isTerminal && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }
}
