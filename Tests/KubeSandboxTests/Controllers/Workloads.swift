import KubeSandbox

/// Workload manifests for controller tests.
enum Workloads {
    static func template(
        app: String, annotations: [String: String] = [:], image: String = "nginx:1.27", nodeSelector: [String: String] = [:]
    )
        -> JSONValue
    {
        var spec: JSONValue = .object(["containers": .array([.object(["name": .string("app"), "image": .string(image)])])])
        if !nodeSelector.isEmpty { spec["nodeSelector"] = .object(nodeSelector.mapValues { .string($0) }) }
        return .object([
            "metadata": .object([
                "labels": .object(["app": .string(app)]), "annotations": .object(annotations.mapValues { .string($0) }),
            ]),
            "spec": spec,
        ])
    }

    static func workload(
        _ kind: String, _ name: String, replicas: Int? = 3, annotations: [String: String] = [:], image: String = "nginx:1.27",
        nodeSelector: [String: String] = [:], extraSpec: [String: JSONValue] = [:]
    ) -> JSONValue {
        var spec: [String: JSONValue] = [
            "selector": .object(["matchLabels": .object(["app": .string(name)])]),
            "template": template(app: name, annotations: annotations, image: image, nodeSelector: nodeSelector),
        ]
        if let replicas { spec["replicas"] = .number(Double(replicas)) }
        for (key, value) in extraSpec { spec[key] = value }
        return .object([
            "apiVersion": .string("apps/v1"), "kind": .string(kind),
            "metadata": .object(["name": .string(name), "namespace": .string("default")]), "spec": .object(spec),
        ])
    }

    static func service(_ name: String, selector: [String: String], port: Int = 80, targetPort: JSONValue = .number(8080)) -> JSONValue {
        .object([
            "apiVersion": .string("v1"), "kind": .string("Service"),
            "metadata": .object(["name": .string(name), "namespace": .string("default")]),
            "spec": .object([
                "selector": .object(selector.mapValues { .string($0) }),
                "ports": .array([.object(["name": .string("http"), "port": .number(Double(port)), "targetPort": targetPort])]),
            ]),
        ])
    }
}
