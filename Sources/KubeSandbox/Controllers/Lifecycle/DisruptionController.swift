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
        return cache.inNamespace(budgets, namespace).map { ObjectKey(budgets, of: $0) }
    }

    public mutating func reconcile(_ key: ObjectKey, in cache: ObjectCache, now: Date) -> [ControllerAction] {
        guard let stored = cache.get(key), let namespace = key.namespace,
            let budget = try? stored.decode(as: PodDisruptionBudget.self)
        else { return [] }
        let pods = cache.inNamespace(ControlledResources.pods, namespace).compactMap { try? $0.decode(as: Pod.self) }
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
