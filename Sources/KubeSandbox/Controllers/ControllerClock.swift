import Foundation
import KubeAPI

/// The time the controllers live in: what `now` is when they reconcile, and how their timers wait. The wall clock
/// for a sandbox people use; a test clock for tests, which then move a pod through its lifecycle by advancing time
/// instead of waiting for it.
///
/// Any `Clock` measured in `Duration` works: `now` is the date the clock was wrapped at plus the time the clock has
/// advanced since, so a timestamp a controller writes and a timer it sets agree.
public struct ControllerClock: Sendable {
    private let elapsed: @Sendable () -> Duration
    private let sleepUntil: @Sendable (_ offset: Duration) async throws -> Void
    private let origin: Date

    public init(_ clock: some Clock<Duration>, startingAt origin: Date = Date()) {
        let start = clock.now
        self.origin = origin
        elapsed = { start.duration(to: clock.now) }
        sleepUntil = { offset in try await clock.sleep(until: start.advanced(by: offset), tolerance: nil) }
    }

    /// The wall clock.
    public static var wall: ControllerClock { ControllerClock(ContinuousClock()) }

    public var now: Date { origin.addingTimeInterval(elapsed().seconds) }

    /// How long the clock has run since it was wrapped: what a timer's deadline is measured in.
    var elapsedTime: Duration { elapsed() }

    /// Waits until the clock has run `deadline` since it was wrapped; throws when the waiting task is cancelled.
    func sleep(until deadline: Duration) async throws {
        try await sleepUntil(deadline)
    }
}
