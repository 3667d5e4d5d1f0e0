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
        let client = try KubernetesClient(
            config: ClusterConfig(server: URL(string: refusing.url())!, namespace: "demo", origin: "test"),
            options: ClientOptions(qps: 0, retry: RetryPolicy(maxAttempts: 1)))
        let criteria = SelectionCriteria(namespaces: NamespaceScope(included: ["demo"]))
        let cache = WatchCache(client: client, scope: .namespaces(["demo"]), criteria: criteria, syncTimeout: .milliseconds(300))
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await cache.run() }
            while await !cache.isRunning { await Task.yield() }
            await #expect(throws: WatchCacheError.self) { try await cache.load(criteria) }
            group.cancelAll()
        }
        withExtendedLifetime(refusing) {}
        try await client.shutdown()
    }
}
