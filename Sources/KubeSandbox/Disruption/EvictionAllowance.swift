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
