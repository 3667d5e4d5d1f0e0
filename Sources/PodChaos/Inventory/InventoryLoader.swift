import KubeAPI

/// Reads the inventory through the API: the only I/O of a selection. Selectors are sent to the server, so only
/// matching pods cross the wire; selection applies them again, so a server that ignores them cannot widen a run.
public struct InventoryLoader: InventorySource {
    let client: KubernetesClient

    public init(client: KubernetesClient) {
        self.client = client
    }

    /// Namespaces listed at once when a run names several.
    static let concurrency = 8

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

        var listings: [NamespaceListing]
        if scope.listsAllNamespaces {
            async let pods = listPods(namespace: nil, options: options, criteria: criteria)
            async let budgets = listBudgets(namespace: nil)
            listings = [NamespaceListing(candidates: try await pods, budgets: try await budgets)]
        } else {
            let namespaces = (scope.included.isEmpty ? [client.config.namespace] : scope.included)
                .filter { !scope.excluded.contains($0) && !scope.protected.contains($0) }
            listings = try await namespaces.concurrentMap(limit: Self.concurrency) { namespace in
                try await listNamespace(namespace, options: options, criteria: criteria)
            }
        }

        var candidates = listings.flatMap(\.candidates)
        let budgets = DisruptionBudgets(listings.flatMap(\.budgets))
        let missing = listings.compactMap(\.missing)
        // `candidates` becomes the only holder of each candidate, so setting its owner below changes it in place.
        listings = []
        let owners = try await OwnerLoader(client: client, clusterWide: scope.listsAllNamespaces)
            .index(for: candidates.lazy.map(\.pod))
        for index in candidates.indices {
            candidates[index].owner = owners.workload(for: candidates[index].pod)
            candidates[index].namespaceLabels = namespaceLabels[candidates[index].namespace] ?? [:]
        }
        return Inventory(candidates: candidates, budgets: budgets, missingNamespaces: missing)
    }

    /// What one namespace (or the whole cluster) holds for a run.
    private struct NamespaceListing: Sendable {
        /// The pods, compacted, without their owners yet.
        var candidates: [Candidate]
        var budgets: [PodDisruptionBudget]
        /// The namespace's name when it does not exist.
        var missing: String?
    }

    private func listNamespace(_ namespace: String, options: ListOptions, criteria: SelectionCriteria) async throws
        -> NamespaceListing
    {
        async let pods = listPods(namespace: namespace, options: options, criteria: criteria)
        async let budgets = listBudgets(namespace: namespace)
        let listed = try await pods
        let missing = listed.isEmpty ? try await !exists(namespace) : false
        return NamespaceListing(candidates: listed, budgets: try await budgets, missing: missing ? namespace : nil)
    }

    private func listBudgets(namespace: String?) async throws -> [PodDisruptionBudget] {
        var budgets: [PodDisruptionBudget] = []
        let pages =
            namespace.map { client.listAll(PodDisruptionBudget.self, namespace: $0) }
            ?? client.listAll(PodDisruptionBudget.self, allNamespaces: true)
        for try await budget in pages.items { budgets.append(budget) }
        return budgets
    }

    /// The pods of one namespace (nil: all) matching the server-side selectors, compacted as they arrive. A 400
    /// BadRequest answers the user's selector (a field the server does not index), so it is reported as that flag's
    /// error.
    private func listPods(namespace: String?, options: ListOptions, criteria: SelectionCriteria) async throws
        -> [Candidate]
    {
        var pods: [Candidate] = []
        var compactor = PodCompactor()
        do {
            let pages =
                namespace.map { client.listAll(Pod.self, namespace: $0, options: options) }
                ?? client.listAll(Pod.self, allNamespaces: true, options: options)
            for try await pod in pages.items { pods.append(Candidate(pod: compactor.compact(pod), owner: nil)) }
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
