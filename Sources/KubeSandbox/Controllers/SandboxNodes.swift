import Foundation
import KubeAPI

/// The nodes a sandbox starts with: `node-1…N`, Ready, with a kind-like capacity and addresses.
enum SandboxNodes {
    static func node(_ index: Int, now: Date = Date()) -> JSONValue {
        let name = "node-\(index)"
        let stamp = JSONValue.string(KubeJSON.formatTimestamp(now))
        let capacity: JSONValue = .object([
            "cpu": .string("4"), "memory": .string("8Gi"), "pods": .string("110"), "ephemeral-storage": .string("100Gi"),
        ])
        return .object([
            "apiVersion": .string("v1"), "kind": .string("Node"),
            "metadata": .object([
                "name": .string(name),
                "labels": .object([
                    "kubernetes.io/hostname": .string(name), "kubernetes.io/os": .string("linux"),
                    "kubernetes.io/arch": .string("amd64"), "beta.kubernetes.io/os": .string("linux"),
                    "beta.kubernetes.io/arch": .string("amd64"),
                ]),
            ]),
            "spec": .object(["podCIDR": .string("10.244.\(index % 256).0/24"), "podCIDRs": .array([.string("10.244.\(index % 256).0/24")])]
            ),
            "status": .object([
                "capacity": capacity, "allocatable": capacity,
                "conditions": .array([
                    .object([
                        "type": .string("Ready"), "status": .string("True"), "reason": .string("KubeletReady"),
                        "message": .string("kubelet is posting ready status"), "lastHeartbeatTime": stamp, "lastTransitionTime": stamp,
                    ])
                ]),
                "addresses": .array([
                    .object(["type": .string("InternalIP"), "address": .string("172.18.\(index / 250).\(index % 250 + 1)")]),
                    .object(["type": .string("Hostname"), "address": .string(name)]),
                ]),
                "nodeInfo": .object([
                    "kubeletVersion": .string("v1.36.0"), "containerRuntimeVersion": .string("containerd://2.1.0"),
                    "operatingSystem": .string("linux"), "architecture": .string("amd64"), "osImage": .string("podchaosmonkey sandbox"),
                    "kernelVersion": .string("6.8.0"),
                ]),
            ]),
        ])
    }

    /// Creates the nodes that do not exist yet.
    static func seed(_ count: Int, into store: ClusterStore) async {
        guard count > 0 else { return }
        for index in 1...count {
            _ = try? await store.create(ControlledResources.nodes, namespace: nil, node(index), keepStatus: true)
        }
    }
}
