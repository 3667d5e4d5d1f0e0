import Foundation
import KubeSandbox
import KubeTesting
import Testing

@Suite(.dedicatedThreads) struct DaemonSetControllerTests {
    @Test func runsOnePodOnEveryReadyNodeItsSelectorAdmits() async throws {
        let nodes = [
            ControllerHarness.node("node-1", labels: ["disk": "ssd"]), ControllerHarness.node("node-2", labels: ["disk": "ssd"]),
            ControllerHarness.node("node-3", labels: ["disk": "hdd"]),
            ControllerHarness.node("node-4", labels: ["disk": "ssd"], ready: false),
        ]
        let harness = try await ControllerHarness.start(
            [DaemonSetController(), KubeletController(timings: ControllerHarness.fastTimings)], nodes: nodes)
        _ = try await harness.store.create(
            Resources.daemonSets, namespace: "default",
            Workloads.workload("DaemonSet", "agent", replicas: nil, nodeSelector: ["disk": "ssd"]))
        let settled = try await eventually { () async -> JSONValue? in
            let stored = await harness.get(Resources.daemonSets, "agent")
            return stored?.statusInt("numberReady") == 2 ? stored : nil
        }
        let daemonSet = try #require(settled)
        #expect(daemonSet.statusInt("desiredNumberScheduled") == 2)
        #expect(daemonSet.statusInt("currentNumberScheduled") == 2)
        #expect(daemonSet.statusInt("numberAvailable") == 2)
        let pods = try await harness.pods()
        #expect(pods.compactMap(\.nodeName).sorted() == ["node-1", "node-2"])

        // A node that becomes Ready gets its pod.
        _ = try await harness.store.modify(Resources.nodes, namespace: nil, name: "node-4", subresource: .status) { node in
            var next = node
            next[path: ["status", "conditions"]] = .array([.object(["type": .string("Ready"), "status": .string("True")])])
            return next
        }
        let spread = try await eventually { () async throws -> [String]? in
            let nodes = try await harness.pods().compactMap(\.nodeName).sorted()
            return nodes.count == 3 ? nodes : nil
        }
        #expect(spread == ["node-1", "node-2", "node-4"])
        await harness.stop()
    }
}
