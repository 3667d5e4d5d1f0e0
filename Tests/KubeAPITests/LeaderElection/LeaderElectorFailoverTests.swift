import Foundation
import KubeSandbox
import KubeTesting
import Testing

@testable import KubeAPI

/// Two or more electors on one Lease over real HTTP: one leader at a time, and failover as client-go times it.
@Suite("Leader election failover", .dedicatedThreads, .serialized, .timeLimit(.minutes(3)))
struct LeaderElectorFailoverTests {
    typealias Env = ElectionSandbox
    let clock = ContinuousClock()

    @Test("Of two electors started together on a missing Lease exactly one leads, and keeps leading")
    func oneLeader() async throws {
        try await Env.with { env in
            let a = RunningElector(try env.elector("alice"))
            let b = RunningElector(try env.elector("bob"))
            #expect(await eventually(within: .seconds(30)) { await leaders([a.elector, b.elector]) > 0 })
            let samples = await sampleLeaders([a.elector, b.elector], for: .seconds(3))
            #expect(samples.allSatisfy { $0 <= 1 }, "two leaders at once in \(samples)")
            #expect(samples.filter { $0 == 1 }.count > samples.count / 2)
            // The Lease says who won; isLeading may blink off for a moment while a slow renewal is in flight.
            let leader = try #require(try await env.lease().spec?.holderIdentity)
            #expect(["alice", "bob"].contains(leader))
            // The follower learns the holder on its next retry, which a loaded machine may delay.
            let agreed = await eventually(within: .seconds(10)) {
                let (first, second) = (await a.elector.holder, await b.elector.holder)
                return first == leader && second == leader
            }
            #expect(agreed)
            #expect(await a.elector.isKnown)
            #expect(await b.elector.isKnown)
            await a.stop()
            await b.stop()
        }
    }

    @Test("A leader that releases on stop is succeeded within a couple of retry periods, not a lease duration")
    func releaseHandsOver() async throws {
        try await Env.with { env in
            let a = RunningElector(try env.elector("alice"))
            #expect(await eventually(within: .seconds(30)) { await a.elector.isLeading })
            let b = RunningElector(try env.elector("bob"))
            #expect(await eventually(within: .seconds(30)) { await b.elector.isKnown })
            #expect(await !b.elector.isLeading)
            let stopped = clock.now
            await a.stop()
            #expect(await !a.elector.isLeading)
            #expect(await eventually(within: .seconds(30)) { await b.elector.isLeading })
            let handover = stopped.duration(to: clock.now)
            // Waiting out the lease would take at least leaseDuration − retryPeriod (1.75 s).
            #expect(handover < Env.leaseDuration, "took \(handover): as long as a crash, so the lease was not released")
            #expect(try await env.lease().spec?.holderIdentity == "bob")
            await b.stop()
        }
    }

    @Test("After a crash (no release) the other elector waits out the lease duration, then takes over")
    func crashWaitsForExpiry() async throws {
        try await Env.with { env in
            let a = RunningElector(try env.elector("alice", releaseOnCancel: false))
            #expect(await eventually(within: .seconds(30)) { await a.elector.isLeading })
            let b = RunningElector(try env.elector("bob"))
            #expect(await eventually(within: .seconds(30)) { await b.elector.isKnown })
            let crashed = clock.now
            await a.stop()
            #expect(try await env.lease().spec?.holderIdentity == "alice")
            #expect(await eventually(within: .seconds(30)) { await b.elector.isLeading })
            let takeover = crashed.duration(to: clock.now)
            // alice's last renewal was at most one retry period before the crash, and bob saw it no earlier.
            #expect(takeover >= Env.leaseDuration - Env.retryPeriod, "took over after \(takeover)")
            #expect(takeover < Env.leaseDuration + .seconds(6), "took over after \(takeover)")
            #expect(try await env.lease().spec?.holderIdentity == "bob")
            await b.stop()
        }
    }

    @Test("A leader whose renewals fail stops leading within the renew deadline; the other takes over after expiry")
    func renewFailureStepsDown() async throws {
        try await Env.with { env in
            let a = RunningElector(try env.elector("alice"))
            #expect(await eventually(within: .seconds(30)) { await a.elector.isLeading })
            let events = await a.elector.events()
            let collector = Task {
                var seen: [LeaderElectionEvent] = []
                for await event in events {
                    seen.append(event)
                    if event == .stoppedLeading { break }
                }
                return seen
            }
            let b = RunningElector(try env.elector("bob"))
            #expect(await eventually(within: .seconds(30)) { await b.elector.isKnown })

            let faultAdded = clock.now
            await env.sandbox.addFault(
                FaultRule(
                    verb: "update", path: PathPattern("/apis/coordination.k8s.io/v1/namespaces/*/leases/*")!, user: "alice",
                    action: .status(InjectedStatus(code: 500))))
            // Every sample that still says "leading" must have been taken before faultAdded + renewDeadline: the last
            // successful renewal was sent before the fault, and leadership ends renewDeadline after it at the latest.
            var lateTrue: [Duration] = []
            var bothLeading = false
            while faultAdded.duration(to: clock.now) < .seconds(20) {
                let before = clock.now
                let aLeads = await a.elector.isLeading
                if aLeads, faultAdded.duration(to: before) >= Env.renewDeadline { lateTrue.append(faultAdded.duration(to: before)) }
                if aLeads, await b.elector.isLeading { bothLeading = true }
                if !aLeads, await b.elector.isLeading { break }
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(lateTrue.isEmpty, "alice still led \(lateTrue.count) times from \(lateTrue.first ?? .zero) after the fault")
            #expect(!bothLeading)
            #expect(await b.elector.isLeading)
            let takeover = faultAdded.duration(to: clock.now)
            #expect(takeover >= Env.leaseDuration - Env.retryPeriod, "bob took over after \(takeover)")
            #expect(await eventually(within: .seconds(15)) { await a.elector.holder == "bob" })
            let timeout = Task {
                try await Task.sleep(for: .seconds(5))
                collector.cancel()
            }
            #expect(await collector.value.contains(.stoppedLeading))
            timeout.cancel()
            await a.stop()
            await b.stop()
            await env.sandbox.clearFaults()
        }
    }

    @Test("isLeading turns false at the renew deadline even while the elector is stuck behind a hanging write")
    func stuckElectorStopsLeadingInTime() async throws {
        try await Env.with { env in
            let a = RunningElector(try env.elector("alice"))
            #expect(await eventually(within: .seconds(30)) { await a.elector.isLeading })
            let faultAdded = clock.now
            await env.sandbox.addFault(
                FaultRule(
                    verb: "update", path: PathPattern("/apis/coordination.k8s.io/v1/namespaces/*/leases/*")!, user: "alice", times: 1,
                    action: .latency(.seconds(8))))
            // The persist hangs for 8 s holding the elector's write turn, so no renewal can even be attempted.
            let hanging = Task { try await a.elector.persist("late", annotation: "podchaosmonkey.io/history") }
            var lateTrue: [Duration] = []
            while faultAdded.duration(to: clock.now) < .seconds(6) {
                let before = clock.now
                if await a.elector.isLeading, faultAdded.duration(to: before) >= Env.renewDeadline {
                    lateTrue.append(faultAdded.duration(to: before))
                }
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(lateTrue.isEmpty, "alice still led \(lateTrue.count) times from \(lateTrue.first ?? .zero) after the fault")
            #expect(await !a.elector.isLeading)
            _ = try? await hanging.value
            await a.stop()
            await env.sandbox.clearFaults()
        }
    }

    @Test("A lease whose renewTime lies an hour in the past (clock skew) still runs for its duration from when it was seen")
    func skewedRenewTimeIsNotTrusted() async throws {
        try await Env.with { env in
            let longAgo = Date(timeIntervalSinceNow: -3600)
            _ = try await env.admin.create(
                Lease(
                    metadata: ObjectMeta(name: "chaos", namespace: "demo"),
                    spec: Lease.Spec(
                        holderIdentity: "ghost", leaseDurationSeconds: 2, acquireTime: MicroTime(longAgo), renewTime: MicroTime(longAgo),
                        leaseTransitions: 4)))
            let started = clock.now
            let a = RunningElector(try env.elector("alice"))
            #expect(await eventually(within: .seconds(30)) { await a.elector.isKnown })
            #expect(await a.elector.holder == "ghost")
            #expect(await eventually(within: .seconds(30)) { await a.elector.isLeading })
            let waited = started.duration(to: clock.now)
            #expect(waited >= .seconds(2), "acquired after \(waited)")
            let lease = try await env.lease()
            #expect(lease.spec?.holderIdentity == "alice")
            #expect(lease.spec?.leaseTransitions == 5)
            await a.stop()
        }
    }
}
