import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import MetricsTestKit
import Testing

@testable import PodChaos

/// Recovery observed end to end: a sandbox whose controllers and simulated kubelet bring pods back with known delays,
/// on virtual time shared with the engine (`SteppedSandbox`), so the phases are exact and a timeout waits for nothing.
@Suite("Recovery observation against a living sandbox", .timeLimit(.minutes(2)))
struct RecoverySandboxTests {
    static let timings = PodLifecycleTimings(
        startDelay: .milliseconds(400), readyDelay: .milliseconds(300), terminationDelay: .milliseconds(200),
        initialBackOff: .milliseconds(200))

    struct Live {
        let stepped: SteppedSandbox
        var sandbox: Sandbox { stepped.sandbox }
        var client: KubernetesClient { stepped.client }

        func load(_ yaml: String) async throws { try await stepped.load(yaml) }

        func deployment(_ name: String, replicas: Int, annotations: String = "", service: Bool = false) async throws {
            try await load(
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: \(name)
                  namespace: demo
                  \(annotations.isEmpty ? "" : "annotations: {\(annotations)}")
                spec:
                  replicas: \(replicas)
                  selector: {matchLabels: {app: \(name)}}
                  template:
                    metadata: {labels: {app: \(name)}}
                    spec: {containers: [{name: app, image: nginx, ports: [{containerPort: 80}]}]}
                """)
            if service {
                try await load(
                    """
                    apiVersion: v1
                    kind: Service
                    metadata: {name: \(name), namespace: demo}
                    spec:
                      selector: {app: \(name)}
                      ports: [{port: 80, targetPort: 80}]
                    """)
            }
            try await stepped.settle { try await client.get(Deployment.self, name: name).status?.readyReplicas == replicas }
        }

        func kill(_ selector: String, mode: KillMode = .delete, timeout: Duration = .seconds(20), slo: Duration? = nil) async throws
            -> KillReport.Kill
        {
            var options = KillOptions(
                criteria: SelectionCriteria(
                    namespaces: NamespaceScope(included: ["demo"]), labelSelector: try Labels.Selector(parsing: selector)),
                seed: 1, mode: mode, recovery: RecoveryOptions(timeout: timeout, slo: slo))
            options.minReady = 1
            let report = try await run(options)
            return try #require(report.kills.first)
        }

        /// A kill as `options` ask, with time moving until it reports.
        func run(_ options: KillOptions, metrics: ChaosMetrics = ChaosMetrics()) async throws -> KillReport {
            let engine = stepped.engine(metrics: metrics)
            let before = try await stepped.runningPodUIDs()
            let stepped = self.stepped
            let killed: @Sendable () async throws -> Bool = { try await !stepped.runningPodUIDs().isSuperset(of: before) }
            return try await stepped.advancing(once: killed, { try await engine.kill(options) })
        }
    }

    /// Runs `body` against a living sandbox on virtual time, and always stops it.
    static func withLive(_ body: (Live) async throws -> Void) async throws {
        try await SteppedSandbox.with(timings: timings) { stepped in try await body(Live(stepped: stepped)) }
    }

    @Test("Each phase of a Deployment pod's replacement is measured, in order, at exactly the kubelet's delays")
    func phaseAccuracy() async throws {
        try await Self.withLive { live in
            try await live.deployment("web", replicas: 3)
            let kill = try await live.kill("app=web")
            let recovery = try #require(kill.recovery)
            #expect(recovery.verdict == .recovered)
            let p = recovery.phases
            // Virtual time moves only once the observer has handled every change: each phase is read when it happened.
            // The victim turns Terminating inside the DELETE call, and its replacement is created (and scheduled) at
            // once; it is gone after the termination delay, Running after the start delay, Ready after start + ready
            // delay, and the owner available with it.
            let expected: [(String, Double?, Double)] = [
                ("terminating", p.terminating, 0), ("replacementCreated", p.replacementCreated, 0), ("scheduled", p.scheduled, 0),
                ("gone", p.gone, 0.2), ("running", p.running, 0.4), ("ready", p.ready, 0.7), ("ownerAvailable", p.ownerAvailable, 0.7),
            ]
            for (name, measured, delay) in expected {
                let value = try #require(measured, "phase \(name)")
                #expect(abs(value - delay) < 0.001, "\(name): \(value) s, expected \(delay) s")
            }
            #expect(recovery.recoverySeconds.map { abs($0 - 0.7) < 0.001 } == true)
            #expect(p.endpointsReady == nil)
            #expect(recovery.replacement?.name.hasPrefix("web-") == true)
            #expect(recovery.replacement?.uid != kill.pod.uid)
        }
    }

    @Test("A Service's EndpointSlices must route to the replacement before the workload counts as recovered")
    func endpointsPhase() async throws {
        try await Self.withLive { live in
            try await live.deployment("api", replicas: 2, service: true)
            let recovery = try #require(try await live.kill("app=api").recovery)
            #expect(recovery.verdict == .recovered)
            let endpoints = try #require(recovery.phases.endpointsReady)
            #expect(endpoints >= (recovery.phases.ready ?? .infinity))
            #expect(recovery.recoverySeconds == max(endpoints, recovery.phases.ownerAvailable ?? 0))
        }
    }

    @Test("A StatefulSet's replacement is the same name with a new UID")
    func statefulSet() async throws {
        try await Self.withLive { live in
            try await live.load(
                """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db, namespace: demo}
                spec:
                  replicas: 2
                  serviceName: db
                  selector: {matchLabels: {app: db}}
                  template:
                    metadata: {labels: {app: db}}
                    spec: {containers: [{name: db, image: postgres}]}
                """)
            try await live.stepped.settle { try await live.client.get(StatefulSet.self, name: "db").status?.readyReplicas == 2 }
            let kill = try await live.kill("app=db")
            let recovery = try #require(kill.recovery)
            #expect(recovery.verdict == .recovered)
            #expect(recovery.replacement?.name == kill.pod.name)
            #expect(recovery.replacement?.uid != kill.pod.uid)
            #expect(
                (recovery.phases.replacementCreated ?? 0) >= (recovery.phases.gone ?? .infinity), "created only after the old pod is gone")
        }
    }

    @Test(
        "Each sandbox failure mode yields its reason after the timeout",
        arguments: [
            ("crashloop", RecoveryReason.crashLoopBackOff), ("image-pull-error", .imagePullBackOff), ("never-ready", .neverReady),
            ("unschedulable", .unschedulable),
        ])
    func failureModes(mode: String, reason: RecoveryReason) async throws {
        try await Self.withLive { live in
            try await live.load(
                """
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata: {name: flaky, namespace: demo}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: flaky}}
                  template:
                    metadata: {labels: {app: flaky}}
                    spec: {containers: [{name: app, image: example/app:1}]}
                """)
            try await live.stepped.settle { try await live.client.get(ReplicaSet.self, name: "flaky").status?.readyReplicas == 2 }
            // Only pods created from now on fail, as after a bad template change.
            let patch = #"{"spec":{"template":{"metadata":{"annotations":{"sandbox.podchaosmonkey.io/failure":"\#(mode)"}}}}}"#
            _ = try await live.client.patch(ReplicaSet.self, name: "flaky", patch: .merge(Data(patch.utf8)))
            let recovery = try #require(try await live.kill("app=flaky", timeout: .seconds(8)).recovery)
            #expect(recovery.verdict == .timeout)
            if reason == .imagePullBackOff {
                #expect(recovery.reason == .imagePullBackOff || recovery.reason == .errImagePull)
            } else {
                #expect(recovery.reason == reason)
            }
            #expect(recovery.replacement != nil)
            #expect(!recovery.passed)
        }
    }

    @Test("A recovery objective on the owner passes or fails the kill", arguments: [("30s", true), ("1ms", false)])
    func objective(slo: String, met: Bool) async throws {
        try await Self.withLive { live in
            try await live.deployment("web", replicas: 2, annotations: "podchaosmonkey.io/recovery-slo: \(slo)")
            let recovery = try #require(try await live.kill("app=web").recovery)
            #expect(recovery.verdict == .recovered)
            #expect(recovery.slo?.met == met)
            #expect(recovery.passed == met)
        }
    }

    @Test("The owner gets an Event saying how long it took to recover")
    func ownerEvent() async throws {
        try await Self.withLive { live in
            try await live.deployment("web", replicas: 2)
            let kill = try await live.kill("app=web")
            let events = try await live.client.list(Event.self, namespace: "demo").items
            let event = try #require(events.first { $0.reason == "Recovered" })
            #expect(event.regarding?.kind == "Deployment")
            #expect(event.regarding?.name == "web")
            #expect(event.note?.hasPrefix("Recovered in ") == true)
            #expect(event.note?.contains(kill.killId.rawValue) == true)
        }
    }

    @Test("Recovery metrics: a histogram per phase reached and a counter per verdict, with the documented labels")
    func recoveryMetrics() async throws {
        try await Self.withLive { live in
            try await live.deployment("web", replicas: 2)
            let metrics = TestMetrics()
            let options = KillOptions(
                criteria: SelectionCriteria(namespaces: NamespaceScope(included: ["demo"])), seed: 1, mode: .delete,
                recovery: RecoveryOptions(timeout: .seconds(20)))
            let report = try await live.run(options, metrics: ChaosMetrics(factory: metrics))
            #expect(report.kills.first?.recovery?.verdict == .recovered)
            let ready = try metrics.expectTimer(
                "podchaosmonkey_recovery_seconds", [("namespace", "demo"), ("owner_kind", "Deployment"), ("phase", "ready")])
            #expect(ready.values.count == 1)
            #expect(ready.values.map { abs($0 - 700_000_000) < 1_000_000 } == [true], "nanoseconds: start + ready delay, \(ready.values)")
            let recovered = try metrics.expectCounter(
                "podchaosmonkey_recoveries_total", [("namespace", "demo"), ("verdict", "recovered"), ("reason", "")])
            #expect(recovered.totalValue == 1)
        }
    }

    @Test("Watches cut mid-recovery and answered with 410 Expired lose no phase")
    func watchInterruptions() async throws {
        try await Self.withLive { live in
            try await live.deployment("web", replicas: 3)
            let pods = try #require(PathPattern("/api/v1/namespaces/demo/pods"))
            await live.sandbox.addFault(FaultRule(verb: "watch", path: pods, times: 3, action: .cutWatchAfterEvents(1)))
            await live.sandbox.addFault(FaultRule(verb: "watch", path: pods, times: 1, action: .expireNextWatch))
            let recovery = try #require(try await live.kill("app=web").recovery)
            #expect(recovery.verdict == .recovered)
            let p = recovery.phases
            for (name, value) in [
                ("terminating", p.terminating), ("gone", p.gone), ("replacementCreated", p.replacementCreated),
                ("scheduled", p.scheduled), ("running", p.running), ("ready", p.ready), ("ownerAvailable", p.ownerAvailable),
            ] {
                #expect(value != nil, "phase \(name) was lost")
            }
            let requests = await live.sandbox.requests()
            let podWatches = requests.filter { $0.verb == "watch" && $0.path.hasPrefix("/api/v1/namespaces/demo/pods?") }
            let podLists = requests.filter { $0.verb == "list" && $0.path == "/api/v1/namespaces/demo/pods?limit=500" }
            #expect(podWatches.count >= 4, "the cut watches were reopened")
            #expect(podLists.count >= 2, "the 410 led to a relist")
        }
    }

    @Test("--no-wait reports at once, with the recovery not observed")
    func noWait() async throws {
        try await Self.withLive { live in
            try await live.deployment("web", replicas: 2)
            var options = KillOptions(criteria: SelectionCriteria(namespaces: NamespaceScope(included: ["demo"])), seed: 1, mode: .delete)
            options.recovery.wait = false
            let report = try await live.stepped.engine().kill(options)
            #expect(report.kills.first?.recovery?.verdict == .notObserved)
            #expect(report.kills.first?.recovery?.reason == .noWait)
            #expect(report.verdict == .pass)
        }
    }
}
