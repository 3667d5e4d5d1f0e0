import Foundation

/// The daemon's notion of time: ticks, budgets, MTBF elapsed time, the wait of `--once` for leadership and
/// `--shutdown-timeout` are read from it, so a test can run a month of ticks in a second. The engine's are not: kills,
/// recovery and probes read `EngineTime`.
public protocol DaemonClock: Sendable {
    func now() -> Date
    /// Returns at `deadline` or later; throws when cancelled.
    func sleep(until deadline: Date) async throws
}

/// Wall-clock time.
public struct SystemClock: DaemonClock {
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(until deadline: Date) async throws {
        // In slices, so a wall clock stepped forward (NTP, a suspended VM) is noticed within a minute.
        while true {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return }
            try await Task.sleep(for: .milliseconds(Int64(min(left, 60) * 1000) + 1))
        }
    }
}
