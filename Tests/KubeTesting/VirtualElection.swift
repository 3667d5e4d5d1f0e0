import Foundation
import KubeAPI
import KubeSandbox
import Logging
import Testing

/// Electors competing for one in-memory Lease on virtual time: each talks through an `InMemoryLeaseLock` of its own on
/// one shared store, sleeps on one `SteppingClock`, and writes Lease times from a wall clock that moves with it. A test
/// steps time from one wake-up to the next and asserts on exact instants; nothing waits on the wall clock.
public struct VirtualElection {
    /// client-go's default timings.
    public static let leaseDuration = Duration.seconds(15)
    public static let renewDeadline = Duration.seconds(10)
    public static let retryPeriod = Duration.seconds(2)
    /// The longest an acquire retry waits: `retryPeriod × (1 + jitterFactor)`.
    public static let longestRetry = retryPeriod * (1 + LeaderElectionConfig.jitterFactor)
    /// What the wall clock reads at virtual time zero.
    public static let epoch = Date(timeIntervalSince1970: 1_800_000_000)

    public let clock = SteppingClock()
    public let store = ClusterStore(defaultNamespaces: ClusterStore.standardNamespaces + ["demo"])
    /// The Lease as another writer reaches it; no fault is ever aimed at it.
    public let outsider: InMemoryLeaseLock

    public init() {
        outsider = InMemoryLeaseLock(store: store)
    }

    public static func config(_ identity: String, releaseOnCancel: Bool = true) -> LeaderElectionConfig {
        LeaderElectionConfig(
            leaseNamespace: "demo", leaseName: "chaos", identity: identity, leaseDuration: leaseDuration, renewDeadline: renewDeadline,
            retryPeriod: retryPeriod, releaseOnCancel: releaseOnCancel)
    }

    /// An elector for `identity` with a lock of its own, not yet running.
    public func candidate(_ identity: String, releaseOnCancel: Bool = true, logger: Logger? = nil) throws -> ElectionCandidate {
        let lock = InMemoryLeaseLock(store: store)
        let elector = try LeaderElector(
            lock: lock, config: Self.config(identity, releaseOnCancel: releaseOnCancel), clock: clock, wallClock: wallClock,
            logger: logger)
        return ElectionCandidate(elector: elector, lock: lock)
    }

    /// An elector for `identity`, running.
    public func start(_ identity: String, releaseOnCancel: Bool = true) throws -> RunningElector {
        try candidate(identity, releaseOnCancel: releaseOnCancel).run()
    }

    /// `leader` acquires the missing Lease, then `follower` starts and finds it held; returns once both sleep until
    /// their next attempt, still at virtual time zero.
    public func startLeaderAndFollower(
        _ leader: String = "alice", _ follower: String = "bob"
    ) async throws -> (RunningElector, RunningElector) {
        let first = try start(leader)
        await idle(1)
        let second = try start(follower)
        await idle(2)
        return (first, second)
    }

    /// Virtual time since the start.
    public var now: Duration { clock.now.offset }

    /// The wall-clock time at virtual time `offset`.
    public static func wallTime(_ offset: Duration) -> MicroTime { MicroTime(epoch.addingTimeInterval(offset.seconds)) }

    public var wallClock: @Sendable () -> Date {
        { [clock] in Self.epoch.addingTimeInterval(clock.now.offset.seconds) }
    }

    /// Moves virtual time to `offset`, waking the sleeps due by then.
    public func advance(to offset: Duration) {
        clock.advance(by: offset - now)
    }

    /// Returns, earliest first, the wake-ups of `count` electors once that many sleep between attempts: a sleep due
    /// within `longestRetry`. A request's timeout is not, as long as the elector renewed less than
    /// `renewDeadline − longestRetry` ago, so this tells an elector between attempts from one in the middle of one.
    /// After renewals have failed for longer, the timeout of the next attempt (due at the renew deadline) falls within
    /// that window too: a test that needs to know such an attempt has finished waits for its next wake-up by its exact
    /// time with `sleeps(until:)`.
    @discardableResult
    public func idle(_ count: Int) async -> [Duration] {
        let start = clock.now
        let window = start.advanced(by: Self.longestRetry)
        let deadlines = await clock.sleeping { deadlines in deadlines.filter { $0 > start && $0 <= window }.count >= count }
        return deadlines.filter { $0 > start && $0 <= window }.map(\.offset)
    }

    /// Returns once sleeps are suspended until each of `offsets`.
    public func sleeps(until offsets: Duration...) async {
        await clock.sleeping { deadlines in offsets.allSatisfy { offset in deadlines.contains { $0.offset == offset } } }
    }

    /// Waits until `count` electors sleep between attempts, then moves to the earliest wake-up; returns the new time.
    @discardableResult
    public func step(_ count: Int) async -> Duration {
        let wakeUps = await idle(count)
        advance(to: wakeUps[0])
        return now
    }

    /// The Lease as stored now.
    public func lease() async throws -> Lease {
        try #require(try await outsider.stored())
    }

    /// How many of `electors` lead now.
    public static func leaders(_ electors: [RunningElector]) async -> Int {
        var leading = 0
        for running in electors {
            if await running.elector.isLeading { leading += 1 }
        }
        return leading
    }

    /// The first `count` of `events`; all of them are yielded by the time the steps that caused them have returned.
    public static func first(_ count: Int, of events: AsyncStream<LeaderElectionEvent>) async -> [LeaderElectionEvent] {
        await events.prefix(count).reduce(into: []) { $0.append($1) }
    }
}
