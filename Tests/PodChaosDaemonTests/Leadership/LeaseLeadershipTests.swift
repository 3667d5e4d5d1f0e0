import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import PodChaos
import Testing

@testable import PodChaosDaemon

/// `LeaseLeadership` through the `Leadership` protocol, two daemons against one sandbox Lease over HTTP.
@Suite("Lease leadership", .dedicatedThreads, .serialized, .timeLimit(.minutes(3)))
struct LeaseLeadershipTests {
    /// client-go's default timings: a renewal has 10 s to succeed, so a loaded machine does not cost the leader its
    /// Lease mid-test; failover does not wait for them, as a stopped leader releases the Lease.
    static func config(_ identity: String) -> LeaderElectionConfig {
        LeaderElectionConfig(
            leaseNamespace: "demo", leaseName: "podchaosmonkey", identity: identity, leaseDuration: .seconds(15),
            renewDeadline: .seconds(10), retryPeriod: .seconds(2))
    }

    static func withSandbox(_ body: (Sandbox, KubernetesClient) async throws -> Void) async throws {
        let sandbox = try await Sandbox.start(SandboxOptions(controllers: false))
        do {
            _ = try await sandbox.load("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n")
            try await KubernetesClient.withKubernetesClient(
                config: sandbox.clusterConfig(namespace: "demo"), options: ClientOptions(qps: 0)
            ) { client in
                try await body(sandbox, client)
            }
        } catch {
            await sandbox.stop()
            throw error
        }
        await sandbox.stop()
    }

    static func eventually(_ condition: () async -> Bool) async -> Bool {
        for _ in 0..<1500 {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    @Test("One of two daemons leads; both know who; only the leader persists; the successor inherits the history")
    func failoverKeepsHistory() async throws {
        try await Self.withSandbox { _, client in
            let first: any Leadership = try LeaseLeadership(client: client, config: Self.config("chaos-0"))
            let second: any Leadership = try LeaseLeadership(client: client, config: Self.config("chaos-1"))
            #expect(await !first.isKnown())
            #expect(await first.persistedState() == nil)
            let firstRun = Task { try await first.run() }
            #expect(await Self.eventually { await first.isLeading() })
            let secondRun = Task { try await second.run() }
            // Known once its first attempt saw the Lease held: the wait ends on that, not on a poll.
            await second.untilKnown()
            #expect(await second.isKnown())
            #expect(await !second.isLeading())
            #expect(await first.holder() == "chaos-0")
            #expect(await second.holder() == "chaos-0")

            try await first.persist(#"{"lastKill":{"demo/web":"2026-11-25T15:00:00Z"}}"#)
            #expect(await first.persistedState() == #"{"lastKill":{"demo/web":"2026-11-25T15:00:00Z"}}"#)
            await #expect(throws: LeaderElectionError.self) { try await second.persist("{}") }

            firstRun.cancel()
            try await firstRun.value
            #expect(await !first.isLeading())
            #expect(await Self.eventually { await second.isLeading() })
            #expect(await second.holder() == "chaos-1")
            #expect(await second.persistedState() == #"{"lastKill":{"demo/web":"2026-11-25T15:00:00Z"}}"#)
            let lease = try await client.get(Lease.self, namespace: "demo", name: "podchaosmonkey")
            #expect(lease.metadata.annotations?[PodChaosKeys.history] == #"{"lastKill":{"demo/web":"2026-11-25T15:00:00Z"}}"#)
            #expect(PodChaosKeys.history == "podchaosmonkey.io/history")
            secondRun.cancel()
            try await secondRun.value
            let released = try await client.get(Lease.self, namespace: "demo", name: "podchaosmonkey")
            #expect(released.spec?.holderIdentity == "")
        }
    }

    @Test("An invalid configuration is refused with the field named")
    func invalidConfiguration() async throws {
        var config = Self.config("chaos-0")
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
