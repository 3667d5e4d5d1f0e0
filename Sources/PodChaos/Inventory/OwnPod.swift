import KubeAPI

/// The tool's own pod, as its `SelfIdentity` names it, and the workload that controls it: what self-protection,
/// `--scale-down-self` and the daemon's pause annotation start from.
public struct OwnPod: Sendable {
    public var pod: Pod
    /// The workload that recreates the pod; nil when it has no controller.
    public var workload: Workload?

    /// The controlling Deployment; nil when something else, or nothing, controls the pod.
    public var deployment: Workload? { workload?.kind == "Deployment" ? workload : nil }

    /// Reads the pod `identity` names, in its namespace or else the client's, and its controller; nil when `identity`
    /// names no pod. Throws what the API answers, a 404 included.
    public static func read(_ identity: SelfIdentity, client: KubernetesClient) async throws -> OwnPod? {
        guard let name = identity.podName else { return nil }
        let pod = try await client.get(Pod.self, namespace: identity.namespace ?? client.config.namespace, name: name)
        return OwnPod(pod: pod, workload: try await OwnerLoader(client: client).workload(for: pod))
    }
}
