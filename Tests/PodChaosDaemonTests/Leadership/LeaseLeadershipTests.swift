import Foundation
import KubeAPI
import KubeTesting
import PodChaos
import Testing

@testable import PodChaosDaemon

/// `LeaseLeadership` through the `Leadership` protocol: two daemons on one in-memory Lease, on virtual time.
@Suite("Lease leadership", .timeLimit(.minutes(1)))
struct LeaseLeadershipTests {
    typealias Env = VirtualElection

    @Test("One of two daemons leads; both know who; only the leader persists; the successor inherits the history")
    func failoverKeepsHistory() async throws {
        let env = Env()
        let first: any Leadership = LeaseLeadership(elector: try env.candidate("chaos-0").elector)
        let second: any Leadership = LeaseLeadership(elector: try env.candidate("chaos-1").elector)
        #expect(await !first.isKnown())
        #expect(await first.persistedState() == nil)
        let firstRun = Task { try await first.run() }
        await env.idle(1)
        #expect(await first.isLeading())
        let secondRun = Task { try await second.run() }
        await env.idle(2)
        // Known once its first attempt saw the Lease held: the wait ends on that event.
        await second.untilKnown()
        #expect(await second.isKnown())
        #expect(await !second.isLeading())
        #expect(await first.holder() == "chaos-0")
        #expect(await second.holder() == "chaos-0")

        let history = #"{"lastKill":{"demo/web":"2026-11-25T15:00:00Z"}}"#
        try await first.persist(history)
        #expect(await first.persistedState() == history)
        await #expect(throws: LeaderElectionError.self) { try await second.persist("{}") }

        firstRun.cancel()
        try await firstRun.value
        #expect(await !first.isLeading())
        // The first released the Lease: the second takes it at its next retry.
        let stopped = env.now
        await env.step(1)
        await env.idle(1)
        #expect(await second.isLeading())
        #expect(env.now - stopped <= Env.longestRetry)
        #expect(await second.holder() == "chaos-1")
        #expect(await second.persistedState() == history)
        #expect(try await env.lease().metadata.annotations?[PodChaosKeys.history] == history)
        #expect(PodChaosKeys.history == "podchaosmonkey.io/history")
        secondRun.cancel()
        try await secondRun.value
        #expect(try await env.lease().spec?.holderIdentity == "")
    }

    @Test("A leader that cannot renew stops leading at its renew deadline, before its Lease can expire for the other")
    func renewalFailureStopsLeading() async throws {
        let env = Env()
        let candidate = try env.candidate("chaos-0")
        let leadership: any Leadership = LeaseLeadership(elector: candidate.elector)
        let run = Task { try await leadership.run() }
        await env.idle(1)
        await candidate.lock.inject(.status(500), on: .update, times: nil)
        while env.now < Env.renewDeadline + Env.retryPeriod {
            #expect(await leadership.isLeading() == (env.now < Env.renewDeadline), "at \(env.now)")
            await env.step(1)
            await env.idle(1)
        }
        #expect(await !leadership.isLeading())
        await #expect(throws: LeaderElectionError.self) { try await leadership.persist("{}") }
        run.cancel()
        try await run.value
    }

    @Test("An invalid configuration is refused with the field named")
    func invalidConfiguration() async throws {
        var config = Env.config("chaos-0")
        config.renewDeadline = .seconds(16)
        let server = ClusterConfig(server: URL(string: "http://127.0.0.1:1")!, namespace: "demo", credentials: .none, origin: "test")
        try await KubernetesClient.withKubernetesClient(config: server) { client in
            do {
                _ = try LeaseLeadership(client: client, config: config)
                Issue.record("accepted a renew deadline longer than the lease")
            } catch let error as LeaderElectionError {
                #expect(error.field == "leaseDuration")
            }
        }
    }
}
