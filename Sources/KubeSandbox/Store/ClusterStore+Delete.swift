import Foundation
import KubeAPI

extension ClusterStore {
    /// Deletes as DELETE does and answers the object's last state. A scheduled pod with a grace period is only
    /// marked (deletionTimestamp, deletionGracePeriodSeconds) and stays Terminating until `finishTermination`;
    /// an object with finalizers stays until they are removed; a namespace takes its objects with it.
    public func delete(_ type: ResourceType, namespace: String?, name: String, options: SandboxDeleteOptions = SandboxDeleteOptions())
        throws(StatusError) -> JSONValue
    {
        if type.isEventsAPI {
            return EventConversion.fromCore(try delete(ResourceCatalog.coreEvents, namespace: namespace, name: name, options: options))
        }
        guard let current = stored(type, namespace: namespace, name: name) else { throw StatusError.notFound(type, name: name) }
        try checkPreconditions(type, name: name, current: current, options: options)

        if type.descriptor.resource == "pods" {
            let requested =
                options.gracePeriodSeconds ?? current[path: ["metadata", "deletionGracePeriodSeconds"]]?.intValue
                ?? current[path: ["spec", "terminationGracePeriodSeconds"]]?.intValue ?? 30
            // As the real pod strategy does, a negative period means 1 second; the cap keeps the timestamp representable.
            let grace = requested < 0 ? 1 : min(requested, Self.maximumGracePeriodSeconds)
            let scheduled = !(current[path: ["spec", "nodeName"]]?.stringValue ?? "").isEmpty
            if scheduled && grace > 0 {
                return try markTerminating(type, namespace: namespace, name: name, current: current, grace: grace, options: options)
            }
        } else if !(current[path: ["metadata", "finalizers"]]?.arrayValue ?? []).isEmpty {
            return try markTerminating(type, namespace: namespace, name: name, current: current, grace: 0, options: options)
        }
        if type == ResourceCatalog.namespaces && namespaceControllerRunning {
            return markNamespaceTerminating(name, current: current, options: options)
        }
        if options.dryRun { return current }
        if type == ResourceCatalog.namespaces { removeContents(ofNamespace: name, options: options) }
        return commit(type, namespace: namespace, name: name, nil, eventType: .deleted, deleteOptions: options)
    }

    static let maximumGracePeriodSeconds = 10 * 365 * 24 * 3600

    /// Removes a Terminating pod (or any object) at once: what the kubelet does when its containers have stopped.
    @discardableResult
    public func finishTermination(_ type: ResourceType = ResourceCatalog.pods, namespace: String?, name: String) throws(StatusError)
        -> JSONValue
    {
        guard stored(type, namespace: namespace, name: name) != nil else { throw StatusError.notFound(type, name: name) }
        return commit(type, namespace: namespace, name: name, nil, eventType: .deleted)
    }

    private func checkPreconditions(_ type: ResourceType, name: String, current: JSONValue, options: SandboxDeleteOptions)
        throws(StatusError)
    {
        let uid = current[path: ["metadata", "uid"]]?.stringValue ?? ""
        if let expected = options.preconditionUID, expected != uid {
            throw StatusError.preconditionFailed(type, name: name, field: "uid", expected: expected, actual: uid)
        }
        let version = current[path: ["metadata", "resourceVersion"]]?.stringValue ?? ""
        if let expected = options.preconditionResourceVersion, expected != version {
            throw StatusError.preconditionFailed(type, name: name, field: "resourceVersion", expected: expected, actual: version)
        }
    }

    private func markTerminating(
        _ type: ResourceType, namespace: String?, name: String, current: JSONValue, grace: Int, options: SandboxDeleteOptions
    ) throws(StatusError) -> JSONValue {
        let existingGrace = current[path: ["metadata", "deletionGracePeriodSeconds"]]?.intValue
        // A second delete may shorten the grace period, never extend it.
        if current[path: ["metadata", "deletionTimestamp"]] != nil, let existingGrace, existingGrace <= grace { return current }
        var object = current
        object[path: ["metadata", "deletionTimestamp"]] = .string(KubeJSON.formatTimestamp(Date().addingTimeInterval(Double(grace))))
        object[path: ["metadata", "deletionGracePeriodSeconds"]] = .number(Double(grace))
        if options.dryRun { return object }
        return commit(type, namespace: namespace, name: name, object, eventType: .modified, deleteOptions: options)
    }

    private func removeContents(ofNamespace namespace: String, options: SandboxDeleteOptions) {
        for type in ResourceCatalog.all where type.namespaced && !type.isEventsAPI {
            let prefix = namespace + "/"
            let names = (collections[type.storageKey] ?? [:]).keys.filter { $0.hasPrefix(prefix) }.sorted()
            for key in names {
                commit(
                    type, namespace: namespace, name: String(key.dropFirst(prefix.count)), nil, eventType: .deleted, deleteOptions: options)
            }
        }
    }
}
