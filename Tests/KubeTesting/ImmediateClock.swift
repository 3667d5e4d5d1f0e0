import Synchronization

/// A clock on which every sleep ends at once, having moved time to its deadline: retries, `Retry-After` waits and
/// backoff run through their whole schedule without waiting, and time still reads as if they had waited. For a test
/// that asserts only what happens, not when; one that asserts when uses `SteppingClock`.
public final class ImmediateClock: Clock {
    public typealias Instant = SteppingClock.Instant

    private let current = Mutex(Instant(offset: .zero))

    public init() {}

    public var now: Instant { current.withLock { $0 } }
    public var minimumResolution: Duration { .nanoseconds(1) }

    public func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        current.withLock { $0 = max($0, deadline) }
        await Task.yield()
    }
}
