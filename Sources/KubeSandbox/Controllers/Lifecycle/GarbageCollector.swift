import Foundation

/// Deletes the dependents of a deleted owner (matched by `ownerReferences` UID), or with `propagationPolicy:
/// Orphan` only removes the reference. `Foreground` is treated as `Background`: the owner goes first and its
/// dependents right after, rather than the owner waiting for them.
public struct GarbageCollector: Controller {
    public let name = "garbage-collector"
    /// Dependents to visit, with the owner UIDs that are gone and whether to orphan rather than delete.
    private var pending: [ObjectKey: [(uid: String, orphan: Bool)]] = [:]

    public init() {}

    public mutating func observe(_ change: ObjectChange, in cache: ObjectCache) -> [ObjectKey] {
        guard change.deleted else { return [] }
        let uid = change.object.uid
        let orphan = change.deleteOptions?.propagationPolicy == "Orphan"
        let dependents = cache.dependents(ofOwnerUID: uid)
        for dependent in dependents { pending[dependent, default: []].append((uid, orphan)) }
        return dependents
    }

    public mutating func reconcile(_ key: ObjectKey, in cache: ObjectCache, now: Date) -> [ControllerAction] {
        guard let owners = pending.removeValue(forKey: key), let dependent = cache.get(key) else { return [] }
        let orphaned = Set(owners.filter(\.orphan).map(\.uid))
        let deletedBy = Set(owners.filter { !$0.orphan }.map(\.uid))
        let references = dependent.ownerReferences.compactMap { $0["uid"]?.stringValue }
        if !dependent.isTerminating && references.contains(where: deletedBy.contains) {
            return [.delete(key, SandboxDeleteOptions(preconditionUID: dependent.uid, propagationPolicy: "Background"))]
        }
        guard !orphaned.isEmpty else { return [] }
        return [
            .modify(key, subresource: nil) { current in
                var next = current
                let kept = current.ownerReferences.filter { !orphaned.contains($0["uid"]?.stringValue ?? "") }
                next[path: ["metadata", "ownerReferences"]] = kept.isEmpty ? nil : .array(kept)
                return next
            }
        ]
    }
}
