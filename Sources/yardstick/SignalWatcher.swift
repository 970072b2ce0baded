import Dispatch
import Foundation

/// Turns SIGINT and SIGTERM into a request to stop after the current source; a second signal exits at once.
final class SignalWatcher: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private var count = 0

    init(onSignal: @escaping @Sendable () -> Void) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [self] in
                count += 1
                if count > 1 {
                    FileHandle.standardError.write(Data("second signal: stopping now\n".utf8))
                    Foundation.exit(130)
                }
                FileHandle.standardError.write(
                    Data("signal received: finishing the current source, then stopping (send again to stop now)\n".utf8))
                onSignal()
            }
            source.resume()
            sources.append(source)
        }
    }

    func cancel() {
        for s in sources { s.cancel() }
        for sig in [SIGINT, SIGTERM] { signal(sig, SIG_DFL) }
    }
}
