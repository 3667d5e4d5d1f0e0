import Foundation
import KubeAPI
import KubeTesting
import PodChaos
import Testing

@testable import PodChaosDaemon

@Suite("The daemon's watch cache", .dedicatedThreads)
struct WatchCacheTests {
    @Test(
        "An unreachable API server fails a read of the cache once its sync timeout has passed on the client's clock",
        .timeLimit(.minutes(1)))
    func unreachable() async throws {
        let refusing = try RefusingPort()
        let clock = SteppingClock()
        try await KubernetesClient.withKubernetesClient(
            config: ClusterConfig(server: URL(string: refusing.url())!, namespace: "demo", origin: "test"),
            options: ClientOptions(qps: 0, retry: RetryPolicy(maxAttempts: 1), clock: clock)
        ) { client in
            let criteria = SelectionCriteria(namespaces: NamespaceScope(included: ["demo"]))
            let cache = WatchCache(client: client, scope: .namespaces(["demo"]), criteria: criteria, syncTimeout: .seconds(30))
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await cache.run() }
                // A reflector backing off from the refused connection: the cache runs.
                await clock.sleeping { !$0.isEmpty }
                #expect(await cache.isRunning)
                group.addTask {
                    await #expect(throws: WatchCacheError.self) { try await cache.load(criteria) }
                }
                // The reflectors back off for a second or so; the load's wait is the sleep of exactly 30 s.
                await clock.sleeping { $0.map(\.offset).contains(.seconds(30)) }
                clock.advance(by: .seconds(29))
                let pending = await clock.sleeping { _ in true }
                #expect(pending.map(\.offset).contains(.seconds(30)), "not timed out a second early")
                clock.advance(by: .seconds(1))
                await group.next()
                group.cancelAll()
            }
        }
        withExtendedLifetime(refusing) {}
    }

    @Test("The cache keeps pods trimmed: what selection and recovery read, not the containers or the other conditions")
    func podsAreTrimmed() async throws {
        try await DaemonSandbox.with { cluster in
            try await cluster.deployment("web", replicas: 2)
            let listed = try await cluster.client.list(Pod.self, namespace: "demo").items
            #expect(listed.count == 2 && listed.allSatisfy { $0.spec?.containers?.isEmpty == false })
            let criteria = SelectionCriteria(namespaces: NamespaceScope(included: ["demo"]))
            let cache = WatchCache(client: cluster.client, scope: .namespaces(["demo"]), criteria: criteria)
            let cached = try await withThrowingTaskGroup(of: [Candidate]?.self) { group in
                group.addTask {
                    await cache.run()
                    return nil
                }
                while await !cache.isRunning { await Task.yield() }
                let inventory = try await cache.load(criteria)
                group.cancelAll()
                return inventory.candidates
            }
            #expect(cached.map(\.uid).sorted() == listed.compactMap(\.metadata.uid).sorted())
            for candidate in cached {
                let original = try #require(listed.first { $0.metadata.uid == candidate.uid })
                #expect(candidate.pod == PodCompactor.trim(original))
                #expect(candidate.pod.spec?.containers == nil)
                #expect(candidate.owner?.kind == "Deployment" && candidate.pod.isReady == original.isReady)
            }
        }
    }
}
