import KubeAPI

/// What selection needs from the cluster, read once per run: pods with their workloads, and the budgets.
public struct Inventory: Sendable {
    public var candidates: [Candidate]
    public var budgets: DisruptionBudgets
    /// Namespaces the run was pointed at that do not exist.
    public var missingNamespaces: [String]

    public init(candidates: [Candidate], budgets: DisruptionBudgets, missingNamespaces: [String] = []) {
        self.candidates = candidates
        self.budgets = budgets
        self.missingNamespaces = missingNamespaces
    }

    /// Pods with the workloads `owners` resolves them to and the labels of their namespaces.
    public init(
        pods: [Pod], owners: OwnerIndex, budgets: [PodDisruptionBudget], namespaceLabels: [String: [String: String]] = [:],
        missingNamespaces: [String] = []
    ) {
        let candidates = pods.map { pod in
            Candidate(pod: pod, owner: owners.workload(for: pod), namespaceLabels: namespaceLabels[pod.metadata.namespace ?? ""] ?? [:])
        }
        self.init(candidates: candidates, budgets: DisruptionBudgets(budgets), missingNamespaces: missingNamespaces)
    }
}
