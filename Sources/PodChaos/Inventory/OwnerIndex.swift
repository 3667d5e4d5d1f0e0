import KubeAPI

/// The controllers a run has read, keyed by UID: resolves a pod's controller to the workload that recreates it
/// without I/O. A ReplicaSet owned by a Deployment resolves to the Deployment, the workload users think of.
public struct OwnerIndex: Sendable {
    /// The kinds whose readiness podchaosmonkey reads; any other controller is a workload of unknown readiness.
    public static let kinds: Set<String> = ["ReplicaSet", "Deployment", "StatefulSet", "DaemonSet", "Job"]

    private var workloads: [String: Workload] = [:]
    /// A ReplicaSet's UID → the Deployment that controls it.
    private var parents: [String: OwnerReference] = [:]

    public init() {}

    public mutating func insert(_ replicaSet: ReplicaSet) {
        let workload = Workload(replicaSet)
        workloads[workload.uid] = workload
        if let parent = replicaSet.metadata.controller, parent.kind == "Deployment" { parents[workload.uid] = parent }
    }

    public mutating func insert(_ workload: Workload) {
        workloads[workload.uid] = workload
    }

    public mutating func merge(_ other: OwnerIndex) {
        workloads.merge(other.workloads) { _, new in new }
        parents.merge(other.parents) { _, new in new }
    }

    /// The workload for `pod`, nil when it has no controller. A controller the index does not hold (not read, gone,
    /// replaced by one of the same name, or of another kind) is a workload of unknown readiness, which the safety
    /// floor leaves alone.
    public func workload(for pod: Pod) -> Workload? {
        guard let reference = pod.metadata.controller else { return nil }
        return resolve(reference, namespace: pod.metadata.namespace ?? "")
    }

    /// Whether the index holds the controller `key` names, with that UID.
    func contains(_ key: OwnerKey) -> Bool {
        workloads[key.uid].map { $0.kind == key.kind && $0.namespace == key.namespace } ?? false
    }

    /// The Deployments the index's ReplicaSets name that it does not hold yet.
    var missingParents: Set<OwnerKey> {
        var missing: Set<OwnerKey> = []
        for (uid, parent) in parents {
            guard let child = workloads[uid] else { continue }
            let key = OwnerKey(parent, namespace: child.namespace)
            if !contains(key) { missing.insert(key) }
        }
        return missing
    }

    private func resolve(_ reference: OwnerReference, namespace: String) -> Workload {
        let key = OwnerKey(reference, namespace: namespace)
        guard contains(key), let known = workloads[key.uid] else { return Workload(reference: reference, namespace: namespace) }
        if let parent = parents[key.uid] { return resolve(parent, namespace: namespace) }
        return known
    }
}
