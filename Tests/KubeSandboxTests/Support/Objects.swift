import Foundation
import KubeSandbox

/// Small object builders for tests that create objects in-process.
enum Objects {
    static func pod(_ name: String, namespace: String = "default", labels: [String: String] = [:], node: String? = nil) -> JSONValue {
        var spec: [String: JSONValue] = ["containers": .array([.object(["name": .string("c"), "image": .string("nginx:1.27")])])]
        if let node { spec["nodeName"] = .string(node) }
        return .object([
            "apiVersion": .string("v1"), "kind": .string("Pod"),
            "metadata": .object([
                "name": .string(name), "namespace": .string(namespace), "labels": .object(labels.mapValues { .string($0) }),
            ]),
            "spec": .object(spec),
        ])
    }

    static func deployment(_ name: String, namespace: String = "default", replicas: Int = 3) -> JSONValue {
        .object([
            "apiVersion": .string("apps/v1"), "kind": .string("Deployment"),
            "metadata": .object(["name": .string(name), "namespace": .string(namespace)]),
            "spec": .object([
                "replicas": .number(Double(replicas)),
                "selector": .object(["matchLabels": .object(["app": .string(name)])]),
                "template": .object([
                    "metadata": .object(["labels": .object(["app": .string(name)])]),
                    "spec": .object(["containers": .array([.object(["name": .string("c"), "image": .string("nginx")])])]),
                ]),
            ]),
        ])
    }

    static func namespace(_ name: String) -> JSONValue {
        .object(["apiVersion": .string("v1"), "kind": .string("Namespace"), "metadata": .object(["name": .string(name)])])
    }
}

extension JSONValue {
    var name: String? { self[path: ["metadata", "name"]]?.stringValue }
    var resourceVersion: Int? { self[path: ["metadata", "resourceVersion"]]?.stringValue.flatMap { Int($0) } }
}
