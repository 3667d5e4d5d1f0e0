/// What this run has killed so far, and whether one more kill of a candidate keeps every rule.
public struct KillLedger: Sendable {
    public let rules: SafetyRules
    public let budgets: DisruptionBudgets
    public private(set) var killsPerOwner: [String: Int] = [:]
    public private(set) var killsPerBudget: [String: Int] = [:]
    public private(set) var total = 0

    public init(rules: SafetyRules, budgets: DisruptionBudgets) {
        self.rules = rules
        self.budgets = budgets
    }

    /// Why `candidate` may not be killed next, or nil when it may.
    public func rejection(of candidate: Candidate) -> ExclusionReason? {
        if let owner = candidate.owner {
            let killed = killsPerOwner[owner.uid, default: 0]
            if killed >= rules.perOwner { return .perOwnerLimit }
            if !owner.isFullyReady { return .ownerNotFullyReady }
            if (owner.readyReplicas ?? 0) - killed - 1 < rules.minReady { return .belowMinReady }
        }
        if rules.honourDisruptionBudgets {
            for entry in budgets.covering(candidate.pod)
            where entry.disruptionsAllowed - killsPerBudget[entry.key, default: 0] <= 0 {
                return .disruptionBudget
            }
        }
        return nil
    }

    public mutating func record(_ candidate: Candidate) {
        total += 1
        if let owner = candidate.owner { killsPerOwner[owner.uid, default: 0] += 1 }
        for entry in budgets.covering(candidate.pod) { killsPerBudget[entry.key, default: 0] += 1 }
    }
}
