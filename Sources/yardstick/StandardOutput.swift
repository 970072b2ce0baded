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
}
