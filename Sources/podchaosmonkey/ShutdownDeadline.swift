import Foundation
import KubeAPI
import UnixSignals

/// The promise that `run` ends within its shutdown timeout: once SIGTERM or SIGINT arrives, a process still running
/// `after` later (a tick or a service that ignores cancellation) exits at once with status 5, in one line on stderr.
struct ShutdownDeadline: Sendable {
    /// Beyond `--shutdown-timeout`, for releasing the Lease and flushing webhooks after the observation is abandoned.
    static let margin: Duration = .seconds(5)

    let after: Duration
    /// Measures `after` from the request to stop.
    var clock: any Clock<Duration> = ContinuousClock()
    /// What happens at the deadline when `body` has not returned by then.
    var expire: @Sendable (Duration) -> Void = Self.exitProcess

    /// What happens in a child of the guard.
    private enum Event: Sendable {
        case finished
        case stopRequested(UnixSignal)
        case signalsEnded
        case expired
    }

    /// Runs `body`; the deadline is armed by the first of `signals` and disarmed when `body` returns. Returns the
    /// signal that asked to stop, if one did.
    @discardableResult
    func guarding<Signals: AsyncSequence & Sendable>(
        signals: Signals, _ body: @escaping @Sendable () async throws -> Void
    ) async throws -> UnixSignal? where Signals.Element == UnixSignal {
        let (after, clock, expire) = (self.after, self.clock, self.expire)
        return try await withThrowingTaskGroup(of: Event.self) { group in
            group.addTask {
                try await body()
                return .finished
            }
            group.addTask {
                for try await signal in signals { return .stopRequested(signal) }
                return .signalsEnded
            }
            var requested: UnixSignal?
            while let event = try await group.next() {
                switch event {
                case .finished:
                    group.cancelAll()
                    return requested
                case .stopRequested(let signal):
                    requested = signal
                    group.addTask {
                        try await clock.sleep(for: after)
                        expire(after)
                        return .expired
                    }
                case .signalsEnded, .expired:
                    continue
                }
            }
            return requested
        }
    }

    /// SIGTERM and SIGINT, the signals that ask `run` to stop.
    static func stopSignals() async -> UnixSignalsSequence { await UnixSignalsSequence(trapping: .sigterm, .sigint) }

    private static func exitProcess(after: Duration) {
        printError("podchaosmonkey: still running \(GoDuration.format(after, precision: .readable)) after the request to stop; exiting")
        exit(ExitStatus.shutdownTimedOut.rawValue)
    }
}
