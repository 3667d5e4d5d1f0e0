import KubeAPI

/// A pod as selection sees it: the pod, its resolved workload, and its namespace's labels.
///
/// A run copies its candidates into several arrays (the inventory, the seed's shuffle, selection's stages, the plan),
/// so a candidate is held by reference: a copy is one pointer, not the half kilobyte a `Pod` and its `Workload` take
/// inline. Setting a property copies the storage first unless this candidate is its only holder, so a candidate still
/// behaves as a value.
public struct Candidate: Sendable, Hashable {
    private var storage: Storage

    public init(pod: Pod, owner: Workload?, namespaceLabels: [String: String] = [:]) {
        self.storage = Storage(pod: pod, owner: owner, namespaceLabels: namespaceLabels)
    }

    // Read in place (`_read`): a getter would copy the whole pod, 392 bytes and some twenty references, each time a
    // filter or a sort looks at one field of it.
    public var pod: Pod {
        _read { yield storage.pod }
        set { uniqueStorage().pod = newValue }
    }

    public var owner: Workload? {
        _read { yield storage.owner }
        set { uniqueStorage().owner = newValue }
    }

    public var namespaceLabels: [String: String] {
        _read { yield storage.namespaceLabels }
        set { uniqueStorage().namespaceLabels = newValue }
    }

    private mutating func uniqueStorage() -> Storage {
        if !isKnownUniquelyReferenced(&storage) {
            storage = Storage(pod: storage.pod, owner: storage.owner, namespaceLabels: storage.namespaceLabels)
        }
        return storage
    }

    public var namespace: String { pod.metadata.namespace ?? "" }
    public var name: String { pod.metadata.name ?? "" }
    public var uid: String { pod.metadata.uid ?? "" }
    /// `namespace/name`, unique within the cluster.
    public var key: String { "\(namespace)/\(name)" }

    public static func == (lhs: Candidate, rhs: Candidate) -> Bool {
        lhs.storage === rhs.storage
            || (lhs.pod == rhs.pod && lhs.owner == rhs.owner && lhs.namespaceLabels == rhs.namespaceLabels)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(pod)
        hasher.combine(owner)
        hasher.combine(namespaceLabels)
    }

    /// Mutated only through `uniqueStorage()`, by the one candidate that holds it: never while shared.
    private final class Storage: @unchecked Sendable {
        var pod: Pod
        var owner: Workload?
        var namespaceLabels: [String: String]

        init(pod: Pod, owner: Workload?, namespaceLabels: [String: String]) {
            self.pod = pod
            self.owner = owner
            self.namespaceLabels = namespaceLabels
        }
    }
}
