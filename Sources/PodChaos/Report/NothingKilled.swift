/// Why a run killed nothing, as one line for the report's `reason` and the CLI's summary: the first cause that
/// explains it, from the namespace up to the safety floor. Pure: the same inputs always give the same line.
public enum NothingKilled {
    public static func cause(
        missingNamespaces: [String], selection: SelectionResult, turnedAway: [Exclusion], blocked: [String], plan: KillPlan,
        rules: SafetyRules, budgets: DisruptionBudgets
    ) -> String {
        if let missing = missing(missingNamespaces) { return missing }
        if selection.considered == 0 { return "no pod matched the namespaces and selectors" }
        if selection.eligible.isEmpty {
            return "none of \(selection.considered) pods is eligible (\(tally(selection.excluded.flatMap(\.reasons))))"
        }
        if plan.maxKills <= 0 { return ExclusionReason.maxKills.explanation }
        if let first = blocked.first {
            return blocked.count == 1 ? "the only attempt was blocked: \(first)" : "all \(blocked.count) attempts were blocked: \(first)"
        }
        let causes = floorCauses(turnedAway, rules: rules, budgets: budgets)
        return causes.isEmpty ? "no eligible pod could be killed" : causes.joined(separator: "; ")
    }

    private static func missing(_ namespaces: [String]) -> String? {
        switch namespaces.count {
        case 0: nil
        case 1: "namespace \(namespaces[0]) does not exist"
        default: "namespaces \(namespaces.joined(separator: ", ")) do not exist"
        }
    }

    /// `3 orphan, 1 not-ready`: most frequent first.
    private static func tally(_ reasons: [ExclusionReason]) -> String {
        let counts = Dictionary(reasons.map { ($0, 1) }, uniquingKeysWith: +)
        return counts.sorted { ($1.value, $0.key.rawValue) < ($0.value, $1.key.rawValue) }.map { "\($0.value) \($0.key)" }
            .joined(separator: ", ")
    }

    /// The floor's holds, each named once: the budget, the owner and its readiness, the per-owner limit.
    private static func floorCauses(_ exclusions: [Exclusion], rules: SafetyRules, budgets: DisruptionBudgets) -> [String] {
        var causes: [String] = []
        func add(_ cause: String) { if !causes.contains(cause) { causes.append(cause) } }
        for exclusion in exclusions {
            let owner = exclusion.candidate.owner
            for reason in exclusion.reasons {
                switch reason {
                case .disruptionBudget:
                    for entry in budgets.covering(exclusion.candidate.pod) where entry.disruptionsAllowed <= 0 {
                        add("held by PodDisruptionBudget \(entry.key) (allows \(entry.disruptionsAllowed))")
                    }
                case .belowMinReady:
                    add("held by --min-ready \(rules.minReady) (\(describe(owner)) has \(owner?.readyReplicas ?? 0) ready)")
                case .ownerNotFullyReady:
                    add("\(describe(owner)) is not fully ready (\(readiness(owner)))")
                case .perOwnerLimit:
                    add("--per-owner \(rules.perOwner) reached for \(describe(owner))")
                default:
                    add(reason.explanation)
                }
            }
        }
        return causes
    }

    private static func describe(_ owner: Workload?) -> String {
        owner.map { "\($0.kind) \($0.namespace)/\($0.name)" } ?? "its owner"
    }

    private static func readiness(_ owner: Workload?) -> String {
        "\(owner?.readyReplicas.map(String.init) ?? "?")/\(owner?.desiredReplicas.map(String.init) ?? "?") ready"
    }
}
