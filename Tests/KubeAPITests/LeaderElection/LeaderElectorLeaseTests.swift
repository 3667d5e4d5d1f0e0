import Foundation
import KubeTesting
import Testing

@testable import KubeAPI

/// What leader election writes to the Lease, in memory on virtual time: acquisition, renewals, release, transitions,
/// annotations, persisted state, conflicts and failed requests.
@Suite("Leader election on the Lease", .timeLimit(.minutes(1)))
struct LeaderElectorLeaseTests {
    typealias Env = VirtualElection

    @Test("On a missing Lease the elector creates it, leads at once, and renews every retry period with one update each")
    func acquireAndRenew() async throws {
        let env = Env()
        let a = try env.start("alice")
        #expect(await env.idle(1) == [Env.retryPeriod])
        #expect(await a.elector.isLeading)
        #expect(await a.elector.isKnown)
        #expect(await a.elector.holder == "alice")
        #expect(await a.lock.requests == [.get, .create])
        let acquired = try await env.lease()
        #expect(acquired.spec?.holderIdentity == "alice")
        #expect(acquired.spec?.leaseDurationSeconds == 15)
        #expect(acquired.spec?.leaseTransitions == 0)
        #expect(acquired.spec?.acquireTime?.description == Env.wallTime(.zero).description)
        #expect(acquired.spec?.renewTime?.description == Env.wallTime(.zero).description)
        for round in 1...3 {
            #expect(await env.step(1) == Env.retryPeriod * round)
            #expect(await env.idle(1) == [Env.retryPeriod * (round + 1)])
            let renewed = try await env.lease()
            #expect(renewed.spec?.renewTime?.description == Env.wallTime(env.now).description)
            #expect(renewed.spec?.acquireTime == acquired.spec?.acquireTime)
            #expect(renewed.spec?.leaseTransitions == 0)
            #expect(try #require(Int(renewed.metadata.resourceVersion ?? "")) > #require(Int(acquired.metadata.resourceVersion ?? "")))
            #expect(await a.elector.isLeading)
        }
        // The holder renews the Lease it last wrote: no read between renewals.
        #expect(await a.lock.requests == [.get, .create, .update, .update, .update])
        await a.stop()
    }

    @Test("Stopping with release leaves the Lease without a holder and a 1 s duration, and reports it")
    func releaseClearsHolder() async throws {
        let env = Env()
        let alice = try env.candidate("alice")
        let events = await alice.elector.events()
        let a = alice.run()
        await env.step(1)
        await env.idle(1)
        await a.stop()
        #expect(await !a.elector.isLeading)
        #expect(await a.elector.holder == nil)
        let released = try await env.lease()
        #expect(released.spec?.holderIdentity == "")
        #expect(released.spec?.leaseDurationSeconds == 1)
        #expect(released.spec?.leaseTransitions == 0)
        #expect(released.spec?.renewTime?.description == Env.wallTime(Env.retryPeriod).description)
        // Every event is yielded before stop() returns: the first four are all there are.
        let seen = await Env.first(4, of: events)
        #expect(seen == [.newLeader("alice"), .startedLeading, .newLeader(nil), .stoppedLeading])
    }

    @Test(
        "A release that meets a newer version of its own lease (a renewal applied unseen) releases that version; one held by another stays",
        arguments: [false, true])
    func releaseAfterAnUnseenWrite(takenByAnother: Bool) async throws {
        let env = Env()
        let a = try env.start("alice", releaseOnCancel: false)
        await env.idle(1)
        await a.stop()
        // Another write lands after the elector's last answer: the Lease's resourceVersion moves on.
        try await env.outsider.write { lease in
            lease.spec?.renewTime = Env.wallTime(.seconds(1))
            if takenByAnother { lease.spec?.holderIdentity = "mallory" }
        }
        let released = await a.elector.release()
        #expect(released == !takenByAnother)
        #expect(try await env.lease().spec?.holderIdentity == (takenByAnother ? "mallory" : ""))
        #expect(await Array(a.lock.requests.dropFirst(2)) == [.update, .get] + (takenByAnother ? [] : [.update]))
    }

    @Test("leaseTransitions counts changes of holder, not renewals")
    func transitionsCount() async throws {
        let env = Env()
        for (expected, identity) in ["alice", "bob", "alice"].enumerated() {
            let running = try env.start(identity)
            await env.idle(1)
            #expect(await running.elector.isLeading)
            let acquired = try await env.lease()
            for _ in 0..<4 { await env.step(1) }
            await env.idle(1)
            let renewed = try await env.lease()
            #expect(acquired.spec?.holderIdentity == identity)
            #expect(acquired.spec?.leaseTransitions == expected)
            #expect(renewed.spec?.leaseTransitions == expected)
            #expect(renewed.spec?.acquireTime == acquired.spec?.acquireTime)
            #expect(try #require(renewed.spec?.renewTime) > #require(acquired.spec?.renewTime))
            await running.stop()
        }
    }

    @Test("Renewals keep the Lease's annotations and labels, ours and others'")
    func annotationsSurviveRenewals() async throws {
        let env = Env()
        try await env.outsider.write { lease in
            lease.metadata.labels = ["app": "podchaosmonkey"]
            lease.metadata.annotations = ["team": "platform"]
        }
        let a = try env.start("alice")
        await env.idle(1)
        try await a.elector.persist(#"{"kills":1}"#, annotation: "podchaosmonkey.io/history")
        let persisted = try await env.lease()
        for _ in 0..<6 { await env.step(1) }
        await env.idle(1)
        let later = try await env.lease()
        #expect(try #require(later.spec?.renewTime) > #require(persisted.spec?.renewTime))
        #expect(later.metadata.annotations == ["team": "platform", "podchaosmonkey.io/history": #"{"kills":1}"#])
        #expect(later.metadata.labels == ["app": "podchaosmonkey"])
        #expect(await a.elector.isLeading)
        await a.stop()
        #expect(try await env.lease().metadata.annotations?["podchaosmonkey.io/history"] == #"{"kills":1}"#)
    }

    @Test("State persisted by the leader is read by its successor; a non-leader may not persist")
    func persistedStateSurvivesFailover() async throws {
        let env = Env()
        let (a, b) = try await env.startLeaderAndFollower()
        #expect(await b.elector.isKnown)
        try await a.elector.persist("history-1", annotation: "podchaosmonkey.io/history")
        do {
            try await b.elector.persist("from-bob", annotation: "podchaosmonkey.io/history")
            Issue.record("a non-leader persisted")
        } catch let error as LeaderElectionError {
            #expect(error.isNotLeading)
            #expect(error.description == "\"bob\" does not lead on lease demo/chaos (it is held by \"alice\"); only the leader may write")
        }
        await a.stop()
        // bob's next acquire retry finds the Lease released and takes it at once.
        await env.step(1)
        await env.idle(1)
        #expect(await b.elector.isLeading)
        #expect(await b.elector.annotation("podchaosmonkey.io/history") == "history-1")
        try await b.elector.persist("history-2", annotation: "podchaosmonkey.io/history")
        #expect(try await env.lease().metadata.annotations?["podchaosmonkey.io/history"] == "history-2")
        #expect(try await env.lease().spec?.leaseTransitions == 1)
        await b.stop()
    }

    @Test("Writes by others between renewals (409 on the next update) never give two leaders, and nobody's write is lost")
    func conflictingWriterKeepsOneLeader() async throws {
        let env = Env()
        let (a, b) = try await env.startLeaderAndFollower()
        for index in 0..<30 {
            try await env.outsider.write { lease in lease.metadata.annotations = ["writer": "\(index)"] }
            await env.step(2)
            await env.idle(2)
            #expect(await a.elector.isLeading, "at \(env.now)")
            #expect(await !b.elector.isLeading, "at \(env.now)")
        }
        try await a.elector.persist("after-conflicts", annotation: "podchaosmonkey.io/history")
        let lease = try await env.lease()
        #expect(lease.metadata.annotations?["writer"] == "29")
        #expect(lease.metadata.annotations?["podchaosmonkey.io/history"] == "after-conflicts")
        #expect(lease.spec?.holderIdentity == "alice")
        #expect(lease.spec?.leaseTransitions == 0)
        // A renewal that met a conflict read the Lease again before it wrote.
        #expect(await a.lock.requests.count { $0 == .get } > 1)
        await a.stop()
        await b.stop()
    }

    @Test("When another writer puts itself in as holder, the leader steps down and nobody leads until that lease expires")
    func intruderMakesLeaderStepDown() async throws {
        let env = Env()
        let (a, b) = try await env.startLeaderAndFollower()
        await env.step(2)
        await env.idle(2)
        let intruded = env.now
        try await env.outsider.write { lease in
            lease.spec?.holderIdentity = "intruder"
            lease.spec?.leaseDurationSeconds = 2
        }
        // alice steps down at her next renewal, within a retry period; both saw the intruder's record no earlier than
        // it was written, so neither may lead for its 2 s.
        while await a.elector.isLeading {
            try #require(await env.step(2) <= intruded + Env.retryPeriod, "alice still leads at \(env.now)")
            await env.idle(2)
        }
        #expect(await a.elector.holder == "intruder")
        while await Env.leaders([a, b]) == 0 {
            try #require(env.now < intruded + .seconds(2) + Env.longestRetry * 2, "nobody leads at \(env.now)")
            await env.step(2)
            await env.idle(2)
        }
        #expect(env.now >= intruded + .seconds(2), "someone led at \(env.now), during the intruder's lease from \(intruded)")
        #expect(await Env.leaders([a, b]) == 1)
        #expect(try await env.lease().spec?.leaseTransitions == 1)
        await a.stop()
        await b.stop()
    }

    @Test("Renewals that fail (500, then a lost connection) but succeed again within the renew deadline keep leadership")
    func failedRenewalsRecover() async throws {
        let logs = LogCapture()
        let env = Env()
        let a = try env.candidate("alice", logger: logs.logger).run()
        await env.idle(1)
        // Round one: the update of the Lease as last written fails, then so does reading it again. Round two: both
        // updates fail. Round three succeeds, 6 s after the last renewal, well within the renew deadline. Each round
        // is followed by a sleep of one retry period (failed rounds: up to the deadline at most).
        await a.lock.inject(.status(500), on: .update, times: 3)
        await a.lock.inject(.transport, on: .get, times: 1)
        for round in 1...5 {
            let wake = Env.retryPeriod * round
            env.advance(to: wake)
            await env.sleeps(until: wake + Env.retryPeriod)
            #expect(await a.elector.isLeading, "at \(env.now)")
        }
        #expect(try await env.lease().spec?.renewTime?.description == Env.wallTime(env.now).description)
        let warnings = logs.messages(at: .warning)
        #expect(warnings == ["cannot read the lease", "cannot update the lease"])
        #expect(logs.text.contains("Internal error occurred: injected fault"))
        #expect(logs.text.contains("connection reset by peer (injected)"))
        #expect(await a.lock.requests == [.get, .create, .update, .get, .update, .get, .update, .update, .update, .update])
        await a.stop()
    }

    @Test("A read that fails is retried after a jittered retry period: between 1 and 2.2 retry periods")
    func failedReadRetriesWithJitter() async throws {
        let env = Env()
        let candidate = try env.candidate("alice")
        await candidate.lock.inject(.status(500), on: .get, times: 1)
        let a = candidate.run()
        let retry = try #require(await env.idle(1).first)
        // Without jitter it would be exactly one retry period (the chance of a random 0 is 2⁻⁵³).
        #expect(retry > Env.retryPeriod && retry < Env.longestRetry, "retried after \(retry)")
        #expect(await !a.elector.isKnown)
        #expect(await !a.elector.isLeading)
        await env.step(1)
        await env.idle(1)
        #expect(await a.elector.isLeading)
        #expect(await a.lock.requests == [.get, .get, .create])
        await a.stop()
    }

    @Test("A create that loses the race (409 AlreadyExists) is a lost round: known, not leading, and the holder is read next")
    func createLosesRace() async throws {
        let env = Env()
        let candidate = try env.candidate("alice")
        await candidate.lock.inject(.hang, on: .create, times: 1)
        let a = candidate.run()
        await candidate.lock.hanging(count: 1)
        try await env.outsider.write { lease in
            lease.spec = Lease.Spec(holderIdentity: "ghost", leaseDurationSeconds: 15, leaseTransitions: 0)
        }
        await candidate.lock.resumeHanging()
        await env.idle(1)
        #expect(await a.elector.isKnown)
        #expect(await !a.elector.isLeading)
        #expect(await a.elector.holder == nil)
        await env.step(1)
        await env.idle(1)
        #expect(await a.elector.holder == "ghost")
        #expect(await !a.elector.isLeading)
        await a.stop()
    }
}
