import Foundation
import KubeAPI

extension ClusterStore {
    /// Lets DELETE of a namespace leave it Terminating for the namespace controller instead of emptying it at once.
    public func setNamespaceControllerRunning(_ running: Bool) {
        namespaceControllerRunning = running
    }

    func markNamespaceTerminating(_ name: String, current: JSONValue, options: SandboxDeleteOptions) -> JSONValue {
        if current.isTerminating { return current }
        var object = current
        object[path: ["metadata", "deletionTimestamp"]] = .string(KubeJSON.formatTimestamp(Date()))
        object[path: ["metadata", "deletionGracePeriodSeconds"]] = .number(0)
        object[path: ["status", "phase"]] = .string("Terminating")
        if options.dryRun { return object }
        return commit(ResourceCatalog.namespaces, namespace: nil, name: name, object, eventType: .modified, deleteOptions: options)
    }

    /// The namespace controller's step: deletes every object left in a Terminating namespace (pods get their grace
    /// period) and removes the namespace once nothing is left. Answers whether the namespace is gone.
    public func emptyTerminatingNamespace(_ namespace: String) throws(StatusError) -> Bool {
        let namespaces = ResourceCatalog.namespaces
        guard let current = stored(namespaces, namespace: nil, name: namespace) else { return true }
        guard current.isTerminating else { return false }
        var remaining = 0
        for type in ResourceCatalog.all where type.namespaced && !type.isEventsAPI {
            let prefix = namespace + "/"
            let names = (collections[type.storageKey] ?? [:]).keys.filter { $0.hasPrefix(prefix) }.map {
                String($0.dropFirst(prefix.count))
            }
            for name in names.sorted() {
                // Events would be recreated by nobody; like other objects they simply go.
                _ = try? delete(type, namespace: namespace, name: name)
                if stored(type, namespace: namespace, name: name) != nil { remaining += 1 }
            }
        }
        guard remaining == 0 else { return false }
        commit(namespaces, namespace: nil, name: namespace, nil, eventType: .deleted)
        return true
    }
}
