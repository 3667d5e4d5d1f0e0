import Foundation
import KubeAPI

/// What the eviction subresource does with one `pods/eviction` create.
public enum EvictionDecision: Sendable, Hashable {
    /// Delete the pod (after writing `allowance.decrement`'s budget, when there is one).
    case allow(EvictionAllowance)
    /// Answer with this Status; its `code` is the HTTP status (429, 500 or 403).
    case refuse(KubeAPI.Status)

    public var isAllowed: Bool {
        if case .allow = self { return true }
        return false
    }

    /// The refusal's Status, nil when the eviction is allowed.
    public var refusal: KubeAPI.Status? {
        if case .refuse(let status) = self { return status }
        return nil
    }
}

/// Why an eviction may go ahead, and the budget it spends.
public struct EvictionAllowance: Sendable, Hashable {
    public enum Reason: Sendable, Hashable {
        /// No PodDisruptionBudget selects the pod.
        case noBudget
        /// The pod is Pending, Succeeded, Failed or already terminating: budgets do not protect it.
        case budgetNotApplicable
        /// The pod is not Ready and its budget's `unhealthyPodEvictionPolicy` lets it go without spending budget.
        case unhealthyPodPolicy
        /// The budget had an allowed disruption and spends it.
        case withinBudget
    }

    public var reason: Reason
    /// Set only for `withinBudget`.
    public var decrement: BudgetDecrement?

    public init(reason: Reason, decrement: BudgetDecrement? = nil) {
        self.reason = reason
        self.decrement = decrement
    }
}

/// The write to a PodDisruptionBudget that an allowed eviction makes before deleting the pod:
/// `disruptionsAllowed` one lower and the pod listed in `disruptedPods`, so the next eviction sees it spent
/// even before the disruption controller resyncs.
public struct BudgetDecrement: Sendable, Hashable {
    public var budgetName: String
    /// The key to add to `status.disruptedPods`, with `disruptedAt` as its value.
    public var podName: String
    public var disruptedAt: Date
    /// The budget with the decrement applied, ready to store.
    public var updatedBudget: PodDisruptionBudget
}
