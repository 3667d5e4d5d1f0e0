import Foundation
import KubeAPI

/// Keeps every PodDisruptionBudget's status current as its pods and their controllers change, using the
/// disruption controller's arithmetic (`DisruptionCalculator`); syncs again when a `disruptedPods` entry expires.
public struct DisruptionController: Controller {
    public let name = "disruption-controller"

    public init() {}

    public mutating func observe(_ change: ObjectChange, in cache: ObjectCache) -> [ObjectKey] {
        let budgets = ControlledResources.podDisruptionBudgets
        if change.type == budgets { return change.deleted ? [] : [change.key] }
        let relevant: Set<ResourceType> = [
            ControlledResources.pods, ControlledResources.replicaSets, ControlledResources.deployments, ControlledResources.statefulSets,
        ]
        guard relevant.contains(change.type), let namespace = change.object.namespace else { return [] }
        let labels: [[String: String]]
        if change.type == ControlledResources.pods {
            // A pod change only concerns the budgets that select it (before or after the change).
            labels = [change.object.labels, change.previous?.labels ?? [:]]
        } else {
            // A workload matters through its scale only, and only to budgets that select its pods.
            let rescaled = change.deleted || change.previous?[path: ["spec", "replicas"]] != change.object[path: ["spec", "replicas"]]
            guard rescaled else { return [] }
            labels = [JSONValue.stringMap(change.object[path: ["spec", "template", "metadata", "labels"]])]
        }
        let inNamespace = cache.inNamespace(budgets, namespace)
        return inNamespace.filter { budget in
            guard let selector = ObjectSelector.labelSelector(budget[path: ["spec", "selector"]]) else { return false }
            return labels.contains { selector.matches($0) }
        }.map { ObjectKey(budgets, of: $0) }
    }

    public mutating func reconcile(_ key: ObjectKey, in cache: ObjectCache, now: Date) -> [ControllerAction] {
        guard let stored = cache.get(key), let namespace = key.namespace,
            let budget = try? stored.decode(as: PodDisruptionBudget.self)
        else { return [] }
        // Only the pods the selector matches are decoded: a namespace may hold tens of thousands.
        let selector = ObjectSelector.labelSelector(stored[path: ["spec", "selector"]])
        let pods = cache.inNamespace(ControlledResources.pods, namespace)
            .filter { pod in selector.map { $0.matches(pod.labels) } ?? true }
            .compactMap { try? $0.decode(as: Pod.self) }
        let scales = ControllerScales(
            replicaSets: Self.decodeAll(cache.inNamespace(ControlledResources.replicaSets, namespace)),
            deployments: Self.decodeAll(cache.inNamespace(ControlledResources.deployments, namespace)),
            statefulSets: Self.decodeAll(cache.inNamespace(ControlledResources.statefulSets, namespace)))
        let sync = DisruptionCalculator.sync(budget, pods: pods, scales: scales, now: now)
        guard let status = try? JSONValue(encoding: sync.status) else { return [] }
        var actions: [ControllerAction] = [
            .modify(key, subresource: .status) { current in
                var next = current
                next["status"] = status
                return next
            }
        ]
        if let recheckAt = sync.recheckAt {
            actions.append(.requeue(key, after: .seconds(max(0, recheckAt.timeIntervalSince(now)))))
        }
        return actions
    }

    private static func decodeAll<T: Decodable>(_ objects: [JSONValue]) -> [T] {
        objects.compactMap { try? $0.decode(as: T.self) }
    }
}
