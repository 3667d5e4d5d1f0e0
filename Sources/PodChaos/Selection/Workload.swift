import KubeAPI

/// The controller that brings a pod back: the top of its owner chain (a ReplicaSet resolves to its Deployment).
public struct Workload: Sendable, Hashable, CustomStringConvertible {
    public var kind: String
    public var name: String
    public var namespace: String
    public var uid: String
    /// `spec.replicas` (desiredNumberScheduled for a DaemonSet); nil when unknown.
    public var desiredReplicas: Int?
    /// Ready pods as the controller's status reports them; nil when unknown.
    public var readyReplicas: Int?
    public var labels: [String: String]
    public var annotations: [String: String]

    public init(
        kind: String, name: String, namespace: String, uid: String, desiredReplicas: Int? = nil, readyReplicas: Int? = nil,
        labels: [String: String] = [:], annotations: [String: String] = [:]
    ) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.uid = uid
        self.desiredReplicas = desiredReplicas
        self.readyReplicas = readyReplicas
        self.labels = labels
        self.annotations = annotations
    }

    /// True when every desired replica is ready.
    public var isFullyReady: Bool {
        guard let desired = desiredReplicas, let ready = readyReplicas else { return false }
        return ready >= desired
    }

    /// `Deployment/web`.
    public var description: String { "\(kind)/\(name)" }
}
