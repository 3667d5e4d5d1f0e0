import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import Testing

@Suite(.dedicatedThreads) struct KubeletControllerTests {
    private func start(_ timings: PodLifecycleTimings = ControllerHarness.fastTimings, clock: SteppingClock? = nil) async throws
        -> ControllerHarness
    {
        try await ControllerHarness.start(
            [SchedulerController(), KubeletController(timings: timings)], clock: clock.map(\.controllerClock) ?? .wall)
    }

    private func pod(_ name: String, annotations: [String: String] = [:]) -> JSONValue {
        var pod = Objects.pod(name)
        pod[path: ["metadata", "annotations"]] = .object(annotations.mapValues { .string($0) })
        return pod
    }

    @Test(.timeLimit(.minutes(1))) func aPodGoesContainerCreatingThenRunningThenReadyExactlyAfterTheDelays() async throws {
        let clock = SteppingClock()
        let timings = PodLifecycleTimings(
            startDelay: .milliseconds(300), readyDelay: .milliseconds(300), terminationDelay: .milliseconds(100))
        let harness = try await start(timings, clock: clock)
        _ = try await harness.store.create(Resources.pods, namespace: "default", pod("web"))
        // The kubelet has accepted the pod once it sets the start timer, due after the start delay.
        #expect(await harness.nextTimer(clock).roundedMilliseconds == 300)
        #expect(await harness.get(Resources.pods, "web")?.waitingReason == "ContainerCreating")
        clock.advance(by: .milliseconds(299))
        #expect(await harness.get(Resources.pods, "web")?.waitingReason == "ContainerCreating")
        clock.advance(by: .milliseconds(1))
        #expect(await harness.nextTimer(clock).roundedMilliseconds == 300)
        let running = try #require(await harness.get(Resources.pods, "web"))
        #expect(running.phase == "Running" && !running.isReady)
        clock.advance(by: .milliseconds(300))
        let pod = try #require(try await eventually { await harness.get(Resources.pods, "web").flatMap { $0.isReady ? $0 : nil } })
        #expect(pod[path: ["status", "podIP"]]?.stringValue?.hasPrefix("10.244.") == true)
        #expect(pod[path: ["status", "hostIP"]]?.stringValue == "172.18.0.9")
        #expect(pod[path: ["status", "startTime"]] != nil)
        #expect(pod.firstContainerStatus?[path: ["state", "running", "startedAt"]] != nil)
        for type in ["Initialized", "ContainersReady", "Ready"] {
            #expect(pod.condition(type)?["lastTransitionTime"] != nil)
        }
        #expect(clock.sleeperCount == 0)
        await harness.stop()
    }

    @Test(.timeLimit(.minutes(1))) func aDeletedPodStaysTerminatingForTheTerminationDelayThenIsRemoved() async throws {
        let clock = SteppingClock()
        let timings = PodLifecycleTimings(
            startDelay: .milliseconds(50), readyDelay: .milliseconds(50), terminationDelay: .milliseconds(400))
        let harness = try await start(timings, clock: clock)
        try await harness.makeReady("web", clock: clock)
        _ = try await harness.store.delete(Resources.pods, namespace: "default", name: "web")
        #expect(await harness.get(Resources.pods, "web")?.isTerminating == true)
        #expect(await harness.nextTimer(clock).roundedMilliseconds == 400)
        clock.advance(by: .milliseconds(399))
        #expect(await harness.get(Resources.pods, "web")?.isTerminating == true)
        clock.advance(by: .milliseconds(1))
        #expect(try await eventually { await harness.get(Resources.pods, "web") == nil ? true : nil } == true)
        await harness.stop()
    }

    @Test(.timeLimit(.minutes(1))) func theGracePeriodBoundsTheTerminationDelay() async throws {
        let clock = SteppingClock()
        let timings = PodLifecycleTimings(startDelay: .milliseconds(50), readyDelay: .milliseconds(50), terminationDelay: .seconds(600))
        let harness = try await start(timings, clock: clock)
        try await harness.makeReady("web", clock: clock)
        _ = try await harness.store.delete(
            Resources.pods, namespace: "default", name: "web", options: SandboxDeleteOptions(gracePeriodSeconds: 1))
        #expect(await harness.nextTimer(clock).roundedMilliseconds == 1000)
        clock.advance(by: .seconds(1))
        #expect(try await eventually { await harness.get(Resources.pods, "web") == nil ? true : nil } == true)
        await harness.stop()
    }

    @Test func annotationsOverrideTheDelaysAndABadOneWarnsAndFallsBack() async throws {
        let harness = try await start(PodLifecycleTimings(startDelay: .seconds(600), readyDelay: .milliseconds(50)))
        _ = try await harness.store.create(
            Resources.pods, namespace: "default", pod("quick", annotations: ["sandbox.podchaosmonkey.io/start-delay": "50ms"]))
        _ = try await harness.store.create(
            Resources.pods, namespace: "default", pod("odd", annotations: ["sandbox.podchaosmonkey.io/ready-delay": "soon"]))
        #expect(try await eventually { await harness.get(Resources.pods, "quick")?.isReady == true ? true : nil } == true)
        let warning = try await eventually { () async throws -> JSONValue? in
            try await harness.store.list(Resources.events, filter: ObjectFilter(namespace: "default")).items.first {
                $0[path: ["involvedObject", "name"]]?.stringValue == "odd" && $0["reason"]?.stringValue == "InvalidAnnotation"
            }
        }
        let event = try #require(warning)
        #expect(event["type"]?.stringValue == "Warning")
        #expect(event["message"]?.stringValue?.contains("ready-delay") == true)
        // The default start delay (600s) still applies to it.
        #expect(await harness.get(Resources.pods, "odd")?.waitingReason == "ContainerCreating")
        await harness.stop()
    }

    @Test func crashloopRestartsWithRisingRestartCountAndIsNeverReady() async throws {
        let harness = try await start()
        _ = try await harness.store.create(
            Resources.pods, namespace: "default", pod("crash", annotations: ["sandbox.podchaosmonkey.io/failure": "crashloop"]))
        var counts: [Int] = []
        var sawBackOff = false
        try await harness.watchPods { event in
            let pod = event.object
            #expect(!pod.isReady)
            if pod.waitingReason == "CrashLoopBackOff" {
                sawBackOff = true
                #expect(pod.phase == "Running")
            }
            if pod.restartCount > 0 {
                let last = pod.firstContainerStatus?[path: ["lastState", "terminated"]]
                #expect(last?["exitCode"]?.intValue == 1)
                #expect(last?["reason"]?.stringValue == "Error")
            }
            if counts.last != pod.restartCount { counts.append(pod.restartCount) }
            return pod.restartCount < 3
        }
        #expect(sawBackOff)
        #expect(counts == [0, 1, 2, 3])
        await harness.stop()
    }

    @Test func imagePullErrorGoesErrImagePullThenImagePullBackOffAndNeverRuns() async throws {
        let harness = try await start()
        _ = try await harness.store.create(
            Resources.pods, namespace: "default", pod("pull", annotations: ["sandbox.podchaosmonkey.io/failure": "image-pull-error"]))
        var reasons: [String] = []
        try await harness.watchPods { event in
            #expect(event.object.phase == "Pending")
            if let reason = event.object.waitingReason, reasons.last != reason { reasons.append(reason) }
            return reasons.last != "ImagePullBackOff"
        }
        #expect(reasons == ["ContainerCreating", "ErrImagePull", "ImagePullBackOff"])
        await harness.stop()
    }

    @Test(.timeLimit(.minutes(1))) func neverReadyRunsButStaysUnready() async throws {
        let clock = SteppingClock()
        let harness = try await start(clock: clock)
        _ = try await harness.store.create(
            Resources.pods, namespace: "default", pod("lazy", annotations: ["sandbox.podchaosmonkey.io/failure": "never-ready"]))
        clock.advance(by: await harness.nextTimer(clock))
        let running = try #require(
            try await eventually { () async -> JSONValue? in
                let pod = await harness.get(Resources.pods, "lazy")
                return pod?.phase == "Running" ? pod : nil
            })
        // Running sets no timer: nothing more is due, however long the pod runs. (The kubelet may still be finishing the
        // turn that wrote Running when the pod is read, so the count is awaited, not read once.)
        #expect(try await eventually { () async -> Bool? in clock.sleeperCount == 0 ? true : nil } == true)
        clock.advance(by: .seconds(3600))
        let later = try #require(await harness.get(Resources.pods, "lazy"))
        for pod in [running, later] {
            #expect(pod.condition("Ready")?["status"]?.stringValue == "False")
            #expect(pod.condition("ContainersReady")?["status"]?.stringValue == "False")
        }
        await harness.stop()
    }

    @Test(.timeLimit(.minutes(1))) func aSeededRunningPodIsLeftAsItIs() async throws {
        let clock = SteppingClock()
        let harness = try await start(clock: clock)
        var seeded = Objects.pod("seeded", node: "node-2")
        seeded["status"] = .object([
            "phase": .string("Running"), "podIP": .string("10.1.2.3"),
            "conditions": .array([.object(["type": .string("Ready"), "status": .string("True")])]),
        ])
        let created = try await harness.store.create(Resources.pods, namespace: "default", seeded, keepStatus: true)
        // The loop takes changes in order: once it has acted on a pod created after the seeded one, it has seen both.
        _ = try await harness.store.create(Resources.pods, namespace: "default", pod("later"))
        _ = await harness.nextTimer(clock)
        #expect(clock.sleeperCount == 1)
        #expect(await harness.get(Resources.pods, "seeded") == created)
        await harness.stop()
    }
}
