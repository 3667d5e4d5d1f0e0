import KubeAPI

/// A controller a pod or a ReplicaSet names: what the owner lookups fetch.
struct OwnerKey: Sendable, Hashable {
    var kind: String
    var namespace: String
    var name: String
    var uid: String

    init(kind: String, namespace: String, name: String, uid: String) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.uid = uid
    }

    init(_ reference: OwnerReference, namespace: String) {
        self.init(kind: reference.kind, namespace: namespace, name: reference.name, uid: reference.uid)
    }

    /// The pod's controller, when it is of a kind podchaosmonkey reads.
    init?(controllerOf pod: Pod) {
        guard let reference = pod.metadata.controller, OwnerIndex.kinds.contains(reference.kind) else { return nil }
        self.init(reference, namespace: pod.metadata.namespace ?? "")
    }
}
