import Foundation
import KubeSandbox
import KubeTesting
import Testing

@Suite(.dedicatedThreads) struct ReplicaSetControllerTests {
    @Test(arguments: [0, 1, 4])
    func createsPodsUpToReplicasWithControllerOwnerReference(replicas: Int) async throws {
        let harness = try await ControllerHarness.start([ReplicaSetController()])
        let replicaSet = try await harness.store.create(
            Resources.replicaSets, namespace: "default", Workloads.workload("ReplicaSet", "web", replicas: replicas))
        let pods = try await eventually { () async throws -> [JSONValue]? in
            let pods = try await harness.pods()
            return pods.count == replicas ? pods : nil
        }
        let created = try #require(pods)
        for pod in created {
            #expect(pod.name?.hasPrefix("web-") == true)
            #expect(pod.name?.count == "web-".count + 5)
            #expect(pod[path: ["metadata", "labels", "app"]]?.stringValue == "web")
            let owner = try #require(pod[path: ["metadata", "ownerReferences"]]?.arrayValue?.first)
            #expect(owner["uid"]?.stringValue == replicaSet.uid)
            #expect(owner["controller"]?.boolValue == true)
            #expect(owner["kind"]?.stringValue == "ReplicaSet")
        }
        let status = try await eventually { () async -> JSONValue? in
            let stored = await harness.get(Resources.replicaSets, "web")
            return stored?.statusInt("replicas") == replicas && stored?[path: ["status", "observedGeneration"]]?.intValue == 1
                ? stored : nil
        }
        #expect(status != nil)
        await harness.stop()
    }

    @Test func replacesADeletedPodAndRemovesSurplus() async throws {
        let harness = try await ControllerHarness.start([ReplicaSetController()])
        _ = try await harness.store.create(
            Resources.replicaSets, namespace: "default", Workloads.workload("ReplicaSet", "web", replicas: 3))
        let first = try #require(try await eventually { try await harness.pods().count == 3 ? try await harness.pods() : nil })
        let victim = try #require(first.first?.name)
        _ = try await harness.store.delete(Resources.pods, namespace: "default", name: victim)
        let replaced = try await eventually { () async throws -> [JSONValue]? in
            let pods = try await harness.pods()
            return pods.count == 3 && !pods.contains { $0.name == victim } ? pods : nil
        }
        #expect(replaced != nil)

        _ = try await harness.store.updateScale(Resources.replicaSets, namespace: "default", name: "web") { scale in
            var next = scale
            next[path: ["spec", "replicas"]] = .number(1)
            return next
        }
        #expect(try await eventually { try await harness.pods().count == 1 ? true : nil } == true)
        await harness.stop()
    }

    @Test func aTerminatingPodNoLongerCountsSoItsReplacementComesAtOnce() async throws {
        let harness = try await ControllerHarness.start([ReplicaSetController()])
        var replicaSet = Workloads.workload("ReplicaSet", "web", replicas: 1)
        // Bound to a node, a deleted pod stays Terminating (no kubelet runs here to finish it).
        replicaSet[path: ["spec", "template", "spec", "nodeName"]] = .string("node-1")
        _ = try await harness.store.create(Resources.replicaSets, namespace: "default", replicaSet)
        let original = try #require(try await eventually { try await harness.pods().first })
        _ = try await harness.store.delete(Resources.pods, namespace: "default", name: original.name ?? "")
        let both = try await eventually { () async throws -> [JSONValue]? in
            let pods = try await harness.pods()
            return pods.count == 2 ? pods : nil
        }
        let pods = try #require(both)
        #expect(pods.filter(\.isTerminating).map(\.name) == [original.name])
        #expect(pods.filter { !$0.isTerminating }.count == 1)
        await harness.stop()
    }
}
