import Foundation

/// Keeps each ReplicaSet's number of active pods at `spec.replicas`: a pod that starts terminating no longer
/// counts, so its replacement is created at once; surplus pods are deleted. Status follows the pods.
public struct ReplicaSetController: Controller {
    public let name = "replicaset-controller"

    public init() {}

    public mutating func observe(_ change: ObjectChange, in cache: ObjectCache) -> [ObjectKey] {
        let replicaSets = ControlledResources.replicaSets
        if change.type == replicaSets { return [change.key] }
        guard change.type == ControlledResources.pods else { return [] }
        return OwnerKeys.of(change, kind: "ReplicaSet", as: replicaSets)
    }

    public mutating func reconcile(_ key: ObjectKey, in cache: ObjectCache, now: Date) -> [ControllerAction] {
        guard let replicaSet = cache.get(key), !replicaSet.isTerminating else { return [] }
        let pods = cache.controlled(by: replicaSet.uid, ControlledResources.pods)
        let active = pods.filter(\.isActivePod)
        let desired = replicaSet.desiredReplicas
        var actions: [ControllerAction] = []
        if active.count < desired {
            let hash = replicaSet.labels["pod-template-hash"].map { ["pod-template-hash": $0] } ?? [:]
            for _ in active.count..<desired {
                let pod = PodTemplate.pod(
                    from: replicaSet, ownerType: ControlledResources.replicaSets, generateName: replicaSet.name + "-", extraLabels: hash)
                actions.append(.create(ControlledResources.pods, namespace: key.namespace, pod))
            }
        } else if active.count > desired {
            for pod in active.sorted(by: PodTemplate.deletionOrder).prefix(active.count - desired) {
                actions.append(.delete(ObjectKey(ControlledResources.pods, of: pod), SandboxDeleteOptions(preconditionUID: pod.uid)))
            }
        }
        let ready = active.filter(\.isPodReady).count
        let status: JSONValue = .object([
            "replicas": .number(Double(active.count)), "fullyLabeledReplicas": .number(Double(active.count)),
            "readyReplicas": .number(Double(ready)), "availableReplicas": .number(Double(ready)),
            "observedGeneration": .number(Double(replicaSet.generation)),
        ])
        actions.append(WorkloadStatus.write(status, to: key, keepingZero: ["replicas"]))
        return actions
    }
}
