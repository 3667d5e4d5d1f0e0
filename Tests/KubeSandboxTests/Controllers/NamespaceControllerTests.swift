import Foundation
import KubeSandbox
import KubeTesting
import Testing

@Suite(.dedicatedThreads) struct NamespaceControllerTests {
    @Test func deletingANamespaceMakesItTerminatingRemovesItsObjectsThenItself() async throws {
        let harness = try await ControllerHarness.start([
            NamespaceController(), SchedulerController(),
            KubeletController(
                timings: PodLifecycleTimings(
                    startDelay: .milliseconds(50), readyDelay: .milliseconds(50), terminationDelay: .milliseconds(300))),
        ])
        _ = try await harness.store.create(Resources.namespaces, namespace: nil, Objects.namespace("shop"))
        _ = try await harness.store.create(Resources.pods, namespace: "shop", Objects.pod("web", namespace: "shop"))
        var service = Workloads.service("web", selector: ["app": "web"])
        service[path: ["metadata", "namespace"]] = .string("shop")
        _ = try await harness.store.create(Resources.services, namespace: "shop", service)
        _ = try await eventually { await harness.get(Resources.pods, "web", namespace: "shop")?.nodeName }

        let deleted = try await harness.store.delete(Resources.namespaces, namespace: nil, name: "shop")
        #expect(deleted[path: ["status", "phase"]]?.stringValue == "Terminating")
        #expect(deleted.isTerminating)
        await #expect(throws: StatusError.self) {
            try await harness.store.create(Resources.pods, namespace: "shop", Objects.pod("late", namespace: "shop"))
        }
        let gone = try await eventually { await harness.get(Resources.namespaces, "shop", namespace: nil) == nil ? true : nil }
        #expect(gone == true)
        #expect(try await harness.pods("shop").isEmpty)
        #expect(await harness.get(Resources.services, "web", namespace: "shop") == nil)
        await harness.stop()
    }
}
