import Foundation
import KubeSandbox
import KubeTesting
import Testing

@Suite(.dedicatedThreads) struct StatefulSetControllerTests {
    private let controllers: [any Controller] = [
        StatefulSetController(), SchedulerController(), KubeletController(timings: ControllerHarness.fastTimings),
    ]

    @Test(arguments: ["OrderedReady", "Parallel"])
    func createsOrdinalPodsAndReportsStatus(policy: String) async throws {
        let harness = try await ControllerHarness.start(controllers)
        _ = try await harness.store.create(
            Resources.statefulSets, namespace: "default",
            Workloads.workload(
                "StatefulSet", "db", replicas: 3, extraSpec: ["podManagementPolicy": .string(policy), "serviceName": .string("db")]))
        let ready = try await eventually { () async -> JSONValue? in
            let stored = await harness.get(Resources.statefulSets, "db")
            return stored?.statusInt("readyReplicas") == 3 ? stored : nil
        }
        let statefulSet = try #require(ready)
        #expect(statefulSet.statusInt("replicas") == 3)
        #expect(statefulSet.statusInt("currentReplicas") == 3)
        #expect(statefulSet.statusInt("updatedReplicas") == 3)
        let pods = try await harness.pods()
        #expect(Set(pods.compactMap(\.name)) == ["db-0", "db-1", "db-2"])
        let first = try #require(pods.first { $0.name == "db-0" })
        #expect(first[path: ["metadata", "labels", "statefulset.kubernetes.io/pod-name"]]?.stringValue == "db-0")
        #expect(first[path: ["spec", "hostname"]]?.stringValue == "db-0")
        #expect(first[path: ["spec", "subdomain"]]?.stringValue == "db")
        await harness.stop()
    }

    @Test func aDeletedPodComesBackUnderTheSameNameWithANewUIDAfterTheOldIsGone() async throws {
        let harness = try await ControllerHarness.start(controllers)
        _ = try await harness.store.create(
            Resources.statefulSets, namespace: "default",
            Workloads.workload("StatefulSet", "db", replicas: 2, extraSpec: ["podManagementPolicy": .string("Parallel")]))
        let original = try #require(
            try await eventually { () async -> JSONValue? in
                let pod = await harness.get(Resources.pods, "db-1")
                return pod?.isReady == true ? pod : nil
            })
        let subscription = try await harness.store.watch(Resources.pods, filter: ObjectFilter(namespace: "default"), from: .now)
        _ = try await harness.store.delete(Resources.pods, namespace: "default", name: "db-1")
        let replacement = try #require(
            try await eventually { () async -> JSONValue? in
                let pod = await harness.get(Resources.pods, "db-1")
                return pod.map { $0.uid != original.uid && $0.isReady } == true ? pod : nil
            })
        #expect(replacement.uid != original.uid)
        await harness.store.stopWatch(subscription.id)
        // The old pod's DELETED event comes before the new one's ADDED: never two pods of one name.
        var order: [String] = []
        for await event in subscription.events where event.object.name == "db-1" {
            if event.type == .deleted { order.append("deleted \(event.object.uid ?? "")") }
            if event.type == .added { order.append("added \(event.object.uid ?? "")") }
        }
        #expect(order == ["deleted \(original.uid ?? "")", "added \(replacement.uid ?? "")"])
        await harness.stop()
    }

    @Test func scalingDownRemovesTheHighestOrdinals() async throws {
        let harness = try await ControllerHarness.start(controllers)
        _ = try await harness.store.create(
            Resources.statefulSets, namespace: "default",
            Workloads.workload("StatefulSet", "db", replicas: 3, extraSpec: ["podManagementPolicy": .string("Parallel")]))
        _ = try await eventually { try await harness.pods().count == 3 ? true : nil }
        _ = try await harness.store.updateScale(Resources.statefulSets, namespace: "default", name: "db") { scale in
            var next = scale
            next[path: ["spec", "replicas"]] = .number(1)
            return next
        }
        let remaining = try await eventually { () async throws -> [String]? in
            let names = try await harness.pods().compactMap(\.name)
            return names.count == 1 ? names : nil
        }
        #expect(remaining == ["db-0"])
        await harness.stop()
    }
}
