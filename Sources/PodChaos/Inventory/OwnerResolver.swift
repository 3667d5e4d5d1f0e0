import KubeAPI

/// Resolves a pod's controller to the workload that recreates it, caching each owner it fetched, so a namespace
/// with 500 pods of one Deployment costs two GETs, not a thousand.
public actor OwnerResolver {
    private let client: KubernetesClient
    private var cache: [String: Workload?] = [:]

    public init(client: KubernetesClient) {
        self.client = client
    }

    /// The workload for `pod`, nil when it has no controller.
    public func workload(for pod: Pod) async throws -> Workload? {
        guard let reference = pod.metadata.controller else { return nil }
        let namespace = pod.metadata.namespace ?? ""
        return try await resolve(reference, namespace: namespace)
    }

    private func resolve(_ reference: OwnerReference, namespace: String) async throws -> Workload {
        let key = "\(namespace)/\(reference.kind)/\(reference.name)/\(reference.uid)"
        if let cached = cache[key], let workload = cached { return workload }
        let workload = try await fetch(reference, namespace: namespace)
        cache[key] = workload
        return workload
    }

    private func fetch(_ reference: OwnerReference, namespace: String) async throws -> Workload {
        do {
            switch reference.kind {
            case "ReplicaSet":
                let replicaSet = try await client.get(ReplicaSet.self, namespace: namespace, name: reference.name)
                guard replicaSet.metadata.uid == reference.uid else { return Workload(reference: reference, namespace: namespace) }
                // A ReplicaSet owned by a Deployment: the Deployment is what users think of and what recovers.
                if let parent = replicaSet.metadata.controller, parent.kind == "Deployment" {
                    return try await resolve(parent, namespace: namespace)
                }
                return Workload(replicaSet)
            case "Deployment":
                return Workload(try await client.get(Deployment.self, namespace: namespace, name: reference.name))
            case "StatefulSet":
                return Workload(try await client.get(StatefulSet.self, namespace: namespace, name: reference.name))
            case "DaemonSet":
                return Workload(try await client.get(DaemonSet.self, namespace: namespace, name: reference.name))
            case "Job":
                return Workload(try await client.get(Job.self, namespace: namespace, name: reference.name))
            default:
                return Workload(reference: reference, namespace: namespace)
            }
        } catch let error as KubeAPIError where error.isNotFound {
            return Workload(reference: reference, namespace: namespace)
        }
    }
}
