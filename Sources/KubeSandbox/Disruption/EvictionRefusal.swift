import KubeAPI

/// The Status bodies the real eviction subresource answers with when it refuses
/// (pkg/registry/core/pod/storage/eviction.go), byte-for-byte in message, reason and details.
public enum EvictionRefusal {
    /// The message of every 429 the eviction subresource sends.
    public static let violatesBudgetMessage = "Cannot evict pod as it would violate the pod's disruption budget."
    public static let multipleBudgetsMessage =
        "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support."
    /// The `reason` of the cause attached to a 429 (`policyv1.DisruptionBudgetCause`).
    public static let disruptionBudgetCause = "DisruptionBudget"
    /// Seconds a client is asked to wait when the budget's status is stale.
    public static let staleBudgetRetryAfterSeconds = 10

    /// 429: the budget has no disruption left.
    public static func budgetExhausted(_ budget: PodDisruptionBudget) -> KubeAPI.Status {
        let desired = budget.status?.desiredHealthy ?? 0
        let current = budget.status?.currentHealthy ?? 0
        return tooManyRequests(
            cause: "The disruption budget \(budget.name) needs \(desired) healthy pods and has \(current) currently",
            retryAfterSeconds: nil)
    }

    /// 429: the disruption controller has not yet observed the budget's current generation.
    public static func budgetStale(_ budget: PodDisruptionBudget) -> KubeAPI.Status {
        tooManyRequests(
            cause: "The disruption budget \(budget.name) is still being processed by the server.",
            retryAfterSeconds: staleBudgetRetryAfterSeconds)
    }

    /// 500: more than one budget selects the pod.
    public static func multipleBudgets() -> KubeAPI.Status {
        KubeAPI.Status(
            message: "Internal error occurred: \(multipleBudgetsMessage)", reason: "InternalError",
            details: .init(causes: [.init(message: multipleBudgetsMessage)]), code: 500)
    }

    /// 403: the budget's status is corrupt (negative allowance, or too many unconfirmed evictions).
    public static func budgetForbidden(_ budget: PodDisruptionBudget, why: String) -> KubeAPI.Status {
        KubeAPI.Status(
            message: "poddisruptionbudget.policy \"\(budget.name)\" is forbidden: \(why)", reason: "Forbidden",
            details: .init(name: budget.name, group: "policy", kind: "poddisruptionbudget"), code: 403)
    }

    private static func tooManyRequests(cause: String, retryAfterSeconds: Int?) -> KubeAPI.Status {
        KubeAPI.Status(
            message: violatesBudgetMessage, reason: "TooManyRequests",
            details: .init(causes: [.init(reason: disruptionBudgetCause, message: cause)], retryAfterSeconds: retryAfterSeconds),
            code: 429)
    }
}
