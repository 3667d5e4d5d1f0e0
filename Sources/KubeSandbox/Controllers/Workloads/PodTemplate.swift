/// Pods stamped from a workload's `spec.template`, as the workload controllers create them.
enum PodTemplate {
    /// A new pod: the template's metadata and spec, extra labels, and a controller owner reference to `owner`.
    static func pod(
        from owner: JSONValue, ownerType: ResourceType, name: String? = nil, generateName: String? = nil,
        extraLabels: [String: String] = [:]
    ) -> JSONValue {
        let template = owner[path: ["spec", "template"]] ?? .object([:])
        var metadata = template["metadata"]?.objectValue ?? [:]
        var labels = metadata["labels"]?.objectValue ?? [:]
        for (key, value) in extraLabels { labels[key] = .string(value) }
        metadata["labels"] = .object(labels)
        metadata["name"] = name.map(JSONValue.string)
        metadata["generateName"] = generateName.map(JSONValue.string)
        metadata["namespace"] = owner.namespace.map(JSONValue.string)
        metadata["ownerReferences"] = .array([ownerReference(to: owner, type: ownerType)])
        return .object([
            "apiVersion": .string("v1"), "kind": .string("Pod"), "metadata": .object(metadata), "spec": template["spec"] ?? .object([:]),
        ])
    }

    /// `controller: true, blockOwnerDeletion: true`, as every built-in controller sets on what it creates.
    static func ownerReference(to owner: JSONValue, type: ResourceType) -> JSONValue {
        .object([
            "apiVersion": .string(type.apiVersion), "kind": .string(type.kind), "name": .string(owner.name), "uid": .string(owner.uid),
            "controller": .bool(true), "blockOwnerDeletion": .bool(true),
        ])
    }

    /// Orders pods to delete first when scaling down, as the ReplicaSet controller ranks them: unscheduled before
    /// scheduled, not running before running, not ready before ready, then the youngest.
    static func deletionOrder(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        func rank(_ pod: JSONValue) -> (Int, Int, Int) {
            (pod.nodeName.isEmpty ? 0 : 1, pod.podPhase == "Running" ? 1 : 0, pod.isPodReady ? 1 : 0)
        }
        let (left, right) = (rank(lhs), rank(rhs))
        if left != right { return left < right }
        let leftTime = lhs[path: ["metadata", "creationTimestamp"]]?.stringValue ?? ""
        let rightTime = rhs[path: ["metadata", "creationTimestamp"]]?.stringValue ?? ""
        if leftTime != rightTime { return leftTime > rightTime }
        return lhs.name > rhs.name
    }
}
