/// A clock given from outside, whatever its type, as one concrete clock: an instant is the time since it was wrapped.
/// The client (retry waits, rate limit, request budget), the reflector's backoff and `LeaderElector` keep instants
/// and sleep on it without being generic over the clock, so a test can pass a clock it drives (virtual time).
struct ErasedClock: Clock {
    struct Instant: InstantProtocol {
        /// Time since the clock was wrapped.
        var offset: Duration

        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    let minimumResolution: Duration
    private let elapsed: @Sendable () -> Duration
    private let sleepUntil: @Sendable (_ offset: Duration, _ tolerance: Duration?) async throws -> Void

    init(_ clock: some Clock<Duration>) {
        let origin = clock.now
        minimumResolution = clock.minimumResolution
        elapsed = { origin.duration(to: clock.now) }
        sleepUntil = { offset, tolerance in try await clock.sleep(until: origin.advanced(by: offset), tolerance: tolerance) }
    }

    var now: Instant { Instant(offset: elapsed()) }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try await sleepUntil(deadline.offset, tolerance)
    }
}
