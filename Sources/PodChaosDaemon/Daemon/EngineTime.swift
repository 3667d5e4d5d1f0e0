import Foundation

/// The time the daemon's engine reads and waits on: kill timestamps and recovery phases from `now`; the recovery
/// timeout and the probes' sends and windows on `timer`. Both tell the same time: the real clock, unless a test steps it.
public struct EngineTime: Sendable {
    public var now: @Sendable () -> Date
    public var timer: any Clock<Duration>

    public init(now: @escaping @Sendable () -> Date = { Date() }, timer: any Clock<Duration> = ContinuousClock()) {
        self.now = now
        self.timer = timer
    }
}
