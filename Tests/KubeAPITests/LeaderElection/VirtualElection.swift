import Foundation
import KubeSandbox
import KubeTesting
import Logging
import Testing

@testable import KubeAPI

/// Electors competing for one in-memory Lease on virtual time: each talks through an `InMemoryLeaseLock` of its own on
/// one shared store, sleeps on one `SteppingClock`, and writes Lease times from a wall clock that moves with it. A test
/// steps time from one wake-up to the next and asserts on exact instants; nothing waits on the wall clock.
struct VirtualElection {
    /// client-go's default timings.
    static let leaseDuration = Duration.seconds(15)
    static let renewDeadline = Duration.seconds(10)
    static let retryPeriod = Duration.seconds(2)
    /// The longest an acquire retry waits: `retryPeriod × (1 + jitterFactor)`.
    static let longestRetry = retryPeriod * (1 + LeaderElectionConfig.jitterFactor)
    /// What the wall clock reads at virtual time zero.
    static let epoch = Date(timeIntervalSince1970: 1_800_000_000)

    let clock = SteppingClock()
    let store = ClusterStore(defaultNamespaces: ClusterStore.standardNamespaces + ["demo"])
    /// The Lease as another writer reaches it; no fault is ever aimed at it.
    let outsider: InMemoryLeaseLock

    init() {
        outsider = InMemoryLeaseLock(store: store)
    }

    static func config(_ identity: String, releaseOnCancel: Bool = true) -> LeaderElectionConfig {
        LeaderElectionConfig(
            leaseNamespace: "demo", leaseName: "chaos", identity: identity, leaseDuration: leaseDuration, renewDeadline: renewDeadline,
            retryPeriod: retryPeriod, releaseOnCancel: releaseOnCancel)
    }

    /// An elector for `identity` with a lock of its own, not yet running.
    func candidate(_ identity: String, releaseOnCancel: Bool = true, logger: Logger? = nil) throws -> Candidate {
        let lock = InMemoryLeaseLock(store: store)
        let elector = try LeaderElector(
            lock: lock, config: Self.config(identity, releaseOnCancel: releaseOnCancel), clock: clock, wallClock: wallClock,
            logger: logger)
        return Candidate(elector: elector, lock: lock)
    }

    /// An elector for `identity`, running.
    func start(_ identity: String, releaseOnCancel: Bool = true) throws -> RunningElector {
        try candidate(identity, releaseOnCancel: releaseOnCancel).run()
    }

    /// Virtual time since the start.
    var now: Duration { clock.now.offset }

    /// The wall-clock time at virtual time `offset`.
    static func wallTime(_ offset: Duration) -> MicroTime { MicroTime(epoch.addingTimeInterval(offset.seconds)) }

    var wallClock: @Sendable () -> Date {
        { [clock] in Self.epoch.addingTimeInterval(clock.now.offset.seconds) }
    }

    /// Moves virtual time to `offset`, waking the sleeps due by then.
    func advance(to offset: Duration) {
        clock.advance(by: offset - now)
    }

    /// Returns, earliest first, the wake-ups of `count` electors once that many sleep between attempts: a sleep due
    /// within `longestRetry`, which a request's timeout (a renew deadline away) is not while renewals succeed.
    @discardableResult
    func idle(_ count: Int) async -> [Duration] {
        let start = clock.now
        let window = start.advanced(by: Self.longestRetry)
        let deadlines = await clock.sleeping { deadlines in deadlines.filter { $0 > start && $0 <= window }.count >= count }
        return deadlines.filter { $0 > start && $0 <= window }.map(\.offset)
    }

    /// Waits until `count` electors sleep between attempts, then moves to the earliest wake-up; returns the new time.
    @discardableResult
    func step(_ count: Int) async -> Duration {
        let wakeUps = await idle(count)
        advance(to: wakeUps[0])
        return now
    }

    /// The Lease as stored now.
    func lease() async throws -> Lease {
        try #require(try await outsider.stored())
    }
}

/// An elector and its own lock, so a fault can be aimed at its requests alone.
struct Candidate {
    let elector: LeaderElector
    let lock: InMemoryLeaseLock

    func run() -> RunningElector { RunningElector(self) }
}

/// A running `LeaderElector.run()`; `stop()` cancels it and waits until it has returned (released, when configured).
struct RunningElector {
    let elector: LeaderElector
    let lock: InMemoryLeaseLock
    let task: Task<Void, Never>

    init(_ candidate: Candidate) {
        elector = candidate.elector
        lock = candidate.lock
        task = Task { [elector] in await elector.run() }
    }

    func stop() async {
        task.cancel()
        await task.value
    }
}

/// How many of `electors` lead now.
func leaders(_ electors: [RunningElector]) async -> Int {
    var leading = 0
    for running in electors {
        if await running.elector.isLeading { leading += 1 }
    }
    return leading
}

/// The first `count` events of `events`; all of them are yielded by the time the scenario that caused them returns.
func first(_ count: Int, of events: AsyncStream<LeaderElectionEvent>) async -> [LeaderElectionEvent] {
    await events.prefix(count).reduce(into: []) { $0.append($1) }
}
