import Foundation
import KubeAPI
import KubeTesting
import PodChaos
import Testing

@testable import PodChaosDaemon

@Suite("The daemon's watch cache", .dedicatedThreads)
struct WatchCacheTests {
    @Test("An unreachable API server fails a read of the cache after its sync timeout instead of hanging it", .timeLimit(.minutes(1)))
    func unreachable() async throws {
        let refusing = try RefusingPort()
        try await KubernetesClient.withKubernetesClient(
            config: ClusterConfig(server: URL(string: refusing.url())!, namespace: "demo", origin: "test"),
            options: ClientOptions(qps: 0, retry: RetryPolicy(maxAttempts: 1))
        ) { client in
            let criteria = SelectionCriteria(namespaces: NamespaceScope(included: ["demo"]))
            let cache = WatchCache(client: client, scope: .namespaces(["demo"]), criteria: criteria, syncTimeout: .milliseconds(300))
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await cache.run() }
                while await !cache.isRunning { await Task.yield() }
                await #expect(throws: WatchCacheError.self) { try await cache.load(criteria) }
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
