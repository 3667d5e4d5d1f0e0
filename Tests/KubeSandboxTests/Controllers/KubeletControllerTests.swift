import Foundation
import KubeSandbox
import KubeTesting
import Testing

@Suite(.dedicatedThreads) struct KubeletControllerTests {
    private func start(_ timings: PodLifecycleTimings = ControllerHarness.fastTimings) async throws -> ControllerHarness {
        try await ControllerHarness.start([SchedulerController(), KubeletController(timings: timings)])
    }

    private func pod(_ name: String, annotations: [String: String] = [:]) -> JSONValue {
        var pod = Objects.pod(name)
        pod[path: ["metadata", "annotations"]] = .object(annotations.mapValues { .string($0) })
        return pod
    }

    @Test func aPodGoesContainerCreatingThenRunningThenReadyNoSoonerThanTheDelays() async throws {
        let timings = PodLifecycleTimings(
            startDelay: .milliseconds(300), readyDelay: .milliseconds(300), terminationDelay: .milliseconds(100))
        let harness = try await start(timings)
        let created = Date()
        _ = try await harness.store.create(Resources.pods, namespace: "default", pod("web"))
        var seen: [String] = []
        var readyAt: Date?
        try await harness.watchPods { event in
            let pod = event.object
            let stage = pod.isReady ? "Ready" : pod.phase == "Running" ? "Running" : pod.waitingReason ?? "Pending"
            if seen.last != stage { seen.append(stage) }
            guard pod.isReady else { return true }
            readyAt = Date()
            #expect(pod[path: ["status", "podIP"]]?.stringValue?.hasPrefix("10.244.") == true)
            #expect(pod[path: ["status", "hostIP"]]?.stringValue == "172.18.0.9")
            #expect(pod[path: ["status", "startTime"]] != nil)
            #expect(pod.firstContainerStatus?[path: ["state", "running", "startedAt"]] != nil)
            for type in ["Initialized", "ContainersReady", "Ready"] {
                #expect(pod.condition(type)?["lastTransitionTime"] != nil)
            }
            return false
        }
        // The watch starts from the pod's current state, which may already be past Pending.
        #expect(Array(seen.drop { $0 == "Pending" }) == ["ContainerCreating", "Running", "Ready"])
        let elapsed = try #require(readyAt).timeIntervalSince(created)
        #expect(elapsed >= 0.6)
        await harness.stop()
    }

    @Test func aDeletedPodStaysTerminatingForTheTerminationDelayThenIsRemoved() async throws {
        let timings = PodLifecycleTimings(
            startDelay: .milliseconds(50), readyDelay: .milliseconds(50), terminationDelay: .milliseconds(400))
        let harness = try await start(timings)
        _ = try await harness.store.create(Resources.pods, namespace: "default", pod("web"))
        #expect(try await eventually { await harness.get(Resources.pods, "web")?.isReady == true ? true : nil } == true)
        let deleted = Date()
        _ = try await harness.store.delete(Resources.pods, namespace: "default", name: "web")
        #expect(await harness.get(Resources.pods, "web")?.isTerminating == true)
        let goneAfter = try await eventually {
            await harness.get(Resources.pods, "web") == nil ? Date().timeIntervalSince(deleted) : nil
        }
        #expect(try #require(goneAfter) >= 0.4)
        await harness.stop()
    }

    @Test func theGracePeriodBoundsTheTerminationDelay() async throws {
        let timings = PodLifecycleTimings(startDelay: .milliseconds(50), readyDelay: .milliseconds(50), terminationDelay: .seconds(600))
        let harness = try await start(timings)
        _ = try await harness.store.create(Resources.pods, namespace: "default", pod("web"))
        _ = try #require(try await eventually { await harness.get(Resources.pods, "web")?.nodeName })
        _ = try await harness.store.delete(
            Resources.pods, namespace: "default", name: "web", options: SandboxDeleteOptions(gracePeriodSeconds: 1))
        let gone = try await eventually(within: .seconds(20)) { await harness.get(Resources.pods, "web") == nil ? true : nil }
        #expect(gone == true)
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

    @Test func neverReadyRunsButStaysUnready() async throws {
        let harness = try await start()
        _ = try await harness.store.create(
            Resources.pods, namespace: "default", pod("lazy", annotations: ["sandbox.podchaosmonkey.io/failure": "never-ready"]))
        let running = try #require(
            try await eventually { () async -> JSONValue? in
                let pod = await harness.get(Resources.pods, "lazy")
                return pod?.phase == "Running" ? pod : nil
            })
        // Well past the ready delay, it is still not Ready.
        try await Task.sleep(for: .milliseconds(500))
        let later = try #require(await harness.get(Resources.pods, "lazy"))
        for pod in [running, later] {
            #expect(pod.condition("Ready")?["status"]?.stringValue == "False")
            #expect(pod.condition("ContainersReady")?["status"]?.stringValue == "False")
        }
        await harness.stop()
    }

    @Test func aSeededRunningPodIsLeftAsItIs() async throws {
        let harness = try await start()
        var seeded = Objects.pod("seeded", node: "node-2")
        seeded["status"] = .object([
            "phase": .string("Running"), "podIP": .string("10.1.2.3"),
            "conditions": .array([.object(["type": .string("Ready"), "status": .string("True")])]),
        ])
        let created = try await harness.store.create(Resources.pods, namespace: "default", seeded, keepStatus: true)
        try await Task.sleep(for: .milliseconds(400))
        let later = try #require(await harness.get(Resources.pods, "seeded"))
        #expect(later == created)
        await harness.stop()
    }
}
