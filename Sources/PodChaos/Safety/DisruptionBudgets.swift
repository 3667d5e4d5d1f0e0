import KubeAPI

/// The PodDisruptionBudgets of the namespaces in play, and which of them cover a pod.
public struct DisruptionBudgets: Sendable {
    public struct Entry: Sendable, Hashable {
        public var budget: PodDisruptionBudget
        let selector: Labels.Selector?
        public var key: String { "\(budget.metadata.namespace ?? "")/\(budget.metadata.name ?? "")" }
        public var disruptionsAllowed: Int { budget.status?.disruptionsAllowed ?? 0 }
    }

    public private(set) var entries: [Entry]

    public init(_ budgets: [PodDisruptionBudget]) {
        entries = budgets.map { budget in
            Entry(budget: budget, selector: budget.spec?.selector.flatMap { try? $0.labelsSelector() })
        }
    }

    public static let none = DisruptionBudgets([])

    /// Budgets whose selector matches the pod's labels in its namespace. policy/v1: an empty selector matches
    /// every pod of the namespace; a missing or unparseable one matches none.
    public func covering(_ pod: Pod) -> [Entry] {
        let labels = pod.metadata.labels ?? [:]
        return entries.filter { entry in
            entry.budget.metadata.namespace == pod.metadata.namespace && (entry.selector?.matches(labels) ?? false)
        }
    }
}
