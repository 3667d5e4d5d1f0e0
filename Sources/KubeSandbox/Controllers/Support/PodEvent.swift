import Foundation
import KubeAPI

/// A core Event about a pod, as the scheduler and the kubelet record them (`kubectl describe pod` shows them).
enum PodEvent {
    static func record(
        _ type: String, reason: String, message: String, about pod: JSONValue, component: String, host: String? = nil, now: Date
    ) -> ControllerAction {
        let stamp = JSONValue.string(KubeJSON.formatTimestamp(now))
        var source: JSONValue = .object(["component": .string(component)])
        if let host { source["host"] = .string(host) }
        return .create(
            ControlledResources.events, namespace: pod.namespace,
            .object([
                "metadata": .object(["generateName": .string(pod.name + ".")]),
                "involvedObject": .object([
                    "kind": .string("Pod"), "apiVersion": .string("v1"), "name": .string(pod.name),
                    "namespace": pod.namespace.map(JSONValue.string) ?? .null, "uid": .string(pod.uid),
                ]),
                "reason": .string(reason), "message": .string(message), "type": .string(type), "source": source,
                "firstTimestamp": stamp, "lastTimestamp": stamp, "count": .number(1),
            ]))
    }
}
