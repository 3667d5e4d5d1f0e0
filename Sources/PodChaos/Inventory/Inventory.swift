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
        var missingNamespaces: [String] = []
        if scope.listsAllNamespaces {
            pods = try await listPods(namespace: nil, options: options, criteria: criteria)
            for try await budget in client.listAll(PodDisruptionBudget.self, allNamespaces: true).items { budgets.append(budget) }
        } else {
            let namespaces = scope.included.isEmpty ? [client.config.namespace] : scope.included
            for namespace in namespaces where !scope.excluded.contains(namespace) && !scope.protected.contains(namespace) {
                let listed = try await listPods(namespace: namespace, options: options, criteria: criteria)
                if listed.isEmpty, try await !exists(namespace) { missingNamespaces.append(namespace) }
                pods += listed
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
        return Inventory(candidates: candidates, budgets: DisruptionBudgets(budgets), missingNamespaces: missingNamespaces)
    }

    /// The pods of one namespace (nil: all) matching the server-side selectors. A 400 BadRequest answers the user's
    /// selector (a field the server does not index), so it is reported as that flag's error.
    private func listPods(namespace: String?, options: ListOptions, criteria: SelectionCriteria) async throws -> [Pod] {
        var pods: [Pod] = []
        do {
            let pages =
                namespace.map { client.listAll(Pod.self, namespace: $0, options: options) }
                ?? client.listAll(Pod.self, allNamespaces: true, options: options)
            for try await pod in pages.items { pods.append(pod) }
        } catch let error as KubeAPIError where error.reason == .badRequest {
            let message = error.status?.message ?? "\(error)"
            if let fields = options.fieldSelector {
                throw SelectionError.rejectedByServer(flag: "--field-selector", selector: fields, message: message)
            }
            if let labels = options.labelSelector {
                throw SelectionError.rejectedByServer(flag: "--selector", selector: labels, message: message)
            }
            throw error
        }
        return pods
    }

    /// Whether the namespace exists. Asked only when it listed no pod; a user who may not read namespaces gets the
    /// benefit of the doubt.
    private func exists(_ namespace: String) async throws -> Bool {
        do {
            _ = try await client.get(Namespace.self, name: namespace)
            return true
        } catch let error as KubeAPIError where error.isNotFound {
            return false
        } catch let error as KubeAPIError where error.isForbidden {
            return true
        }
    }
}
