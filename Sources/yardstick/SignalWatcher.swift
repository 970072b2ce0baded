import Dispatch
import Foundation
import Pipeline

/// Turns SIGINT and SIGTERM into a stop request: the current source may finish within the stop
/// grace, then it is rolled back and the run ends. A second signal ends the process at once, after
/// killing the running external program's process group and releasing the lock.
final class SignalWatcher: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let lock = NSLock()
    private var count = 0

    init(stop: StopFlag) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            let name = sig == SIGINT ? "SIGINT" : "SIGTERM"
            source.setEventHandler { [self] in
                lock.lock()
                count += 1
                let n = count
                lock.unlock()
                if n > 1 {
                    FileHandle.standardError.write(Data("second signal: stopping now\n".utf8))
                    stop.runCleanups()
                    Foundation.exit(ExitCodes.interrupted.rawValue)
                }
                FileHandle.standardError.write(
                    Data(
                        "\(name) received: finishing the current source within the stop grace, then stopping (send again to stop now)\n"
                            .utf8))
                stop.request(reason: "\(name) received")
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
