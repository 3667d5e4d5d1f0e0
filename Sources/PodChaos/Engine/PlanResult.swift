/// What `plan` shows and what `kill` starts from: the selection, and the victims the seed would pick.
public struct PlanResult: Sendable {
    public var inventory: Inventory
    public var selection: SelectionResult
    public var plan: KillPlan
    public var victims: [Candidate]
    /// Eligible pods the safety floor turned away while picking victims.
    public var skipped: [Exclusion]

    /// Owners of the considered pods with their readiness and the PDB allowance that covers them, for display.
    public var owners: [(workload: Workload, budgets: [DisruptionBudgets.Entry])] {
        var seen: Set<String> = []
        var out: [(Workload, [DisruptionBudgets.Entry])] = []
        for candidate in inventory.candidates {
            guard let owner = candidate.owner, seen.insert(owner.uid).inserted else { continue }
            out.append((owner, inventory.budgets.covering(candidate.pod)))
        }
        return out.sorted { ($0.0.namespace, $0.0.name) < ($1.0.namespace, $1.0.name) }
    }
}
