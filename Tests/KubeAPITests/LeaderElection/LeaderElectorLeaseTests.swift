import Foundation
import KubeSandbox
import KubeTesting
import Testing

@testable import KubeAPI

/// What leader election writes to the Lease: release, transitions, annotations, persisted state, conflicts.
@Suite("Leader election on the Lease", .dedicatedThreads, .serialized, .timeLimit(.minutes(3)))
struct LeaderElectorLeaseTests {
    typealias Env = ElectionSandbox

    @Test("Stopping with release leaves the Lease without a holder and a 1 s duration, and reports it")
    func releaseClearsHolder() async throws {
        try await Env.with { env in
            let elector = try env.elector("alice")
            let events = await elector.events()
            let a = RunningElector(elector)
            #expect(await eventually(within: .seconds(30)) { await elector.isLeading })
            let held = try await env.lease()
            #expect(held.spec?.holderIdentity == "alice")
            #expect(held.spec?.leaseDurationSeconds == 6)
            #expect(held.spec?.leaseTransitions == 0)
            await a.stop()
            #expect(await !elector.isLeading)
            #expect(await elector.holder == nil)
            let released = try await env.lease()
            #expect(released.spec?.holderIdentity == "")
            #expect(released.spec?.leaseDurationSeconds == 1)
            #expect(released.spec?.leaseTransitions == 0)
            // The release and the end of leadership are reported in either order: stopping may notice one first.
            // Bounded: a missing event must fail the test, not hang it.
            let collector = Task {
                var seen: [LeaderElectionEvent] = []
                for await event in events {
                    seen.append(event)
                    if seen.contains(.stoppedLeading), seen.contains(.newLeader(nil)) { break }
                }
                return seen
            }
            let timeout = Task {
                try await Task.sleep(for: .seconds(10))
                collector.cancel()
            }
            let seen = await collector.value
            timeout.cancel()
            #expect(Array(seen.prefix(2)) == [.newLeader("alice"), .startedLeading])
            #expect(seen.dropFirst(2).sorted { "\($0)" < "\($1)" } == [.newLeader(nil), .stoppedLeading].sorted { "\($0)" < "\($1)" })
        }
    }

    @Test(
        "A release that meets a newer version of its own lease (a renewal applied unseen) releases that version; one held by another stays",
        arguments: [false, true])
    func releaseAfterAnUnseenWrite(takenByAnother: Bool) async throws {
        try await Env.with { env in
            let elector = try env.elector("alice", releaseOnCancel: false)
            let a = RunningElector(elector)
            #expect(await eventually(within: .seconds(30)) { await elector.isLeading })
            await a.stop()
            // Another write lands after the elector's last answer: the Lease's resourceVersion moves on.
            var moved = try await env.lease()
            moved.spec?.renewTime = MicroTime(Date())
            if takenByAnother { moved.spec?.holderIdentity = "mallory" }
            _ = try await env.admin.replace(moved)

            let released = await elector.release()
            let after = try await env.lease()
            #expect(released == !takenByAnother)
            #expect(after.spec?.holderIdentity == (takenByAnother ? "mallory" : ""))
        }
    }

    @Test("leaseTransitions counts changes of holder, not renewals")
    func transitionsCount() async throws {
        try await Env.with { env in
            var expected = 0
            for identity in ["alice", "bob", "alice"] {
                let running = RunningElector(try env.elector(identity))
                #expect(await eventually(within: .seconds(30)) { await running.elector.isLeading })
                let acquired = try await env.lease()
                try await Task.sleep(for: Env.retryPeriod * 4)
                let renewed = try await env.lease()
                #expect(acquired.spec?.leaseTransitions == expected)
                #expect(renewed.spec?.leaseTransitions == expected)
                #expect(renewed.spec?.acquireTime == acquired.spec?.acquireTime)
                let acquiredAt = try #require(acquired.spec?.renewTime)
                #expect(try #require(renewed.spec?.renewTime) > acquiredAt)
                await running.stop()
                expected += 1
            }
        }
    }

    @Test("Renewals keep the Lease's annotations and labels, ours and others'")
    func annotationsSurviveRenewals() async throws {
        try await Env.with { env in
            _ = try await env.admin.create(
                Lease(
                    metadata: ObjectMeta(
                        name: "chaos", namespace: "demo", labels: ["app": "podchaosmonkey"], annotations: ["team": "platform"])))
            let a = RunningElector(try env.elector("alice"))
            #expect(await eventually(within: .seconds(30)) { await a.elector.isLeading })
            try await a.elector.persist(#"{"kills":1}"#, annotation: "podchaosmonkey.io/history")
            let persisted = try await env.lease()
            try await Task.sleep(for: Env.retryPeriod * 6)
            let later = try await env.lease()
            #expect(try #require(later.spec?.renewTime) > #require(persisted.spec?.renewTime))
            #expect(later.metadata.annotations == ["team": "platform", "podchaosmonkey.io/history": #"{"kills":1}"#])
            #expect(later.metadata.labels == ["app": "podchaosmonkey"])
            #expect(await a.elector.isLeading)
            await a.stop()
            #expect(try await env.lease().metadata.annotations?["podchaosmonkey.io/history"] == #"{"kills":1}"#)
        }
    }

    @Test("State persisted by the leader is read by its successor; a non-leader may not persist")
    func persistedStateSurvivesFailover() async throws {
        try await Env.with { env in
            let a = RunningElector(try env.elector("alice"))
            #expect(await eventually(within: .seconds(30)) { await a.elector.isLeading })
            let b = RunningElector(try env.elector("bob"))
            #expect(await eventually(within: .seconds(30)) { await b.elector.isKnown })
            try await a.elector.persist("history-1", annotation: "podchaosmonkey.io/history")
            do {
                try await b.elector.persist("from-bob", annotation: "podchaosmonkey.io/history")
                Issue.record("a non-leader persisted")
            } catch let error as LeaderElectionError {
                #expect(error.isNotLeading)
                #expect(
                    error.description
                        == "\"bob\" does not lead on lease demo/chaos (it is held by \"alice\"); only the leader may write")
            }
            await a.stop()
            #expect(await eventually(within: .seconds(30)) { await b.elector.isLeading })
            #expect(await b.elector.annotation("podchaosmonkey.io/history") == "history-1")
            try await b.elector.persist("history-2", annotation: "podchaosmonkey.io/history")
            #expect(try await env.lease().metadata.annotations?["podchaosmonkey.io/history"] == "history-2")
            await b.stop()
        }
    }

    @Test("Concurrent writes that bump the resourceVersion never give two leaders, and nobody's write is lost")
    func conflictingWriterKeepsOneLeader() async throws {
        try await Env.with { env in
            let a = RunningElector(try env.elector("alice"))
            #expect(await eventually(within: .seconds(30)) { await a.elector.isLeading })
            let b = RunningElector(try env.elector("bob"))
            #expect(await eventually(within: .seconds(30)) { await b.elector.isKnown })
            let writer = Task {
                for index in 0..<30 {
                    let patch = Data(#"{"metadata":{"annotations":{"writer":"\#(index)"}}}"#.utf8)
                    _ = try await env.admin.patch(Lease.self, namespace: "demo", name: "chaos", patch: .merge(patch))
                    try await Task.sleep(for: .milliseconds(60))
                }
            }
            let samples = await sampleLeaders([a.elector, b.elector], for: .seconds(2))
            try await writer.value
            #expect(samples.allSatisfy { $0 <= 1 }, "two leaders at once in \(samples)")
            #expect(await eventually(within: .seconds(30)) { await a.elector.isLeading })
            try await a.elector.persist("after-conflicts", annotation: "podchaosmonkey.io/history")
            let lease = try await env.lease()
            #expect(lease.metadata.annotations?["writer"] == "29")
            #expect(lease.metadata.annotations?["podchaosmonkey.io/history"] == "after-conflicts")
            #expect(lease.spec?.holderIdentity == "alice")
            #expect(lease.spec?.leaseTransitions == 0)
            await a.stop()
            await b.stop()
        }
    }

    @Test("When another writer puts itself in as holder, the leader steps down and nobody leads until that lease expires")
    func intruderMakesLeaderStepDown() async throws {
        try await Env.with { env in
            let a = RunningElector(try env.elector("alice"))
            #expect(await eventually(within: .seconds(30)) { await a.elector.isLeading })
            let b = RunningElector(try env.elector("bob"))
            #expect(await eventually(within: .seconds(30)) { await b.elector.isKnown })
            let intrusion = Data(#"{"spec":{"holderIdentity":"intruder","leaseDurationSeconds":2}}"#.utf8)
            let clock = ContinuousClock()
            let intruded = clock.now
            _ = try await env.admin.patch(Lease.self, namespace: "demo", name: "chaos", patch: .merge(intrusion))
            #expect(await eventually(within: .seconds(10)) { await !a.elector.isLeading })
            #expect(await a.elector.holder == "intruder")
            // Both saw the intruder's record no earlier than it was written, so neither may lead for its 2 s.
            let remaining = max(.zero, .milliseconds(1600) - intruded.duration(to: clock.now))
            let quiet = await sampleLeaders([a.elector, b.elector], for: remaining)
            #expect(quiet.allSatisfy { $0 == 0 }, "someone led during the intruder's lease: \(quiet)")
            #expect(await eventually(within: .seconds(30)) { await leaders([a.elector, b.elector]) > 0 })
            let samples = await sampleLeaders([a.elector, b.elector], for: .seconds(1))
            #expect(samples.allSatisfy { $0 <= 1 }, "two leaders at once in \(samples)")
            #expect(try await env.lease().spec?.leaseTransitions == 1)
            await a.stop()
            await b.stop()
        }
    }
}
