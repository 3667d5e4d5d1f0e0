import Foundation
import KubeSandbox
import KubeTesting
import Testing

@Suite(.dedicatedThreads) struct DeploymentControllerTests {
    private static let workloadControllers: [any Controller] = [
        DeploymentController(), ReplicaSetController(), SchedulerController(), KubeletController(timings: ControllerHarness.fastTimings),
    ]

    private func replicaSets(_ harness: ControllerHarness) async throws -> [JSONValue] {
        try await harness.store.list(Resources.replicaSets, filter: ObjectFilter(namespace: "default")).items
    }

    @Test func createsAReplicaSetNamedAfterThePodTemplateHash() async throws {
        let harness = try await ControllerHarness.start([DeploymentController()])
        let deployment = try await harness.store.create(
            Resources.deployments, namespace: "default", Workloads.workload("Deployment", "web", replicas: 2))
        let replicaSet = try #require(try await eventually { try await replicaSets(harness).first })
        let name = try #require(replicaSet.name)
        let hash = try #require(replicaSet[path: ["metadata", "labels", "pod-template-hash"]]?.stringValue)
        #expect(name == "web-\(hash)")
        #expect(hash.count <= 10 && !hash.isEmpty)
        #expect(hash.allSatisfy { $0.isLowercase || $0.isNumber })
        #expect(replicaSet[path: ["spec", "selector", "matchLabels", "pod-template-hash"]]?.stringValue == hash)
        #expect(replicaSet[path: ["spec", "template", "metadata", "labels", "pod-template-hash"]]?.stringValue == hash)
        #expect(replicaSet[path: ["spec", "replicas"]]?.intValue == 2)
        let owner = try #require(replicaSet[path: ["metadata", "ownerReferences"]]?.arrayValue?.first)
        #expect(owner["uid"]?.stringValue == deployment.uid)
        #expect(owner["controller"]?.boolValue == true)
        #expect(owner["blockOwnerDeletion"]?.boolValue == true)
        await harness.stop()
    }

    @Test func theSameTemplateGetsTheSameHashInAnotherDeployment() async throws {
        let harness = try await ControllerHarness.start([DeploymentController()])
        var other = Workloads.workload("Deployment", "web", replicas: 2)
        other[path: ["metadata", "namespace"]] = .string("kube-public")
        _ = try await harness.store.create(
            Resources.deployments, namespace: "default", Workloads.workload("Deployment", "web", replicas: 2))
        _ = try await harness.store.create(Resources.deployments, namespace: "kube-public", other)
        let names = try await eventually { () async throws -> [String]? in
            let all = try await harness.store.list(Resources.replicaSets, filter: .everything).items.compactMap(\.name)
            return all.count == 2 ? all : nil
        }
        let both = try #require(names)
        #expect(Set(both).count == 1)
        await harness.stop()
    }

    @Test func statusFollowsThePodsAndScalingToZeroAndBack() async throws {
        let harness = try await ControllerHarness.start(Self.workloadControllers)
        _ = try await harness.store.create(
            Resources.deployments, namespace: "default", Workloads.workload("Deployment", "web", replicas: 3))
        let ready = try await eventually { () async -> JSONValue? in
            let stored = await harness.get(Resources.deployments, "web")
            return stored?.statusInt("availableReplicas") == 3 ? stored : nil
        }
        let deployment = try #require(ready)
        #expect(deployment.statusInt("replicas") == 3)
        #expect(deployment.statusInt("readyReplicas") == 3)
        #expect(deployment.statusInt("updatedReplicas") == 3)
        #expect(deployment.statusInt("unavailableReplicas") == 0)
        #expect(deployment.statusInt("observedGeneration") == 1)
        #expect(deployment.condition("Available")?["status"]?.stringValue == "True")
        #expect(deployment.condition("Progressing")?["reason"]?.stringValue == "NewReplicaSetAvailable")

        for replicas in [0, 2] {
            _ = try await harness.store.updateScale(Resources.deployments, namespace: "default", name: "web") { scale in
                var next = scale
                next[path: ["spec", "replicas"]] = .number(Double(replicas))
                return next
            }
            let settled = try await eventually { () async throws -> Bool? in
                let deployment = await harness.get(Resources.deployments, "web")
                let live = try await harness.pods().filter { !$0.isTerminating && $0.isReady }
                return live.count == replicas && deployment?.statusInt("availableReplicas") == replicas ? true : nil
            }
            #expect(settled == true, "scaled to \(replicas)")
        }
        await harness.stop()
    }

    @Test func aTemplateChangeRollsOutANewReplicaSetAndRetiresTheOld() async throws {
        let harness = try await ControllerHarness.start(Self.workloadControllers)
        _ = try await harness.store.create(
            Resources.deployments, namespace: "default", Workloads.workload("Deployment", "web", replicas: 2))
        let firstName = try #require(try await eventually { try await replicaSets(harness).first?.name })
        _ = try await harness.store.modify(Resources.deployments, namespace: "default", name: "web") { deployment in
            var next = deployment
            next[path: ["spec", "template", "spec", "containers"]] = .array([
                .object(["name": .string("app"), "image": .string("nginx:1.28")])
            ])
            return next
        }
        let rolledOut = try await eventually { () async throws -> Bool? in
            let sets = try await replicaSets(harness)
            let old = sets.first { $0.name == firstName }
            let new = sets.first { $0.name != firstName }
            let pods = try await harness.pods().filter { !$0.isTerminating }
            let onNewImage = pods.filter {
                $0[path: ["spec", "containers"]]?.arrayValue?.first?["image"]?.stringValue == "nginx:1.28" && $0.isReady
            }
            return old?[path: ["spec", "replicas"]]?.intValue == 0 && new?[path: ["spec", "replicas"]]?.intValue == 2
                && onNewImage.count == 2 && pods.count == 2 ? true : nil
        }
        #expect(rolledOut == true)
        let deployment = try #require(await harness.get(Resources.deployments, "web"))
        #expect(deployment.statusInt("observedGeneration") == 2)
        await harness.stop()
    }
}
