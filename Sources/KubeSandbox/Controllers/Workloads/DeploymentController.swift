import Foundation
import KubeAPI

/// Rolls a Deployment out as ReplicaSets named `<deployment>-<pod-template-hash>`: the ReplicaSet of the current
/// template is scaled to `spec.replicas`, older ones down as the new one's pods become available. Status sums
/// the ReplicaSets'.
public struct DeploymentController: Controller {
    public let name = "deployment-controller"

    public init() {}

    public mutating func observe(_ change: ObjectChange, in cache: ObjectCache) -> [ObjectKey] {
        let deployments = ControlledResources.deployments
        if change.type == deployments { return [change.key] }
        guard change.type == ControlledResources.replicaSets else { return [] }
        return change.object.ownerReferences.compactMap { owner -> ObjectKey? in
            guard owner["kind"]?.stringValue == "Deployment", let name = owner["name"]?.stringValue else { return nil }
            return ObjectKey(deployments, namespace: change.object.namespace, name: name)
        }
    }

    public mutating func reconcile(_ key: ObjectKey, in cache: ObjectCache, now: Date) -> [ControllerAction] {
        guard let deployment = cache.get(key), !deployment.isTerminating else { return [] }
        let replicaSets = ControlledResources.replicaSets
        let owned = cache.controlled(by: deployment.uid, replicaSets).filter { !$0.isTerminating }
        let template = deployment[path: ["spec", "template"]] ?? .object([:])
        let hash = PodTemplateHash.of(template, collisionCount: deployment[path: ["status", "collisionCount"]]?.intValue ?? 0)
        let newName = "\(deployment.name)-\(hash)"
        let desired = deployment.desiredReplicas
        var actions: [ControllerAction] = []

        guard let current = owned.first(where: { $0.name == newName }) else {
            actions.append(.create(replicaSets, namespace: key.namespace, newReplicaSet(for: deployment, named: newName, hash: hash)))
            return actions
        }
        if current.desiredReplicas != desired { actions.append(scale(current, to: desired)) }
        let newAvailable = current[path: ["status", "availableReplicas"]]?.intValue ?? 0
        // Old pods stay until the new ReplicaSet can stand in for them, so a rollout never drops below the target.
        var oldBudget = max(0, desired - newAvailable)
        for old in owned where old.name != newName {
            let keep = min(old.desiredReplicas, oldBudget)
            oldBudget -= keep
            if old.desiredReplicas != keep { actions.append(scale(old, to: keep)) }
        }
        actions.append(statusWrite(deployment, key: key, replicaSets: owned, current: current, now: now))
        return actions
    }

    private func newReplicaSet(for deployment: JSONValue, named name: String, hash: String) -> JSONValue {
        var template = deployment[path: ["spec", "template"]] ?? .object([:])
        template[path: ["metadata", "labels", "pod-template-hash"]] = .string(hash)
        var selector = deployment[path: ["spec", "selector"]] ?? .object([:])
        selector[path: ["matchLabels", "pod-template-hash"]] = .string(hash)
        var labels = template[path: ["metadata", "labels"]] ?? .object([:])
        labels["pod-template-hash"] = .string(hash)
        return .object([
            "apiVersion": .string("apps/v1"), "kind": .string("ReplicaSet"),
            "metadata": .object([
                "name": .string(name), "namespace": deployment.namespace.map(JSONValue.string) ?? .null, "labels": labels,
                "annotations": .object(["deployment.kubernetes.io/desired-replicas": .string(String(deployment.desiredReplicas))]),
                "ownerReferences": .array([PodTemplate.ownerReference(to: deployment, type: ControlledResources.deployments)]),
            ]),
            "spec": .object([
                "replicas": .number(Double(deployment.desiredReplicas)), "selector": selector, "template": template,
            ]),
        ])
    }

    private func scale(_ replicaSet: JSONValue, to replicas: Int) -> ControllerAction {
        .modify(ObjectKey(ControlledResources.replicaSets, of: replicaSet), subresource: nil) { current in
            var next = current
            next[path: ["spec", "replicas"]] = .number(Double(replicas))
            return next
        }
    }

    private func statusWrite(_ deployment: JSONValue, key: ObjectKey, replicaSets: [JSONValue], current: JSONValue, now: Date)
        -> ControllerAction
    {
        func sum(_ field: String) -> Int { replicaSets.reduce(0) { $0 + ($1[path: ["status", field]]?.intValue ?? 0) } }
        let desired = deployment.desiredReplicas
        let available = sum("availableReplicas")
        let updated = current[path: ["status", "replicas"]]?.intValue ?? 0
        let complete = updated == desired && available >= desired && sum("replicas") == desired
        let generation = deployment.generation
        let fields: JSONValue = .object([
            "observedGeneration": .number(Double(generation)), "replicas": .number(Double(sum("replicas"))),
            "updatedReplicas": .number(Double(updated)), "readyReplicas": .number(Double(sum("readyReplicas"))),
            "availableReplicas": .number(Double(available)), "unavailableReplicas": .number(Double(max(0, desired - available))),
        ])
        let replicaSetName = current.name
        return .modify(key, subresource: .status) { stored in
            var next = stored
            var status = stored["status"] ?? .object([:])
            for (field, value) in fields.objectValue ?? [:] { status[field] = value == .number(0) ? nil : value }
            ConditionList.set(
                &status, type: "Available", to: available >= desired,
                reason: available >= desired ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                message: available >= desired ? "Deployment has minimum availability." : "Deployment does not have minimum availability.",
                now: now, extraTimes: ["lastUpdateTime"])
            ConditionList.set(
                &status, type: "Progressing", to: true, reason: complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
                message: complete
                    ? "ReplicaSet \"\(replicaSetName)\" has successfully progressed." : "ReplicaSet \"\(replicaSetName)\" is progressing.",
                now: now, extraTimes: ["lastUpdateTime"])
            next["status"] = status
            return next
        }
    }
}
