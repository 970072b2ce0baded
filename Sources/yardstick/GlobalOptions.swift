import ArgumentParser
import Foundation
import Logging

/// Flags every subcommand shares.
struct GlobalOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Log more detail to stderr.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Log only errors.")
    var quiet = false

    /// Sets up logging to stderr once.
    func bootstrap() -> Logger {
        let level: Logger.Level = verbose ? .debug : quiet ? .error : .info
        LoggingBootstrap.once(level: level)
        var logger = Logger(label: "yardstick")
        logger.logLevel = level
        return logger
    }
}

enum LoggingBootstrap {
    nonisolated(unsafe) private static var done = false
    static func once(level: Logger.Level) {
        guard !done else { return }
        done = true
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

/// Where the store lives.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help:
            "The store: a SQLite file, or postgres://USER@HOST:PORT/DATABASE (default: $YARDSTICK_DB, else .yardstick/yardstick.sqlite in the working directory)."
    )
    var databasePath: String =
        ProcessInfo.processInfo.environment["YARDSTICK_DB"].flatMap { $0.isEmpty ? nil : $0 }
        ?? ".yardstick/yardstick.sqlite"
}
