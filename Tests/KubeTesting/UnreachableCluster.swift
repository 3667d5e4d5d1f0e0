import Foundation
import KubeAPI

/// A client whose API server refuses every connection, for tests whose I/O goes through seams: a request that does
/// not fails at once instead of reaching a cluster.
public enum UnreachableCluster {
    /// Runs `body` with such a client and always shuts it down.
    public static func with<T>(_ body: (KubernetesClient) async throws -> T) async throws -> T {
        let refusing = try RefusingPort()
        let client = try KubernetesClient(
            config: ClusterConfig(server: URL(string: refusing.url())!, namespace: "demo", origin: "test"),
            options: ClientOptions(qps: 0, retry: .none))
        let result: Result<T, any Error>
        do {
            result = .success(try await body(client))
        } catch {
            result = .failure(error)
        }
        try await client.shutdown()
        withExtendedLifetime(refusing) {}
        return try result.get()
    }
}
