import Foundation
import KubeSandbox
import KubeTesting
import Testing

@Suite(.dedicatedThreads) struct ControllerManagerTests {
    /// Waits until the store's resourceVersion holds still for `quiet` seconds; nil if it never does.
    private func settledVersion(_ store: ClusterStore, quiet: Double = 0.3, timeout: Double = 20) async throws -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        var last = await store.currentResourceVersion
        while Date() < deadline {
            try await Task.sleep(for: .seconds(quiet))
            let now = await store.currentResourceVersion
            if now == last { return now }
            last = now
        }
        return nil
    }

    @Test func onceSettledTheControllersWriteNothing() async throws {
        let harness = try await ControllerHarness.start(StandardControllers.all(timings: ControllerHarness.fastTimings))
        for index in 0..<2_000 {
            var pod = Objects.pod("seeded-\(index)", labels: ["app": "seeded"], node: "node-\(index % 3 + 1)")
            pod["status"] = .object([
                "phase": .string("Running"), "podIP": .string("10.200.\(index / 250).\(index % 250 + 1)"),
                "conditions": .array([.object(["type": .string("Ready"), "status": .string("True")])]),
            ])
            _ = try await harness.store.create(Resources.pods, namespace: "default", pod, keepStatus: true)
        }
        _ = try await harness.store.create(
            Resources.services, namespace: "default", Workloads.service("seeded", selector: ["app": "seeded"]))
        _ = try await harness.store.create(
            Resources.deployments, namespace: "default", Workloads.workload("Deployment", "web", replicas: 3))
        _ = try await harness.store.create(
            Resources.daemonSets, namespace: "default", Workloads.workload("DaemonSet", "agent", replicas: nil))
        let converged = try await eventually(within: .seconds(30)) { () async -> Bool? in
            let deployment = await harness.get(Resources.deployments, "web")
            let daemonSet = await harness.get(Resources.daemonSets, "agent")
            return deployment?.statusInt("availableReplicas") == 3 && daemonSet?.statusInt("numberReady") == 3 ? true : nil
        }
        #expect(converged == true)
        let settled = try await settledVersion(harness.store)
        let version = try #require(settled, "the controllers never stopped writing")
        try await Task.sleep(for: .milliseconds(500))
        #expect(await harness.store.currentResourceVersion == version)
        await harness.stop()
    }

    @Test(.timeLimit(.minutes(1))) func stopEndsTheWatchAndTheTimers() async throws {
        let clock = SteppingClock()
        let harness = try await ControllerHarness.start(
            [SchedulerController(), KubeletController(timings: PodLifecycleTimings(startDelay: .seconds(3)))],
            clock: ControllerHarness.clock(clock))
        #expect(await harness.store.activeWatchCount == 1)
        _ = try await harness.store.create(Resources.pods, namespace: "default", Objects.pod("web"))
        _ = await harness.nextTimer(clock)
        await harness.stop()
        #expect(await harness.store.activeWatchCount == 0)
        // The start timer was cancelled with the manager: nothing waits for its time any more.
        #expect(clock.sleeperCount == 0)
        let version = await harness.store.currentResourceVersion
        clock.advance(by: .seconds(10))
        #expect(await harness.store.currentResourceVersion == version)
        #expect(await harness.get(Resources.pods, "web")?.phase == "Pending")
    }
}
