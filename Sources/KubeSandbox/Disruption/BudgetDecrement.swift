import Foundation
import KubeAPI

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
