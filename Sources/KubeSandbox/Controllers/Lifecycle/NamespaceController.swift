import Foundation

/// Empties a Terminating namespace: deletes everything in it (pods keep their grace period) and removes the
/// namespace once nothing is left.
public struct NamespaceController: Controller {
    public let name = "namespace-controller"

    public init() {}

    public mutating func observe(_ change: ObjectChange, in cache: ObjectCache) -> [ObjectKey] {
        change.type == ControlledResources.namespaces && !change.deleted && change.object.isTerminating ? [change.key] : []
    }

    public mutating func reconcile(_ key: ObjectKey, in cache: ObjectCache, now: Date) -> [ControllerAction] {
        guard let namespace = cache.get(key), namespace.isTerminating else { return [] }
        return [.emptyNamespace(key.name)]
    }
}
