import KubeAPI

/// What selection needs from the cluster, read once per run: pods with their workloads, and the budgets.
public struct Inventory: Sendable {
    public var candidates: [Candidate]
    public var budgets: DisruptionBudgets

    public init(candidates: [Candidate], budgets: DisruptionBudgets) {
        self.candidates = candidates
        self.budgets = budgets
    }
}

/// Reads the inventory through the API: the only I/O of a selection. Selectors are sent to the server, so only
/// matching pods cross the wire; selection applies them again, so a server that ignores them cannot widen a run.
public struct InventoryLoader: Sendable {
    let client: KubernetesClient

    public init(client: KubernetesClient) {
        self.client = client
    }

    public func load(_ criteria: SelectionCriteria) async throws -> Inventory {
        let scope = criteria.namespaces
        let options = ListOptions(
            labelSelector: criteria.labelSelector.isEverything ? nil : criteria.labelSelector.description,
            fieldSelector: criteria.fieldSelector.isEverything ? nil : criteria.fieldSelector.description)

        var namespaceLabels: [String: [String: String]] = [:]
        if scope.selector != nil {
            for try await namespace in client.listAll(Namespace.self).items {
                namespaceLabels[namespace.name] = namespace.metadata.labels ?? [:]
            }
        }

        var pods: [Pod] = []
        var budgets: [PodDisruptionBudget] = []
        if scope.listsAllNamespaces {
            for try await pod in client.listAll(Pod.self, allNamespaces: true, options: options).items { pods.append(pod) }
            for try await budget in client.listAll(PodDisruptionBudget.self, allNamespaces: true).items { budgets.append(budget) }
        } else {
            let namespaces = scope.included.isEmpty ? [client.config.namespace] : scope.included
            for namespace in namespaces where !scope.excluded.contains(namespace) && !scope.protected.contains(namespace) {
                for try await pod in client.listAll(Pod.self, namespace: namespace, options: options).items { pods.append(pod) }
                for try await budget in client.listAll(PodDisruptionBudget.self, namespace: namespace).items {
                    budgets.append(budget)
                }
            }
        }

        let resolver = OwnerResolver(client: client)
        var candidates: [Candidate] = []
        candidates.reserveCapacity(pods.count)
        for pod in pods {
            let labels = namespaceLabels[pod.metadata.namespace ?? ""] ?? [:]
            candidates.append(Candidate(pod: pod, owner: try await resolver.workload(for: pod), namespaceLabels: labels))
        }
        return Inventory(candidates: candidates, budgets: DisruptionBudgets(budgets))
    }
}
