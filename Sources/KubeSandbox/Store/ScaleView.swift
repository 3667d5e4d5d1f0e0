/// The autoscaling/v1 Scale a workload shows through its `scale` subresource.
enum ScaleView {
    static func scale(of parent: JSONValue) -> JSONValue {
        var metadata: [String: JSONValue] = [:]
        for field in ["name", "namespace", "uid", "resourceVersion", "creationTimestamp"] {
            if let value = parent[path: ["metadata", field]] { metadata[field] = value }
        }
        var status: [String: JSONValue] = ["replicas": .number(Double(parent[path: ["status", "replicas"]]?.intValue ?? 0))]
        if let selector = parent[path: ["spec", "selector"]] { status["selector"] = .string(selectorString(selector)) }
        return .object([
            "kind": .string("Scale"), "apiVersion": .string("autoscaling/v1"), "metadata": .object(metadata),
            "spec": .object(["replicas": .number(Double(parent[path: ["spec", "replicas"]]?.intValue ?? 1))]),
            "status": .object(status),
        ])
    }

    /// A LabelSelector in its string form (`app=nginx,tier in (web)`), as Scale.status.selector carries it.
    static func selectorString(_ selector: JSONValue) -> String {
        var parts: [String] = []
        for (key, value) in (selector["matchLabels"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            parts.append("\(key)=\(value.stringValue ?? "")")
        }
        for expression in selector["matchExpressions"]?.arrayValue ?? [] {
            let key = expression["key"]?.stringValue ?? ""
            let values = (expression["values"]?.arrayValue ?? []).compactMap(\.stringValue).sorted().joined(separator: ",")
            switch expression["operator"]?.stringValue ?? "" {
            case "In": parts.append("\(key) in (\(values))")
            case "NotIn": parts.append("\(key) notin (\(values))")
            case "Exists": parts.append(key)
            case "DoesNotExist": parts.append("!\(key)")
            default: continue
            }
        }
        return parts.joined(separator: ",")
    }
}
