import Foundation
import KubeAPI

/// The sandbox's etcd and registry in one actor: every object, the cluster-wide resourceVersion, the bounded
/// event history watches resume from, and the live watchers. HTTP handlers and in-process controllers mutate
/// objects through the same methods, so stamping, validation and watch events never diverge.
public actor ClusterStore {
    /// storageKey → "namespace/name" → object.
    var collections: [String: [String: JSONValue]] = [:]
    var resourceVersion = 100
    var history: [StoredChange] = []
    /// Watches from a resourceVersion at or below this one get 410 Expired: their events were trimmed.
    var compactedThrough = 0
    let historyLimit: Int
    let watchBufferSize: Int
    var watchers: [Int: Watcher] = [:] {
        didSet { publishActiveWatchCount() }
    }
    var nextWatcherID = 0
    /// The readers of `activeWatchCounts()`.
    var watchCountReaders: [AsyncStream<Int>.Continuation] = []
    var snapshots: [Int: ListSnapshot] = [:]
    var snapshotOrder: [Int] = []
    var nextSnapshotID = 0
    /// Consulted before an eviction deletes its pod; a `Sandbox` sets `DisruptionBudgetEvictions`.
    var evictionPolicy: any EvictionPolicy = AllowAllEvictions()
    /// With a namespace controller running, DELETE leaves a namespace Terminating for it to empty; without one
    /// the namespace and its objects go at once.
    var namespaceControllerRunning = false

    /// - Parameters:
    ///   - historyLimit: how many changes watches can resume across before getting 410 Expired.
    ///   - watchBufferSize: how many undelivered events a watcher may fall behind before it is closed.
    public init(historyLimit: Int = 10_000, watchBufferSize: Int = 10_000, defaultNamespaces: [String] = ClusterStore.standardNamespaces) {
        self.historyLimit = max(historyLimit, 1)
        self.watchBufferSize = max(watchBufferSize, 1)
        let now = KubeJSON.formatTimestamp(Date())
        var namespaces: [String: JSONValue] = [:]
        for name in defaultNamespaces {
            resourceVersion += 1
            namespaces["/" + name] = .object([
                "kind": .string("Namespace"), "apiVersion": .string("v1"),
                "metadata": .object([
                    "name": .string(name), "uid": .string(UUID().uuidString.lowercased()),
                    "resourceVersion": .string(String(resourceVersion)), "creationTimestamp": .string(now),
                    "labels": .object(["kubernetes.io/metadata.name": .string(name)]),
                ]),
                "spec": .object(["finalizers": .array([.string("kubernetes")])]),
                "status": .object(["phase": .string("Active")]),
            ])
        }
        collections[ResourceCatalog.namespaces.storageKey] = namespaces
    }

    public static let standardNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"]

    /// The latest resourceVersion handed out.
    public var currentResourceVersion: String { String(resourceVersion) }

    public func setEvictionPolicy(_ policy: any EvictionPolicy) {
        evictionPolicy = policy
    }

    static func key(namespace: String?, name: String) -> String { (namespace ?? "") + "/" + name }

    func stored(_ type: ResourceType, namespace: String?, name: String) -> JSONValue? {
        collections[type.storageKey]?[Self.key(namespace: type.namespaced ? namespace : nil, name: name)]
    }

    /// Stores (or removes, for `nil`) an object under a fresh resourceVersion, records the change and tells watchers.
    @discardableResult
    func commit(
        _ type: ResourceType, namespace: String?, name: String, _ newObject: JSONValue?, eventType: WatchEventType,
        deleteOptions: SandboxDeleteOptions? = nil
    ) -> JSONValue {
        let key = Self.key(namespace: type.namespaced ? namespace : nil, name: name)
        let previous = collections[type.storageKey]?[key]
        resourceVersion += 1
        var object = newObject ?? previous ?? .object([:])
        object[path: ["metadata", "resourceVersion"]] = .string(String(resourceVersion))
        if newObject == nil {
            collections[type.storageKey]?[key] = nil
        } else {
            collections[type.storageKey, default: [:]][key] = object
        }
        let change = StoredChange(
            resourceVersion: resourceVersion, type: type, eventType: eventType, object: object, previous: previous,
            deleteOptions: deleteOptions)
        history.append(change)
        trimHistory()
        deliver(change)
        return object
    }

    private func trimHistory() {
        // Trim in batches so appending stays amortised O(1).
        guard history.count > historyLimit + historyLimit / 4 else { return }
        let excess = history.count - historyLimit
        compactedThrough = history[excess - 1].resourceVersion
        history.removeFirst(excess)
    }
}

/// One committed change, kept in the history watches resume from.
struct StoredChange: Sendable {
    let resourceVersion: Int
    let type: ResourceType
    let eventType: WatchEventType
    let object: JSONValue
    /// The object before the change; nil for ADDED. Lets a filtered watch turn "stopped matching" into DELETED.
    let previous: JSONValue?
    let deleteOptions: SandboxDeleteOptions?
}
