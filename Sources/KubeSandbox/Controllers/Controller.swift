import Foundation

/// One control loop of the sandbox's controller manager. The manager feeds it every change to the watched
/// resources; it answers which objects to reconcile, and a reconcile answers what to write. Controllers never
/// touch the store themselves, so each can be driven and tested through the same manager.
public protocol Controller: Sendable {
    var name: String { get }
    /// The objects to reconcile after `change`; may remember what it needs for the reconcile.
    mutating func observe(_ change: ObjectChange, in cache: ObjectCache) -> [ObjectKey]
    /// Brings one object towards its desired state.
    mutating func reconcile(_ key: ObjectKey, in cache: ObjectCache, now: Date) -> [ControllerAction]
}
