import Foundation
import KubeAPI

/// The `DisruptionAllowed` condition the disruption controller and the eviction subresource keep on a
/// PodDisruptionBudget's status.
public enum DisruptionAllowedCondition {
    public static let type = "DisruptionAllowed"
    public static let sufficientPods = "SufficientPods"
    public static let insufficientPods = "InsufficientPods"
    public static let syncFailed = "SyncFailed"

    /// Sets the condition from `disruptionsAllowed`, keeping `lastTransitionTime` while the status does not
    /// change, as `meta.SetStatusCondition` does. The real controller leaves the message empty.
    static func update(_ status: inout PodDisruptionBudget.Status, now: Date) {
        let allowed = (status.disruptionsAllowed ?? 0) > 0
        set(
            &status, to: allowed ? "True" : "False", reason: allowed ? sufficientPods : insufficientPods, message: "",
            now: now)
    }

    /// Marks the budget as not computable: the fail-safe status that allows no disruptions.
    static func markSyncFailed(_ status: inout PodDisruptionBudget.Status, message: String, now: Date) {
        status.disruptionsAllowed = 0
        set(&status, to: "False", reason: syncFailed, message: message, now: now)
    }

    private static func set(
        _ status: inout PodDisruptionBudget.Status, to value: String, reason: String, message: String, now: Date
    ) {
        var conditions = status.conditions ?? []
        let previous = conditions.firstIndex { $0.type == type }
        let transition =
            previous.flatMap { conditions[$0].status == value ? conditions[$0].lastTransitionTime : nil } ?? now
        let condition = Condition(
            type: type, status: value, reason: reason, message: message, lastTransitionTime: transition,
            observedGeneration: status.observedGeneration)
        if let previous {
            conditions[previous] = condition
        } else {
            conditions.append(condition)
        }
        status.conditions = conditions
    }
}
