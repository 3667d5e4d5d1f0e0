import Foundation
import KubeSandbox
import KubeTesting
import Testing

@Suite(.dedicatedThreads) struct GarbageCollectorTests {
    private func ownedPod(_ name: String, owner: JSONValue) -> JSONValue {
        var pod = Objects.pod(name)
        pod[path: ["metadata", "ownerReferences"]] = .array([
            .object([
                "apiVersion": .string("apps/v1"), "kind": .string("ReplicaSet"), "name": owner.name.map(JSONValue.string) ?? .null,
                "uid": owner.uid.map(JSONValue.string) ?? .null, "controller": .bool(true),
            ])
        ])
        return pod
    }

    @Test(arguments: [nil, "Background", "Foreground"])
    func deletingAnOwnerDeletesItsDependents(policy: String?) async throws {
        let harness = try await ControllerHarness.start([GarbageCollector()])
        let owner = try await harness.store.create(
            Resources.replicaSets, namespace: "default", Workloads.workload("ReplicaSet", "web", replicas: 2))
        for name in ["web-a", "web-b"] {
            _ = try await harness.store.create(Resources.pods, namespace: "default", ownedPod(name, owner: owner))
        }
        _ = try await harness.store.create(Resources.pods, namespace: "default", Objects.pod("bystander"))
        _ = try await harness.store.delete(
            Resources.replicaSets, namespace: "default", name: "web", options: SandboxDeleteOptions(propagationPolicy: policy))
        let left = try await eventually { () async throws -> [String]? in
            let names = try await harness.pods().compactMap(\.name)
            return names.count == 1 ? names : nil
        }
        #expect(left == ["bystander"])
        await harness.stop()
    }

    @Test func orphanLeavesDependentsWithoutTheOwnerReference() async throws {
        let harness = try await ControllerHarness.start([GarbageCollector()])
        let owner = try await harness.store.create(
            Resources.replicaSets, namespace: "default", Workloads.workload("ReplicaSet", "web", replicas: 1))
        _ = try await harness.store.create(Resources.pods, namespace: "default", ownedPod("web-a", owner: owner))
        _ = try await harness.store.delete(
            Resources.replicaSets, namespace: "default", name: "web", options: SandboxDeleteOptions(propagationPolicy: "Orphan"))
        let orphan = try await eventually { () async -> JSONValue? in
            let pod = await harness.get(Resources.pods, "web-a")
            return pod?[path: ["metadata", "ownerReferences"]] == nil ? pod : nil
        }
        #expect(orphan != nil)
        await harness.stop()
    }
}

@Suite(.dedicatedThreads) struct CascadingDeletionTests {
    @Test func deletingADeploymentRemovesItsReplicaSetsAndTheirPods() async throws {
        let harness = try await ControllerHarness.start([GarbageCollector(), DeploymentController(), ReplicaSetController()])
        _ = try await harness.store.create(
            Resources.deployments, namespace: "default", Workloads.workload("Deployment", "web", replicas: 2))
        _ = try await eventually { try await harness.pods().count == 2 ? true : nil }
        _ = try await harness.store.delete(
            Resources.deployments, namespace: "default", name: "web", options: SandboxDeleteOptions(propagationPolicy: "Background"))
        let empty = try await eventually { () async throws -> Bool? in
            let replicaSets = try await harness.store.list(Resources.replicaSets, filter: .everything).items
            let pods = try await harness.pods()
            return replicaSets.isEmpty && pods.isEmpty ? true : nil
        }
        #expect(empty == true)
        await harness.stop()
    }
}
