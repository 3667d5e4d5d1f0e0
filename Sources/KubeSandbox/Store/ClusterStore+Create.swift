import Foundation
import KubeAPI

extension ClusterStore {
    /// Creates an object as POST does: stamps server metadata, validates, and answers 409/404/422/400 like the real server.
    /// - Parameter keepStatus: keep the client's `status` (seeding a demo); the API always resets it.
    public func create(
        _ type: ResourceType, namespace: String?, _ body: JSONValue, dryRun: Bool = false, keepStatus: Bool = false
    ) throws(StatusError) -> JSONValue {
        guard case .object = body else { throw StatusError.badRequest("the body of the request must be a \(type.kind) object") }
        if type.isEventsAPI {
            let core = ResourceCatalog.coreEvents
            return EventConversion.fromCore(
                try create(core, namespace: namespace, EventConversion.toCore(body), dryRun: dryRun, keepStatus: keepStatus))
        }
        var object = body
        object["kind"] = .string(type.kind)
        object["apiVersion"] = .string(type.apiVersion)
        if object["metadata"]?.objectValue == nil { object["metadata"] = .object([:]) }
        let namespace = try resolveNamespace(type, path: namespace, object: &object)
        if let namespace, stored(ResourceCatalog.namespaces, namespace: nil, name: namespace) == nil {
            throw StatusError.notFound(ResourceCatalog.namespaces, name: namespace)
        }
        if let namespace, stored(ResourceCatalog.namespaces, namespace: nil, name: namespace)?.isTerminating == true {
            throw StatusError.namespaceTerminating(type, name: object[path: ["metadata", "name"]]?.stringValue ?? "", namespace: namespace)
        }
        var name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        if name.isEmpty, let prefix = object[path: ["metadata", "generateName"]]?.stringValue, !prefix.isEmpty {
            name = uniqueName(type, namespace: namespace, prefix: prefix)
            object[path: ["metadata", "name"]] = .string(name)
        }
        ObjectDefaults.apply(type, to: &object)
        let causes = ObjectValidation.causes(for: object, of: type)
        if !causes.isEmpty { throw StatusError.invalid(type, name: name, causes: causes) }
        if stored(type, namespace: namespace, name: name) != nil { throw StatusError.alreadyExists(type, name: name) }

        for field in ["uid", "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "creationTimestamp"] {
            object[path: ["metadata", field]] = nil
        }
        object[path: ["metadata", "uid"]] = .string(UUID().uuidString.lowercased())
        object[path: ["metadata", "creationTimestamp"]] = .string(KubeJSON.formatTimestamp(Date()))
        if type.hasSpec { object[path: ["metadata", "generation"]] = .number(1) }
        applyCreateDefaults(type, to: &object, keepStatus: keepStatus)
        if dryRun { return object }
        return commit(type, namespace: namespace, name: name, object, eventType: .added)
    }

    /// The namespace the object lives in: the path's, which the body may repeat but not contradict.
    func resolveNamespace(_ type: ResourceType, path: String?, object: inout JSONValue) throws(StatusError) -> String? {
        guard type.namespaced else {
            object[path: ["metadata", "namespace"]] = nil
            return nil
        }
        let bodyNamespace = object[path: ["metadata", "namespace"]]?.stringValue ?? ""
        let namespace = path ?? (bodyNamespace.isEmpty ? "default" : bodyNamespace)
        if !bodyNamespace.isEmpty && bodyNamespace != namespace {
            throw StatusError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }
        object[path: ["metadata", "namespace"]] = .string(namespace)
        return namespace
    }

    private func uniqueName(_ type: ResourceType, namespace: String?, prefix: String) -> String {
        // The apiserver's alphabet: no vowels or look-alike digits, so generated names never spell words.
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        while true {
            let suffix = String((0..<5).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
            let candidate = String(prefix.prefix(58)) + suffix
            if stored(type, namespace: namespace, name: candidate) == nil { return candidate }
        }
    }

    private func applyCreateDefaults(_ type: ResourceType, to object: inout JSONValue, keepStatus: Bool) {
        switch type.descriptor.resource {
        case "pods":
            if !keepStatus || object["status"] == nil {
                object["status"] = .object(["phase": .string("Pending"), "qosClass": .string("BestEffort")])
            }
        case "namespaces":
            if object[path: ["spec", "finalizers"]] == nil { object[path: ["spec", "finalizers"]] = .array([.string("kubernetes")]) }
            object["status"] = .object(["phase": .string("Active")])
            let name = object[path: ["metadata", "name"]] ?? .null
            object[path: ["metadata", "labels", "kubernetes.io/metadata.name"]] = name
        default:
            if type.subresources.contains(.status) && (!keepStatus || object["status"] == nil) { object["status"] = .object([:]) }
        }
    }
}
