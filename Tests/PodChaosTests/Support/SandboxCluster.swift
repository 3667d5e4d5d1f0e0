import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting

/// A sandbox with workloads in a known state, seeded through the API as a cluster's controllers would leave them.
/// The sandbox's controllers are off, so the state is exactly what the test wrote. It is reached in-process
/// (`withInProcessSandbox`): no port, no TLS, the same API semantics.
struct SandboxCluster {
    let sandbox: Sandbox
    let client: KubernetesClient

    /// Runs `body` against a fresh cluster and always stops it. `faultClock` is what latency faults wait on.
    static func with<T>(
        users: [SandboxUser] = [.randomAdmin()], clientOptions: ClientOptions = ClientOptions(qps: 0, retry: RetryPolicy(maxAttempts: 2)),
        faultClock: any Clock<Duration> = ContinuousClock(), _ body: (SandboxCluster) async throws -> T
    ) async throws -> T {
        var options = SandboxOptions(users: users, controllers: false, rbac: true)
        options.faultClock = faultClock
        return try await withInProcessSandbox(options, namespace: "demo", clientOptions: clientOptions) { sandbox, client in
            _ = try await sandbox.load("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n")
            return try await body(SandboxCluster(sandbox: sandbox, client: client))
        }
    }

    /// A Deployment → ReplicaSet → `replicas` Running, Ready pods, all reporting ready.
    @discardableResult
    func deployment(
        _ name: String, replicas: Int, ready: Int? = nil, labels: [String: String]? = nil, namespace: String = "demo"
    ) async throws -> [Pod] {
        let labels = labels ?? ["app": name]
        let deployment = try await create(
            "apps/v1", "Deployment", name,
            ["replicas": .number(Double(replicas)), "selector": .object(["matchLabels": .object(labels.mapValues(JSONValue.string))])],
            labels: labels, namespace: namespace, as: Deployment.self)
        try await setStatus(Deployment.self, name, ["replicas": replicas, "readyReplicas": ready ?? replicas], namespace: namespace)
        let replicaSet = try await create(
            "apps/v1", "ReplicaSet", "\(name)-7d9f8", ["replicas": .number(Double(replicas))], labels: labels,
            owner: OwnerReference(
                apiVersion: "apps/v1", kind: "Deployment", name: name, uid: deployment.metadata.uid ?? "", controller: true),
            namespace: namespace, as: ReplicaSet.self)
        try await setStatus(
            ReplicaSet.self, replicaSet.name, ["replicas": replicas, "readyReplicas": ready ?? replicas], namespace: namespace)
        let owner = OwnerReference(
            apiVersion: "apps/v1", kind: "ReplicaSet", name: replicaSet.name, uid: replicaSet.metadata.uid ?? "", controller: true)
        var pods: [Pod] = []
        for index in 0..<replicas {
            pods.append(try await runningPod("\(replicaSet.name)-\(index)", labels: labels, owner: owner, namespace: namespace))
        }
        return pods
    }

    /// A namespace of its own, for runs over several.
    func namespace(_ name: String) async throws {
        _ = try await sandbox.load("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: \(name)\n")
    }

    /// A StatefulSet with ordinal pods.
    @discardableResult
    func statefulSet(_ name: String, replicas: Int) async throws -> [Pod] {
        let labels = ["app": name]
        let set = try await create(
            "apps/v1", "StatefulSet", name,
            ["replicas": .number(Double(replicas)), "selector": .object(["matchLabels": .object(labels.mapValues(JSONValue.string))])],
            labels: labels, as: StatefulSet.self)
        try await setStatus(StatefulSet.self, name, ["replicas": replicas, "readyReplicas": replicas])
        let owner = OwnerReference(apiVersion: "apps/v1", kind: "StatefulSet", name: name, uid: set.metadata.uid ?? "", controller: true)
        var pods: [Pod] = []
        for index in 0..<replicas { pods.append(try await runningPod("\(name)-\(index)", labels: labels, owner: owner)) }
        return pods
    }

    /// A scheduled pod that reports Running and Ready.
    @discardableResult
    func runningPod(_ name: String, labels: [String: String], owner: OwnerReference?, namespace: String = "demo") async throws -> Pod {
        var meta = ObjectMeta(name: name, namespace: namespace, labels: labels)
        meta.ownerReferences = owner.map { [$0] }
        let pod = Pod(metadata: meta, spec: PodSpec(nodeName: "node-1", containers: [Container(name: "app", image: "nginx")]))
        _ = try await client.create(pod, namespace: namespace)
        let status = #"{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}"#
        return try await client.patch(
            Pod.self, namespace: namespace, name: name, subresource: "status", patch: .merge(Data(status.utf8)), returning: Pod.self)
    }

    /// A PodDisruptionBudget whose status allows `allowed` disruptions.
    func budget(_ name: String, selector: [String: String], allowed: Int) async throws {
        let spec: [String: JSONValue] = [
            "minAvailable": .number(1), "selector": .object(["matchLabels": .object(selector.mapValues(JSONValue.string))]),
        ]
        _ = try await create("policy/v1", "PodDisruptionBudget", name, spec, labels: [:], as: PodDisruptionBudget.self)
        try await setStatus(
            PodDisruptionBudget.self, name,
            ["disruptionsAllowed": allowed, "currentHealthy": 3, "desiredHealthy": 3 - allowed, "expectedPods": 3])
    }

    private func create<T: KubernetesObject>(
        _ apiVersion: String, _ kind: String, _ name: String, _ spec: [String: JSONValue], labels: [String: String],
        owner: OwnerReference? = nil, namespace: String = "demo", as type: T.Type
    ) async throws -> T {
        var metadata: [String: JSONValue] = [
            "name": .string(name), "namespace": .string(namespace), "labels": .object(labels.mapValues(JSONValue.string)),
        ]
        if let owner { metadata["ownerReferences"] = .array([try JSONValue(encoding: owner)]) }
        let object: JSONValue = .object([
            "apiVersion": .string(apiVersion), "kind": .string(kind), "metadata": .object(metadata), "spec": .object(spec),
        ])
        return try await client.create(try object.decode(as: T.self), namespace: namespace)
    }

    private func setStatus<T: KubernetesObject>(_ type: T.Type, _ name: String, _ fields: [String: Int], namespace: String = "demo")
        async throws
    {
        let body = try JSONSerialization.data(withJSONObject: ["status": fields])
        _ = try await client.patch(type, namespace: namespace, name: name, subresource: "status", patch: .merge(body), returning: T.self)
    }
}
