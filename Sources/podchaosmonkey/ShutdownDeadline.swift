import Foundation
import PodChaos
import UnixSignals

/// The promise that `run` ends within its shutdown timeout: once SIGTERM or SIGINT arrives, a process still running
/// `after` later (a tick or a service that ignores cancellation) exits at once with status 5, in one line on stderr.
struct ShutdownDeadline {
    /// Beyond `--shutdown-timeout`, for releasing the Lease and flushing webhooks after the observation is abandoned.
    static let margin: Duration = .seconds(5)

    let after: Duration

    /// Runs `body`; the deadline is armed by the first signal and disarmed when `body` returns.
    func guarding(_ body: @escaping @Sendable () async throws -> Void) async throws {
        let after = self.after
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await body() }
            group.addTask {
                let signals = await UnixSignalsSequence(trapping: .sigterm, .sigint)
                for await _ in signals {
                    try await Task.sleep(for: after)
                    printError("podchaosmonkey: still running \(DurationParser.format(after)) after the request to stop; exiting")
                    exit(ExitStatus.shutdownTimedOut.rawValue)
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }
}
