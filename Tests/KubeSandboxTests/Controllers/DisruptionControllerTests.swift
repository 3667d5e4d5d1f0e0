import Foundation
import KubeSandbox
import KubeTesting
import Testing

@Suite(.dedicatedThreads) struct DisruptionControllerTests {
    private func budget(minAvailable: Int) -> JSONValue {
        .object([
            "apiVersion": .string("policy/v1"), "kind": .string("PodDisruptionBudget"),
            "metadata": .object(["name": .string("web"), "namespace": .string("default")]),
            "spec": .object([
                "minAvailable": .number(Double(minAvailable)), "selector": .object(["matchLabels": .object(["app": .string("web")])]),
            ]),
        ])
    }

    private func readyPod(_ name: String) -> JSONValue {
        var pod = Objects.pod(name, labels: ["app": "web"], node: "node-1")
        pod["status"] = .object([
            "phase": .string("Running"), "conditions": .array([.object(["type": .string("Ready"), "status": .string("True")])]),
        ])
        return pod
    }

    @Test func statusFollowsThePodsAndAllowsFewerDisruptionsWhenAPodTurnsUnready() async throws {
        let harness = try await ControllerHarness.start([DisruptionController()])
        for name in ["web-1", "web-2", "web-3"] {
            _ = try await harness.store.create(Resources.pods, namespace: "default", readyPod(name), keepStatus: true)
        }
        _ = try await harness.store.create(Resources.podDisruptionBudgets, namespace: "default", budget(minAvailable: 2))
        let initial = try #require(
            try await eventually { () async -> JSONValue? in
                let stored = await harness.get(Resources.podDisruptionBudgets, "web")
                return stored?[path: ["status", "observedGeneration"]]?.intValue == 1 ? stored : nil
            })
        #expect(initial.statusInt("currentHealthy") == 3)
        #expect(initial.statusInt("desiredHealthy") == 2)
        #expect(initial.statusInt("expectedPods") == 3)
        #expect(initial.statusInt("disruptionsAllowed") == 1)

        _ = try await harness.store.modify(Resources.pods, namespace: "default", name: "web-2", subresource: .status) { pod in
            var next = pod
            next[path: ["status", "conditions"]] = .array([.object(["type": .string("Ready"), "status": .string("False")])])
            return next
        }
        let dropped = try await eventually { () async -> JSONValue? in
            let stored = await harness.get(Resources.podDisruptionBudgets, "web")
            return stored?.statusInt("currentHealthy") == 2 ? stored : nil
        }
        #expect(dropped?.statusInt("disruptionsAllowed") == 0)
        #expect(dropped?.condition("DisruptionAllowed")?["status"]?.stringValue == "False")
        await harness.stop()
    }
}
