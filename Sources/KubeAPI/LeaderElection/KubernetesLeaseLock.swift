/// `LeaseLock` through the API server: GET, POST and a PUT guarded by the Lease's `resourceVersion`.
public struct KubernetesLeaseLock: LeaseLock {
    public let client: KubernetesClient

    public init(client: KubernetesClient) {
        self.client = client
    }

    public func lease(namespace: String, name: String) async throws -> Lease? {
        do {
            return try await client.get(Lease.self, namespace: namespace, name: name)
        } catch let error as KubeAPIError where error.isNotFound {
            return nil
        }
    }

    public func create(_ lease: Lease) async throws -> Lease {
        try await client.create(lease)
    }

    public func update(_ lease: Lease) async throws -> Lease {
        try await client.replace(lease)
    }
}
