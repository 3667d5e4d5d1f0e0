extension ClusterStore {
    /// Replaces an object as PUT does. With `subresource: .status` only `status` changes; without it, `status`
    /// is kept for resources that have a status subresource. A stale `metadata.resourceVersion` answers 409 Conflict.
    public func update(
        _ type: ResourceType, namespace: String?, name: String, _ body: JSONValue, subresource: Subresource? = nil, dryRun: Bool = false
    ) throws(StatusError) -> JSONValue {
        if type.isEventsAPI {
            return try modify(type, namespace: namespace, name: name, subresource: subresource, dryRun: dryRun) { _ in body }
        }
        guard let current = stored(type, namespace: namespace, name: name) else { throw StatusError.notFound(type, name: name) }
        return try replace(type, namespace: namespace, name: name, current: current, with: body, subresource: subresource, dryRun: dryRun)
    }

    /// Reads, transforms and writes one object without another change slipping in between: the basis of PATCH,
    /// and of controllers that update what they just read.
    public func modify(
        _ type: ResourceType, namespace: String?, name: String, subresource: Subresource? = nil, dryRun: Bool = false,
        _ transform: (JSONValue) throws(StatusError) -> JSONValue
    ) throws(StatusError) -> JSONValue {
        if type.isEventsAPI {
            let core = ResourceCatalog.coreEvents
            let updated = try modify(core, namespace: namespace, name: name, subresource: subresource, dryRun: dryRun) {
                current throws(StatusError) in
                EventConversion.toCore(try transform(EventConversion.fromCore(current)))
            }
            return EventConversion.fromCore(updated)
        }
        guard let current = stored(type, namespace: namespace, name: name) else { throw StatusError.notFound(type, name: name) }
        let changed = try transform(current)
        return try replace(
            type, namespace: namespace, name: name, current: current, with: changed, subresource: subresource, dryRun: dryRun)
    }

    func replace(
        _ type: ResourceType, namespace: String?, name: String, current: JSONValue, with body: JSONValue, subresource: Subresource?,
        dryRun: Bool
    ) throws(StatusError) -> JSONValue {
        guard case .object = body else { throw StatusError.badRequest("the body of the request must be a \(type.kind) object") }
        let bodyName = body[path: ["metadata", "name"]]?.stringValue ?? name
        if bodyName != name {
            throw StatusError.badRequest("the name of the object (\(bodyName)) does not match the name on the URL (\(name))")
        }
        if type.namespaced, let bodyNamespace = body[path: ["metadata", "namespace"]]?.stringValue, !bodyNamespace.isEmpty,
            bodyNamespace != namespace
        {
            throw StatusError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }
        if let expected = body[path: ["metadata", "resourceVersion"]]?.stringValue, !expected.isEmpty,
            expected != current[path: ["metadata", "resourceVersion"]]?.stringValue
        {
            throw StatusError.conflict(type, name: name)
        }

        var object: JSONValue
        if subresource == .status {
            object = current
            object["status"] = body["status"]
        } else {
            object = body
            object["kind"] = .string(type.kind)
            object["apiVersion"] = .string(type.apiVersion)
            if type.subresources.contains(.status) { object["status"] = current["status"] }
            for field in ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "namespace", "name"]
            {
                object[path: ["metadata", field]] = current[path: ["metadata", field]]
            }
            ObjectDefaults.apply(type, to: &object)
            let causes = ObjectValidation.causes(for: object, of: type)
            if !causes.isEmpty { throw StatusError.invalid(type, name: name, causes: causes) }
            if type.hasSpec, object["spec"] != current["spec"] {
                let generation = current[path: ["metadata", "generation"]]?.intValue ?? 0
                object[path: ["metadata", "generation"]] = .number(Double(generation + 1))
            }
        }
        object[path: ["metadata", "resourceVersion"]] = current[path: ["metadata", "resourceVersion"]]
        // An update that changes nothing is not written, as the real server skips no-op updates.
        if object == current || dryRun { return object }

        let isTerminating = object[path: ["metadata", "deletionTimestamp"]] != nil
        let finalizers = object[path: ["metadata", "finalizers"]]?.arrayValue ?? []
        if isTerminating && finalizers.isEmpty && !isGracefulPod(type, object) {
            return commit(type, namespace: namespace, name: name, nil, eventType: .deleted)
        }
        return commit(type, namespace: namespace, name: name, object, eventType: .modified)
    }

    /// A pod in its termination grace period: it stays until the kubelet (or `finishTermination`) removes it.
    func isGracefulPod(_ type: ResourceType, _ object: JSONValue) -> Bool {
        type.descriptor.resource == "pods" && (object[path: ["metadata", "deletionGracePeriodSeconds"]]?.intValue ?? 0) > 0
    }
}
