import Foundation

/// One `kill` run once its preflight has passed: what was planned, and what watches and proves on its behalf.
struct KillRun: Sendable {
    var options: KillOptions
    let planned: PlanResult
    let interruption: Interruption?
    /// Watches the victims' owners recover; nil when the run does not wait (`--no-wait`, dry runs, nothing to kill).
    let observer: RecoveryObserver?
    /// Proves that the kills' Events may be written, namespace by namespace; nil for a client dry run and when
    /// nothing is to be killed.
    let eventGate: EventPermissionGate?
    /// The Deployment `--scale-down-self` scales, when the preflight already found it.
    let ownDeployment: Workload?

    var budgets: DisruptionBudgets { planned.inventory.budgets }
}

extension PlanResult {
    /// Whether the plan kills anything at all.
    var willKill: Bool { !plan.order.isEmpty && plan.target > 0 }

    /// The victim whose namespace the preflight proves permissions in: the first one planned.
    var firstVictim: Candidate? { victims.first ?? plan.order.first }
}
