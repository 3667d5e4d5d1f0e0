import Foundation
import KubeAPI

/// The PodDisruptionBudget check of the `pods/eviction` subresource, as the real API server makes it:
/// pure, so the sandbox's store applies the decision.
public enum EvictionAdmission {
    /// `unhealthyPodEvictionPolicy` values.
    public static let ifHealthyBudget = "IfHealthyBudget"
    public static let alwaysAllow = "AlwaysAllow"
    /// Above this many unconfirmed evictions the server refuses further ones (`MaxDisruptedPodSize`).
    public static let maxDisruptedPods = 2000

    /// Decides an eviction of `pod`.
    /// - Parameters:
    ///   - budgets: the PodDisruptionBudgets of the pod's namespace (others are ignored).
    ///   - now: the time recorded in `disruptedPods`.
    public static func decide(evicting pod: Pod, budgets: [PodDisruptionBudget], now: Date) -> EvictionDecision {
        // Pods that are not running, or already going, are not protected by any budget.
        let notRunning = pod.phase.map { [PodPhase.succeeded, .failed, .pending].contains($0) } ?? false
        if notRunning || pod.isTerminating {
            return .allow(EvictionAllowance(reason: .budgetNotApplicable))
        }
        let covering = budgetsCovering(pod, in: budgets)
        guard covering.count <= 1 else { return .refuse(EvictionRefusal.multipleBudgets()) }
        guard let budget = covering.first else { return .allow(EvictionAllowance(reason: .noBudget)) }

        if !pod.isReady {
            if budget.spec?.unhealthyPodEvictionPolicy == alwaysAllow {
                return .allow(EvictionAllowance(reason: .unhealthyPodPolicy))
            }
            // IfHealthyBudget (also when unset): an unready pod does not count as healthy, so evicting it
            // spends nothing, provided the budget is currently met.
            let status = budget.status
            let desired = status?.desiredHealthy ?? 0
            if (status?.currentHealthy ?? 0) >= desired && desired > 0 {
                return .allow(EvictionAllowance(reason: .unhealthyPodPolicy))
            }
        }
        return checkAndDecrement(budget, podName: pod.name, now: now)
    }

    /// Budgets of the pod's namespace whose selector matches its labels. A nil or unparseable selector matches
    /// nothing; an empty one matches every pod.
    public static func budgetsCovering(_ pod: Pod, in budgets: [PodDisruptionBudget]) -> [PodDisruptionBudget] {
        budgets.filter { budget in
            guard budget.metadata.namespace == pod.metadata.namespace,
                let selector = try? budget.spec?.selector?.labelsSelector()
            else { return false }
            return selector.matches(pod.metadata.labels ?? [:])
        }
    }

    private static func checkAndDecrement(_ budget: PodDisruptionBudget, podName: String, now: Date) -> EvictionDecision {
        let status = budget.status ?? PodDisruptionBudget.Status()
        if (status.observedGeneration ?? 0) < (budget.metadata.generation ?? 0) {
            return .refuse(EvictionRefusal.budgetStale(budget))
        }
        let allowed = status.disruptionsAllowed ?? 0
        if allowed < 0 {
            return .refuse(EvictionRefusal.budgetForbidden(budget, why: "pdb disruptions allowed is negative"))
        }
        if (status.disruptedPods?.count ?? 0) > maxDisruptedPods {
            return .refuse(
                EvictionRefusal.budgetForbidden(
                    budget, why: "DisruptedPods map too big - too many evictions not confirmed by PDB controller"))
        }
        if allowed == 0 {
            return .refuse(EvictionRefusal.budgetExhausted(budget))
        }
        var updated = budget
        var newStatus = status
        newStatus.disruptionsAllowed = allowed - 1
        if allowed - 1 == 0 {
            DisruptionAllowedCondition.update(&newStatus, now: now)
        }
        newStatus.disruptedPods = (status.disruptedPods ?? [:]).merging([podName: now]) { _, new in new }
        updated.status = newStatus
        let decrement = BudgetDecrement(budgetName: budget.name, podName: podName, disruptedAt: now, updatedBudget: updated)
        return .allow(EvictionAllowance(reason: .withinBudget, decrement: decrement))
    }
}
