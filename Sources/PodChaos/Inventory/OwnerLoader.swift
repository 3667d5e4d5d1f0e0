import KubeAPI

/// Reads the controllers of a set of pods, and the Deployments of their ReplicaSets, into an `OwnerIndex`. The
/// number of requests depends on the kinds and namespaces involved, not on the number of workloads
/// (`OwnerFetch.plan`), and they run concurrently.
public struct OwnerLoader: Sendable {
    /// Requests in flight at once.
    static let concurrency = 8

    let client: KubernetesClient
    /// Whether owners may be listed across all namespaces: the run reads every namespace.
    let clusterWide: Bool

    public init(client: KubernetesClient, clusterWide: Bool = false) {
        self.client = client
        self.clusterWide = clusterWide
    }

    /// The workload that recreates `pod`, nil when it has no controller.
    public func workload(for pod: Pod) async throws -> Workload? {
        try await index(for: [pod]).workload(for: pod)
    }

    /// The controllers of `pods`: their own, then the Deployments of the ReplicaSets among them.
    public func index(for pods: some Sequence<Pod>) async throws -> OwnerIndex {
        var index = OwnerIndex()
        var listed: Set<OwnerFetch> = []
        var refused: Set<OwnerFetch> = []
        // Inserted one by one: a set made from the whole list would reserve room for every pod, not every owner.
        var needed: Set<OwnerKey> = []
        for pod in pods { if let key = OwnerKey(controllerOf: pod) { needed.insert(key) } }
        var asked = needed
        while true {
            let fetches = OwnerFetch.plan(needed, clusterWide: clusterWide, listed: listed, refused: refused)
            if fetches.isEmpty { return index }
            let wanted = needed
            let results = try await fetches.concurrentMap(limit: Self.concurrency) { fetch in
                try await perform(fetch, needed: wanted)
            }
            for (fetch, result) in zip(fetches, results) {
                index.merge(result.index)
                guard case .list = fetch else { continue }
                if result.refused { refused.insert(fetch) } else { listed.insert(fetch) }
            }
            // Each controller is asked for once: one that is gone stays unknown rather than being asked again.
            needed = index.missingParents.subtracting(asked)
            asked.formUnion(needed)
        }
    }

    /// What one request read; `refused` when a LIST was forbidden and GETs read what was needed instead.
    private struct Outcome: Sendable {
        var index = OwnerIndex()
        var refused = false
    }

    private func perform(_ fetch: OwnerFetch, needed: Set<OwnerKey>) async throws -> Outcome {
        switch fetch {
        case .get(let key):
            do {
                return Outcome(index: try await get(key))
            } catch let error as KubeAPIError where error.isNotFound {
                return Outcome()
            }
        case .list(let kind, let namespace):
            do {
                return Outcome(index: try await list(kind, namespace: namespace))
            } catch let error as KubeAPIError where error.isForbidden {
                // A role that grants get but not list still works, one GET per controller it needs.
                let keys = needed.filter { $0.kind == kind && (namespace == nil || $0.namespace == namespace) }
                var outcome = Outcome(refused: true)
                for key in keys { outcome.index.merge(try await perform(.get(key), needed: needed).index) }
                return outcome
            }
        }
    }

    private func get(_ key: OwnerKey) async throws -> OwnerIndex {
        var index = OwnerIndex()
        switch key.kind {
        case "ReplicaSet": index.insert(try await client.get(ReplicaSet.self, namespace: key.namespace, name: key.name))
        case "Deployment": index.insert(Workload(try await client.get(Deployment.self, namespace: key.namespace, name: key.name)))
        case "StatefulSet": index.insert(Workload(try await client.get(StatefulSet.self, namespace: key.namespace, name: key.name)))
        case "DaemonSet": index.insert(Workload(try await client.get(DaemonSet.self, namespace: key.namespace, name: key.name)))
        case "Job": index.insert(Workload(try await client.get(Job.self, namespace: key.namespace, name: key.name)))
        default: break
        }
        return index
    }

    private func list(_ kind: String, namespace: String?) async throws -> OwnerIndex {
        var index = OwnerIndex()
        switch kind {
        case "ReplicaSet": for try await object in pages(ReplicaSet.self, namespace).items { index.insert(object) }
        case "Deployment": for try await object in pages(Deployment.self, namespace).items { index.insert(Workload(object)) }
        case "StatefulSet": for try await object in pages(StatefulSet.self, namespace).items { index.insert(Workload(object)) }
        case "DaemonSet": for try await object in pages(DaemonSet.self, namespace).items { index.insert(Workload(object)) }
        case "Job": for try await object in pages(Job.self, namespace).items { index.insert(Workload(object)) }
        default: break
        }
        return index
    }

    private func pages<T: KubernetesObject>(_ type: T.Type, _ namespace: String?) -> ListPages<T> {
        namespace.map { client.listAll(T.self, namespace: $0) } ?? client.listAll(T.self, allNamespaces: true)
    }
}
