import Foundation
import KubeSandbox
import KubeTesting
import Testing

@Suite(.dedicatedThreads) struct ControllerManagerTests {
    @Test(.timeLimit(.minutes(1))) func onceSettledTheControllersWriteNothing() async throws {
        let clock = SteppingClock()
        let harness = try await ControllerHarness.start(
            StandardControllers.all(timings: ControllerHarness.fastTimings), clock: clock.controllerClock)
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
        try await clock.fireTimers {
            let deployment = await harness.get(Resources.deployments, "web")
            let daemonSet = await harness.get(Resources.daemonSets, "agent")
            return deployment?.statusInt("availableReplicas") == 3 && daemonSet?.statusInt("numberReady") == 3
        }
        await harness.manager.idle()
        #expect(clock.sleeperCount == 0, "settled, the controllers hold no timers")
        let version = await harness.store.currentResourceVersion
        // An hour on: no timer comes due, and the controllers find nothing to write.
        clock.advance(by: .seconds(3600))
        await harness.manager.idle()
        #expect(clock.sleeperCount == 0)
        #expect(await harness.store.currentResourceVersion == version)
        await harness.stop()
    }

    @Test(.timeLimit(.minutes(1))) func idleReturnsOnceTheLoopHasHandledEveryChangeAndEveryDueTimer() async throws {
        let clock = SteppingClock()
        let timings = PodLifecycleTimings(startDelay: .seconds(3), readyDelay: .seconds(3))
        let harness = try await ControllerHarness.start(
            [SchedulerController(), KubeletController(timings: timings)], clock: clock.controllerClock)
        _ = try await harness.store.create(Resources.pods, namespace: "default", Objects.pod("web"))
        // Not before the pod is scheduled and accepted; the start timer, not due yet, is not waited for.
        await harness.manager.idle()
        let accepted = try #require(await harness.get(Resources.pods, "web"))
        #expect(accepted.nodeName != nil)
        #expect(accepted.waitingReason == "ContainerCreating")
        let version = await harness.store.currentResourceVersion
        // Not before the timer that came due has been handled.
        clock.advance(by: .seconds(3))
        await harness.manager.idle()
        #expect(await harness.get(Resources.pods, "web")?.phase == "Running")
        #expect(await harness.store.currentResourceVersion != version)
        await harness.stop()
        // Stopped, there is nothing to wait for.
        await harness.manager.idle()
    }

    @Test(.timeLimit(.minutes(1))) func stopEndsTheWatchAndTheTimers() async throws {
        let clock = SteppingClock()
        let harness = try await ControllerHarness.start(
            [SchedulerController(), KubeletController(timings: PodLifecycleTimings(startDelay: .seconds(3)))],
            clock: clock.controllerClock)
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
