import KubeAPI

/// Kills through the Kubernetes API: eviction, or DELETE guarded by the pod's UID.
public struct APIPodKiller: PodKiller {
    let client: KubernetesClient

    public init(client: KubernetesClient) {
        self.client = client
    }

    public func kill(_ request: KillRequest) async throws -> DeletionOutcome {
        let grace: Int64? = request.mode == .force ? 0 : request.gracePeriod.map { Int64($0.components.seconds) }
        let options = DeleteOptions(
            gracePeriodSeconds: grace, preconditions: .init(uid: request.uid), dryRun: request.serverDryRun ? ["All"] : nil)
        switch request.mode {
        case .evict:
            return try await client.evict(namespace: request.namespace, name: request.name, options: options)
        case .delete, .force:
            return try await client.delete(Pod.self, namespace: request.namespace, name: request.name, options: options)
        }
    }

    public func pod(namespace: String, name: String) async throws -> Pod {
        try await client.get(Pod.self, namespace: namespace, name: name)
    }
}
