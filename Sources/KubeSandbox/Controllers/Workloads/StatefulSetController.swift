import Foundation

/// Gives a StatefulSet its ordinal pods `<name>-0…N-1`. A deleted pod comes back under the same name with a
/// new UID only once the old one is fully gone. With the default `OrderedReady` policy pods are created one at a
/// time, each after the previous is Ready, and removed highest ordinal first; `Parallel` does all at once.
public struct StatefulSetController: Controller {
    public let name = "statefulset-controller"

    public init() {}

    public mutating func observe(_ change: ObjectChange, in cache: ObjectCache) -> [ObjectKey] {
        if change.type == ControlledResources.statefulSets { return [change.key] }
        guard change.type == ControlledResources.pods else { return [] }
        return OwnerKeys.of(change, kind: "StatefulSet", as: ControlledResources.statefulSets)
    }

    public mutating func reconcile(_ key: ObjectKey, in cache: ObjectCache, now: Date) -> [ControllerAction] {
        guard let statefulSet = cache.get(key), !statefulSet.isTerminating else { return [] }
        let ordered = statefulSet[path: ["spec", "podManagementPolicy"]]?.stringValue != "Parallel"
        let desired = statefulSet.desiredReplicas
        let owned = cache.controlled(by: statefulSet.uid, ControlledResources.pods)
        let revision = "\(statefulSet.name)-\(PodTemplateHash.of(statefulSet[path: ["spec", "template"]] ?? .null))"
        var actions: [ControllerAction] = []

        for ordinal in 0..<desired {
            let podName = "\(statefulSet.name)-\(ordinal)"
            guard let pod = cache.get(ObjectKey(ControlledResources.pods, namespace: key.namespace, name: podName)) else {
                actions.append(
                    .create(ControlledResources.pods, namespace: key.namespace, pod(ordinal, of: statefulSet, revision: revision)))
                if ordered { break }
                continue
            }
            // A pod of that name that is not ours, or one still terminating, blocks this ordinal.
            if ordered && (pod.controllerUID != statefulSet.uid || pod.isTerminating || !pod.isPodReady) { break }
        }
        let surplus = owned.filter { (Self.ordinal(of: $0.name, in: statefulSet.name) ?? -1) >= desired }
            .sorted { (Self.ordinal(of: $0.name, in: statefulSet.name) ?? 0) > (Self.ordinal(of: $1.name, in: statefulSet.name) ?? 0) }
        let deleting = ordered && surplus.contains(where: \.isTerminating)
        for pod in surplus where !pod.isTerminating && !deleting {
            actions.append(.delete(ObjectKey(ControlledResources.pods, of: pod), SandboxDeleteOptions(preconditionUID: pod.uid)))
            if ordered { break }
        }

        let active = owned.filter(\.isActivePod)
        let ready = active.filter(\.isPodReady).count
        let status: JSONValue = .object([
            "observedGeneration": .number(Double(statefulSet.generation)), "replicas": .number(Double(active.count)),
            "readyReplicas": .number(Double(ready)), "availableReplicas": .number(Double(ready)),
            "currentReplicas": .number(Double(active.count)), "updatedReplicas": .number(Double(active.count)),
            "currentRevision": .string(revision), "updateRevision": .string(revision),
        ])
        actions.append(WorkloadStatus.write(status, to: key, keepingZero: ["replicas", "availableReplicas"]))
        return actions
    }

    static func ordinal(of podName: String, in setName: String) -> Int? {
        guard podName.hasPrefix(setName + "-") else { return nil }
        return Int(podName.dropFirst(setName.count + 1))
    }

    private func pod(_ ordinal: Int, of statefulSet: JSONValue, revision: String) -> JSONValue {
        let name = "\(statefulSet.name)-\(ordinal)"
        var pod = PodTemplate.pod(
            from: statefulSet, ownerType: ControlledResources.statefulSets, name: name,
            extraLabels: [
                "statefulset.kubernetes.io/pod-name": name, "apps.kubernetes.io/pod-index": String(ordinal),
                "controller-revision-hash": revision,
            ])
        pod[path: ["spec", "hostname"]] = .string(name)
        if let service = statefulSet[path: ["spec", "serviceName"]]?.stringValue, !service.isEmpty {
            pod[path: ["spec", "subdomain"]] = .string(service)
        }
        return pod
    }
}
