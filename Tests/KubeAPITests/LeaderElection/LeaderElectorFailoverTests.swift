import Foundation
import KubeTesting
import Testing

@testable import KubeAPI

/// Two electors on one Lease, in memory on virtual time: one leader at a time, and failover as client-go times it,
/// checked at every wake-up of either.
@Suite("Leader election failover", .timeLimit(.minutes(1)))
struct LeaderElectorFailoverTests {
    typealias Env = VirtualElection

    @Test("Of two electors started together on a missing Lease exactly one leads, keeps leading, and both know who")
    func oneLeader() async throws {
        let env = Env()
        let a = try env.start("alice")
        let b = try env.start("bob")
        await env.idle(2)
        let leader = try #require(try await env.lease().spec?.holderIdentity)
        #expect(["alice", "bob"].contains(leader))
        while env.now < .seconds(30) {
            #expect(await Env.leaders([a, b]) == 1, "at \(env.now)")
            await env.step(2)
            await env.idle(2)
        }
        #expect(try await env.lease().spec?.holderIdentity == leader)
        #expect(try await env.lease().spec?.leaseTransitions == 0)
        #expect(await a.elector.holder == leader)
        #expect(await b.elector.holder == leader)
        #expect(await a.elector.isKnown)
        #expect(await b.elector.isKnown)
        await a.stop()
        await b.stop()
    }

    @Test("A leader that releases on stop is succeeded at the other's next retry, not after a lease duration")
    func releaseHandsOver() async throws {
        let env = Env()
        let (a, b) = try await env.startLeaderAndFollower()
        #expect(await b.elector.isKnown)
        #expect(await !b.elector.isLeading)
        await env.step(2)
        await env.idle(2)
        let stopped = env.now
        await a.stop()
        #expect(await !a.elector.isLeading)
        await env.step(1)
        await env.idle(1)
        #expect(await b.elector.isLeading)
        #expect(env.now - stopped <= Env.longestRetry, "took over \(env.now - stopped) after the release")
        #expect(try await env.lease().spec?.holderIdentity == "bob")
        await b.stop()
    }

    @Test("After a crash (no release) the other elector takes over once the lease duration has passed since the last renewal")
    func crashWaitsForExpiry() async throws {
        let env = Env()
        let a = try env.start("alice", releaseOnCancel: false)
        await env.idle(1)
        let b = try env.start("bob")
        while env.now < .seconds(7) {
            await env.step(2)
            await env.idle(2)
        }
        await a.stop()
        let held = try await env.lease()
        #expect(held.spec?.holderIdentity == "alice")
        let lastRenewal = try Self.offset(of: #require(held.spec?.renewTime))
        #expect(lastRenewal > .seconds(4))
        while await !b.elector.isLeading {
            try #require(env.now < lastRenewal + Env.leaseDuration + Env.longestRetry * 2, "bob has not taken over by \(env.now)")
            await env.step(1)
            await env.idle(1)
        }
        // bob saw alice's last renewal no earlier than it was written, and takes over at his first retry after
        // the lease duration from when he saw it.
        #expect(env.now >= lastRenewal + Env.leaseDuration, "took over at \(env.now), last renewal at \(lastRenewal)")
        #expect(env.now < lastRenewal + Env.leaseDuration + Env.longestRetry * 2, "took over at \(env.now)")
        #expect(try await env.lease().spec?.holderIdentity == "bob")
        #expect(try await env.lease().spec?.leaseTransitions == 1)
        await b.stop()
    }

    @Test("A leader whose renewals fail stops leading at its renew deadline; the other takes over only after expiry")
    func renewFailureStepsDown() async throws {
        let env = Env()
        let alice = try env.candidate("alice")
        let events = await alice.elector.events()
        let a = alice.run()
        await env.idle(1)
        let b = try env.start("bob")
        await env.idle(2)
        // alice last renewed at 0, when she acquired; bob saw that record at 0 too.
        await a.lock.inject(.status(500), on: .update, times: nil)
        while await !b.elector.isLeading {
            let aLeads = await a.elector.isLeading
            #expect(aLeads == (env.now < Env.renewDeadline), "alice leads: \(aLeads) at \(env.now)")
            try #require(env.now < Env.leaseDuration + Env.longestRetry, "bob has not taken over by \(env.now)")
            await env.step(2)
            await env.idle(2)
        }
        #expect(await !a.elector.isLeading)
        #expect(env.now >= Env.leaseDuration, "bob took over at \(env.now)")
        // alice learns the new holder at her next retry.
        while await a.elector.holder != "bob" {
            try #require(env.now < Env.leaseDuration + Env.longestRetry * 2, "alice has not seen bob by \(env.now)")
            await env.step(2)
            await env.idle(2)
        }
        #expect(await Env.first(4, of: events) == [.newLeader("alice"), .startedLeading, .stoppedLeading, .newLeader("bob")])
        await a.stop()
        await b.stop()
    }

    @Test("isLeading turns false at the renew deadline even while the elector is stuck behind a hanging write")
    func stuckElectorStopsLeadingInTime() async throws {
        let env = Env()
        let a = try env.start("alice")
        await env.idle(1)
        await a.lock.inject(.hang, on: .update, times: 1)
        // The persist hangs holding the elector's write turn, so the renewal due at 2 s cannot even be sent.
        let hanging = Task { try await a.elector.persist("late", annotation: "podchaosmonkey.io/history") }
        await a.lock.hanging(count: 1)
        env.advance(to: Env.retryPeriod)
        // The renewal's attempt gives up at the renew deadline (10 s after the acquisition at 0).
        let deadline = env.clock.now.advanced(by: Env.renewDeadline - Env.retryPeriod)
        await env.clock.sleeping { $0.contains(deadline) }
        env.advance(to: Env.renewDeadline - .nanoseconds(1))
        #expect(await a.elector.isLeading)
        env.advance(to: Env.renewDeadline)
        #expect(await !a.elector.isLeading)
        hanging.cancel()
        await #expect(throws: CancellationError.self) { try await hanging.value }
        // Once the write turn is free, the elector tries again at once: the Lease it holds has not expired.
        #expect(await env.idle(1) == [Env.renewDeadline + Env.retryPeriod])
        #expect(await a.elector.isLeading)
        #expect(await a.lock.requests == [.get, .create, .update, .update])
        await a.stop()
    }

    @Test("A lease whose renewTime lies an hour in the past (clock skew) still runs for its duration from when it was seen")
    func skewedRenewTimeIsNotTrusted() async throws {
        let env = Env()
        try await env.outsider.write { lease in
            let longAgo = MicroTime(Env.epoch.addingTimeInterval(-3600))
            lease.spec = Lease.Spec(
                holderIdentity: "ghost", leaseDurationSeconds: 2, acquireTime: longAgo, renewTime: longAgo, leaseTransitions: 4)
        }
        let a = try env.start("alice")
        await env.idle(1)
        #expect(await a.elector.isKnown)
        #expect(await a.elector.holder == "ghost")
        while await !a.elector.isLeading {
            try #require(env.now < .seconds(2) + Env.longestRetry, "alice has not acquired by \(env.now)")
            await env.step(1)
            await env.idle(1)
        }
        #expect(env.now >= .seconds(2), "acquired at \(env.now)")
        #expect(env.now < .seconds(2) + Env.longestRetry, "acquired at \(env.now)")
        let lease = try await env.lease()
        #expect(lease.spec?.holderIdentity == "alice")
        #expect(lease.spec?.leaseTransitions == 5)
        #expect(lease.spec?.acquireTime?.description == Env.wallTime(env.now).description)
        await a.stop()
    }

    /// The virtual time at which the wall clock read `time`.
    static func offset(of time: MicroTime) -> Duration {
        .microseconds(Int64((time.date.timeIntervalSince(Env.epoch) * 1_000_000).rounded()))
    }
}
