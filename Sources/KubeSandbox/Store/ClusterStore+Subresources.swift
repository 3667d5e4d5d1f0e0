extension ClusterStore {
    /// GET `…/scale`.
    public func scale(_ type: ResourceType, namespace: String?, name: String) throws(StatusError) -> JSONValue {
        guard type.subresources.contains(.scale) else { throw StatusError.pathNotFound() }
        return ScaleView.scale(of: try get(type, namespace: namespace, name: name))
    }

    /// PUT/PATCH `…/scale`: `transform` turns the current Scale into the wanted one; its `spec.replicas` becomes the
    /// parent's. A Scale carrying a stale resourceVersion answers 409 like the parent would.
    public func updateScale(
        _ type: ResourceType, namespace: String?, name: String, dryRun: Bool = false,
        _ transform: (JSONValue) throws(StatusError) -> JSONValue
    ) throws(StatusError) -> JSONValue {
        guard type.subresources.contains(.scale) else { throw StatusError.pathNotFound() }
        let updated = try modify(type, namespace: namespace, name: name, dryRun: dryRun) { parent throws(StatusError) in
            let wanted = try transform(ScaleView.scale(of: parent))
            guard let replicas = wanted[path: ["spec", "replicas"]]?.intValue, replicas >= 0 else {
                throw StatusError.invalid(
                    type, name: name,
                    causes: [
                        .invalidValue(
                            "spec.replicas", value: "\(wanted[path: ["spec", "replicas"]] ?? .null)", "must be a non-negative integer")
                    ])
            }
            var next = parent
            next[path: ["spec", "replicas"]] = .number(Double(replicas))
            if let version = wanted[path: ["metadata", "resourceVersion"]] { next[path: ["metadata", "resourceVersion"]] = version }
            return next
        }
        return ScaleView.scale(of: updated)
    }

    /// POST `pods/NAME/eviction`: asks the eviction policy, then deletes with the eviction's deleteOptions.
    public func evict(namespace: String, name: String, eviction: JSONValue, dryRun: Bool = false) throws(StatusError) {
        let pods = ResourceCatalog.pods
        let pod = try get(pods, namespace: namespace, name: name)
        var options = eviction["deleteOptions"].map(SandboxDeleteOptions.init(json:)) ?? SandboxDeleteOptions()
        options.dryRun = options.dryRun || dryRun
        // A delete that would fail (a stale UID precondition) must not spend a disruption budget first.
        var trial = options
        trial.dryRun = true
        _ = try delete(pods, namespace: namespace, name: name, options: trial)
        try evictionPolicy.admit(eviction: eviction, pod: pod, dryRun: options.dryRun, store: self)
        _ = try delete(pods, namespace: namespace, name: name, options: options)
    }

    /// POST `pods/NAME/binding`: schedules an unscheduled pod onto `target.name`.
    public func bind(namespace: String, name: String, binding: JSONValue, dryRun: Bool = false) throws(StatusError) {
        let pods = ResourceCatalog.pods
        guard let node = binding[path: ["target", "name"]]?.stringValue, !node.isEmpty else {
            throw StatusError.invalid(pods, name: name, causes: [.required("target.name")])
        }
        _ = try modify(pods, namespace: namespace, name: name, dryRun: dryRun) { pod throws(StatusError) in
            if let current = pod[path: ["spec", "nodeName"]]?.stringValue, !current.isEmpty {
                throw StatusError(code: 409, reason: "Conflict", message: "pod \(name) is already assigned to node \"\(current)\"")
            }
            var next = pod
            next[path: ["spec", "nodeName"]] = .string(node)
            return next
        }
    }
}
