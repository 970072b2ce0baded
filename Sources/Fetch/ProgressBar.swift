import Foundation

/// A one-line download progress bar on stderr, drawn only when stderr is a terminal and the
/// download has taken more than a second.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    /// A bar for `label`, or `nil` when stderr is not a terminal.
    static func make(label: String, enabled: Bool) -> ProgressBar? {
        guard enabled, isatty(2) == 1 else { return nil }
        return ProgressBar(label: label)
    }

    private init(label: String) {
        self.label = label.count > 40 ? "…" + String(label.suffix(39)) : label
    }

    /// Called from libcurl's transfer callback with bytes so far and the expected total (0 if unknown).
    func update(received: Int64, total: Int64) {
        let now = Date()
        guard now.timeIntervalSince(start) > 1, now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        drawn = true
        var line = "\r\(label) "
        if total > 0 {
            let fraction = min(1, Double(received) / Double(total))
            let width = 30
            let filled = Int(fraction * Double(width))
            line += "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] "
            line += "\(Self.size(received)) / \(Self.size(total))"
        } else {
            line += Self.size(received)
        }
        FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
    }

    /// Ends the line if a bar was drawn.
    func finish() {
        if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    static func size(_ bytes: Int64) -> String {
        let mb = Double(bytes) / 1_048_576
        if mb >= 1 { return String(format: "%.1f MB", mb) }
        return String(format: "%.0f KB", Double(bytes) / 1024)
    }
}
