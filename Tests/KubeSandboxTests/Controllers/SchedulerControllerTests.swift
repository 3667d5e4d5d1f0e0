import Foundation
import KubeSandbox
import KubeTesting
import Testing

@Suite(.dedicatedThreads) struct SchedulerControllerTests {
    @Test func bindsToTheLeastLoadedReadyNodeWithPodScheduled() async throws {
        let harness = try await ControllerHarness.start([SchedulerController()])
        for index in 0..<6 {
            _ = try await harness.store.create(Resources.pods, namespace: "default", Objects.pod("p\(index)"))
        }
        // Binding, the status write and the event are separate writes: wait for the last of them.
        let settled = try await eventually { () async throws -> ([JSONValue], [JSONValue])? in
            let pods = try await harness.pods()
            let events = try await harness.store.list(Resources.events, filter: ObjectFilter(namespace: "default")).items
            let done = pods.allSatisfy { $0.nodeName != nil && $0.condition("PodScheduled") != nil } && events.count >= pods.count
            return done ? (pods, events) : nil
        }
        let (pods, events) = try #require(settled)
        let perNode = Dictionary(grouping: pods.compactMap(\.nodeName), by: { $0 }).mapValues(\.count)
        #expect(perNode == ["node-1": 2, "node-2": 2, "node-3": 2])
        for pod in pods {
            #expect(pod.condition("PodScheduled")?["status"]?.stringValue == "True")
            let scheduled = events.filter { $0[path: ["involvedObject", "name"]] == pod["metadata"]?["name"] }
            #expect(scheduled.map { $0["reason"]?.stringValue } == ["Scheduled"])
            #expect(scheduled.first?["message"]?.stringValue == "Successfully assigned default/\(pod.name ?? "") to \(pod.nodeName ?? "")")
        }
        await harness.stop()
    }

    struct UnschedulableCase: Sendable, CustomTestStringConvertible {
        var label: String
        var pod: JSONValue
        var nodes: [JSONValue]
        var message: String
        var testDescription: String { label }
    }

    static let unschedulable: [UnschedulableCase] = {
        var selecting = Objects.pod("picky")
        selecting[path: ["spec", "nodeSelector"]] = .object(["disk": .string("ssd")])
        var refused = Objects.pod("refused")
        refused[path: ["metadata", "annotations"]] = .object(["sandbox.podchaosmonkey.io/failure": .string("unschedulable")])
        let three = (1...3).map { ControllerHarness.node("node-\($0)") }
        return [
            UnschedulableCase(
                label: "node selector", pod: selecting, nodes: three,
                message:
                    "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: "
                    + "3 Preemption is not helpful for scheduling."),
            UnschedulableCase(
                label: "not ready", pod: Objects.pod("waiting"), nodes: [ControllerHarness.node("node-1", ready: false)],
                message: "0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. preemption: "
                    + "0/1 nodes are available: 1 Preemption is not helpful for scheduling."),
            UnschedulableCase(label: "no nodes", pod: Objects.pod("alone"), nodes: [], message: "no nodes available to schedule pods"),
            UnschedulableCase(
                label: "failure annotation", pod: refused, nodes: three,
                message: "0/3 nodes are available: 3 node(s) were refused by annotation sandbox.podchaosmonkey.io/failure=unschedulable. "
                    + "preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."),
        ]
    }()

    @Test(arguments: unschedulable)
    func aPodThatFitsNowhereStaysPendingAsUnschedulable(_ scenario: UnschedulableCase) async throws {
        let harness = try await ControllerHarness.start([SchedulerController()], nodes: scenario.nodes)
        let created = try await harness.store.create(Resources.pods, namespace: "default", scenario.pod)
        let name = try #require(created.name)
        // The condition and the event are separate writes: wait for both.
        let (pending, events) = try #require(
            try await eventually { () async throws -> (JSONValue, [JSONValue])? in
                let pod = await harness.get(Resources.pods, name)
                let events = try await harness.store.list(Resources.events, filter: ObjectFilter(namespace: "default")).items
                guard let pod, pod.condition("PodScheduled") != nil, !events.isEmpty else { return nil }
                return (pod, events)
            })
        let condition = try #require(pending.condition("PodScheduled"))
        #expect(condition["status"]?.stringValue == "False")
        #expect(condition["reason"]?.stringValue == "Unschedulable")
        #expect(condition["message"]?.stringValue == scenario.message)
        #expect(pending.nodeName == nil)
        #expect(pending.phase == "Pending")
        let failed = events.filter { $0["reason"]?.stringValue == "FailedScheduling" }
        #expect(failed.count == 1)
        #expect(failed.first?["message"]?.stringValue == scenario.message)
        #expect(failed.first?[path: ["involvedObject", "name"]]?.stringValue == name)
        await harness.stop()
    }

    @Test func aPendingPodIsBoundOnceAMatchingNodeAppears() async throws {
        let harness = try await ControllerHarness.start([SchedulerController()])
        var pod = Objects.pod("picky")
        pod[path: ["spec", "nodeSelector"]] = .object(["disk": .string("ssd")])
        _ = try await harness.store.create(Resources.pods, namespace: "default", pod)
        _ = try await eventually { await harness.get(Resources.pods, "picky")?.condition("PodScheduled") }
        _ = try await harness.store.create(
            Resources.nodes, namespace: nil, ControllerHarness.node("node-ssd", labels: ["disk": "ssd"]), keepStatus: true)
        let node = try await eventually { await harness.get(Resources.pods, "picky")?.nodeName }
        #expect(node == "node-ssd")
        await harness.stop()
    }
}
