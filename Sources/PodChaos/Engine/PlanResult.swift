/// What `plan` shows and what `kill` starts from: the selection, and the victims the seed would pick.
public struct PlanResult: Sendable {
    public var inventory: Inventory
    public var selection: SelectionResult
    public var plan: KillPlan
    public var victims: [Candidate]
    /// Eligible pods the safety floor (or `--max-kills 0`) turned away while picking victims.
    public var skipped: [Exclusion]
    /// Why nothing would be killed, in one line; nil when there are victims.
    public var cause: String?

    /// Selection's stages, then the safety floor's, so that no pod is counted as in play that the floor then turns away.
    public var stages: [StageCount] {
        let floor = skipped.filter { !$0.reasons.contains(.maxKills) }.count
        return selection.stages + [StageCount(stage: "safety floor", remaining: selection.eligible.count - floor)]
    }

    /// The count asked for, the target, and whether `--max-kills` capped it.
    public var count: KillReport.CountSummary { .init(plan) }

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
