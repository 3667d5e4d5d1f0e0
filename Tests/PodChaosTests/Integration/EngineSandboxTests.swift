import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import MetricsTestKit
import Testing

@testable import PodChaos

/// In-process (`SandboxCluster`), controllers off, no deadline shorter than the client's request timeout: nothing here
/// needs threads of its own.
@Suite("Engine end to end against the sandbox")
struct EngineSandboxTests {
    static func withCluster(_ body: (SandboxCluster) async throws -> Void) async throws {
        try await SandboxCluster.with(body)
    }

    static func options(_ mode: KillMode = .delete, dryRun: DryRunMode = .none, seed: UInt64 = 42) -> KillOptions {
        KillOptions(
            criteria: SelectionCriteria(namespaces: NamespaceScope(included: ["demo"])), seed: seed, mode: mode, dryRun: dryRun,
            recovery: RecoveryOptions(wait: false))
    }

    @Test(
        "kill --mode delete: one pod of the fully ready Deployment starts terminating, verified by UID",
        arguments: [KillMode.delete, .evict, .force])
    func killOne(mode: KillMode) async throws {
        try await Self.withCluster { cluster in
            let pods = try await cluster.deployment("web", replicas: 3)
            try await cluster.runningPod("bare", labels: ["app": "bare"], owner: nil)
            let engine = ChaosEngine(client: cluster.client, version: "test")
            let report = try await engine.kill(Self.options(mode))
            #expect(report.verdict == .pass)
            #expect(report.selection.considered == 4)
            #expect(report.selection.eligible == 3)
            #expect(report.selection.excluded.map(\.pod.name) == ["bare"])
            #expect(report.selection.excluded.first?.reasons == ["orphan"])
            let kill = try #require(report.kills.first)
            #expect(report.kills.count == 1)
            #expect(kill.result == .killed)
            #expect(kill.owner?.kind == "Deployment")
            #expect(kill.owner?.name == "web")
            #expect(pods.map(\.metadata.uid).contains(kill.pod.uid))
            let after = try await cluster.client.list(Pod.self).items
            let victim = after.first { $0.metadata.uid == kill.pod.uid }
            // Evicting or deleting with the default grace leaves it Terminating; force removes it at once.
            #expect(victim == nil || victim?.isTerminating == true)
            if mode == .force { #expect(victim == nil) }
            #expect(after.filter { !$0.isTerminating }.count == 3, "the other two web pods and the bare pod are untouched")
        }
    }

    @Test("An interruption after the first kill starts no second one, ends the recovery wait, and reports interrupted")
    func interrupted() async throws {
        try await Self.withCluster { cluster in
            try await cluster.deployment("web", replicas: 3)
            try await cluster.deployment("api", replicas: 3)
            var options = Self.options(seed: 3)
            options.count = .count(2)
            options.maxKills = 2
            options.recovery = RecoveryOptions(wait: true, timeout: .seconds(3600))
            let interruption = Interruption()
            let report = try await ChaosEngine(client: cluster.client, version: "test").kill(
                options, onKill: { _ in interruption.raise(.init(name: "SIGINT", signal: SIGINT)) }, interruption: interruption)
            #expect(report.verdict == .interrupted)
            #expect(report.reason == "interrupted by SIGINT")
            #expect(report.kills.map(\.result) == [.killed])
            #expect(report.kills.first?.recovery?.verdict == .interrupted)
            #expect(try await cluster.client.list(Pod.self).items.filter(\.isTerminating).count <= 1)
        }
    }

    @Test("--dry-run=server sends the kill with dryRun=All and leaves everything intact")
    func serverDryRun() async throws {
        try await Self.withCluster { cluster in
            try await cluster.deployment("web", replicas: 3)
            let report = try await ChaosEngine(client: cluster.client, version: "test").kill(Self.options(.evict, dryRun: .server))
            #expect(report.kills.map(\.result) == [.dryRun])
            #expect(report.dryRun == .server)
            let pods = try await cluster.client.list(Pod.self).items
            #expect(pods.count == 3)
            #expect(pods.allSatisfy { !$0.isTerminating })
        }
    }

    @Test("--dry-run=client picks the same victim as the real run with the same seed, and sends nothing")
    func clientDryRunMatchesRealRun() async throws {
        try await Self.withCluster { cluster in
            try await cluster.deployment("web", replicas: 3)
            try await cluster.deployment("api", replicas: 2)
            let engine = ChaosEngine(client: cluster.client, version: "test")
            let dry = try await engine.kill(Self.options(dryRun: .client, seed: 7))
            #expect(try await cluster.client.list(Pod.self).items.allSatisfy { !$0.isTerminating })
            let real = try await engine.kill(Self.options(seed: 7))
            #expect(dry.kills.map(\.pod.name) == real.kills.map(\.pod.name))
        }
    }

    @Test("A PodDisruptionBudget that allows nothing leaves nothing to kill in evict mode")
    func budgetBlocks() async throws {
        try await Self.withCluster { cluster in
            try await cluster.deployment("web", replicas: 3)
            try await cluster.budget("web-pdb", selector: ["app": "web"], allowed: 0)
            let plan = try await ChaosEngine(client: cluster.client, version: "test").plan(Self.options(.evict))
            #expect(plan.victims.isEmpty)
            #expect(plan.skipped.allSatisfy { $0.reasons == [.disruptionBudget] })
            #expect(plan.skipped.count == 3)
        }
    }

    @Test("A StatefulSet pod replaced under the same name is never hit: the UID precondition reports it gone")
    func statefulSetNameReuse() async throws {
        try await Self.withCluster { cluster in
            let pods = try await cluster.statefulSet("db", replicas: 3)
            let engine = ChaosEngine(client: cluster.client, version: "test")
            let plan = try await engine.plan(Self.options())
            let victim = try #require(plan.victims.first)
            // Between plan and kill, the controller recreates the pod: same name, new UID.
            _ = try await cluster.client.delete(Pod.self, name: victim.name, options: DeleteOptions(gracePeriodSeconds: 0))
            let replacement = try await cluster.runningPod(
                victim.name, labels: ["app": "db"],
                owner: pods.first?.metadata.controller)
            // The API refuses the kill (409); the engine reads that as gone (ChaosEngineKillTests).
            let refusal = await #expect(throws: KubeAPIError.self) {
                try await APIPodKiller(client: cluster.client)
                    .kill(KillRequest(namespace: victim.namespace, name: victim.name, uid: victim.uid, mode: .delete))
            }
            #expect(refusal?.isConflict == true)
            let current = try await cluster.client.get(Pod.self, name: victim.name)
            #expect(current.metadata.uid == replacement.metadata.uid)
            #expect(!current.isTerminating)
        }
    }

    @Test("The tool's own pod and its siblings are never chosen (POD_NAME via the downward API)")
    func selfProtection() async throws {
        try await Self.withCluster { cluster in
            let monkeys = try await cluster.deployment("podchaosmonkey", replicas: 2)
            try await cluster.deployment("web", replicas: 2)
            var options = Self.options()
            options.count = .all
            options.maxKills = 10
            options.criteria.selfIdentity = SelfIdentity.fromEnvironment(["POD_NAME": monkeys[0].name, "POD_NAMESPACE": "demo"])
            let plan = try await ChaosEngine(client: cluster.client, version: "test").plan(options)
            #expect(plan.victims.allSatisfy { $0.owner?.name == "web" })
            let reasons = Dictionary(uniqueKeysWithValues: plan.selection.excluded.map { ($0.candidate.name, $0.reasons) })
            #expect(reasons[monkeys[0].name]?.contains(.selfPod) == true)
            #expect(reasons[monkeys[1].name]?.contains(.ownWorkload) == true)
        }
    }

    @Test("--sequence parallel kills up to the target at once, one per owner, never past --max-kills")
    func parallel() async throws {
        try await Self.withCluster { cluster in
            for name in ["a", "b", "c", "d"] { try await cluster.deployment(name, replicas: 2) }
            var options = Self.options()
            options.count = .all
            options.maxKills = 3
            options.sequence = .parallel
            let report = try await ChaosEngine(client: cluster.client, version: "test").kill(options)
            #expect(report.kills.count == 3)
            #expect(report.kills.allSatisfy { $0.result == .killed })
            #expect(Set(report.kills.compactMap { $0.owner?.name }).count == 3)
        }
    }

    @Test("--scale-down-self scales the tool's own Deployment to 0 after the kill, through the scale subresource")
    func scaleDownSelf() async throws {
        try await Self.withCluster { cluster in
            let own = try await cluster.deployment("podchaosmonkey", replicas: 1)
            try await cluster.deployment("web", replicas: 3)
            var options = Self.options()
            options.scaleDownSelf = true
            options.criteria.selfIdentity = SelfIdentity.fromEnvironment(["POD_NAME": own[0].name, "POD_NAMESPACE": "demo"])
            let report = try await ChaosEngine(client: cluster.client, version: "test").kill(options)
            #expect(report.kills.map { $0.owner?.name } == ["web"])
            #expect(try await cluster.client.get(Deployment.self, name: "podchaosmonkey").spec?.replicas == 0)
            #expect(try await cluster.client.get(Deployment.self, name: "web").spec?.replicas == 3)
        }
    }

    @Test("--scale-down-self without knowing its own pod is a clear error")
    func scaleDownSelfUnknown() async throws {
        try await Self.withCluster { cluster in
            try await cluster.deployment("web", replicas: 3)
            var options = Self.options()
            options.scaleDownSelf = true
            let error = await #expect(throws: EngineError.self) {
                try await ChaosEngine(client: cluster.client, version: "test").kill(options)
            }
            #expect(error?.description.contains("POD_NAME") == true)
            #expect(try await cluster.client.list(Pod.self).items.allSatisfy { !$0.isTerminating }, "refused before any kill")
        }
    }

    @Test("A Deployment that is not fully ready is left alone")
    func degradedOwner() async throws {
        try await Self.withCluster { cluster in
            try await cluster.deployment("web", replicas: 3, ready: 2)
            let report = try await ChaosEngine(client: cluster.client, version: "test").kill(Self.options())
            #expect(report.verdict == .nothingKilled)
            #expect(report.kills.isEmpty)
        }
    }
}

/// In-process, as `EngineSandboxTests`: no threads of its own.
@Suite("Events and metrics of a kill")
struct KillEventsAndMetricsTests {
    @Test("A kill writes a Killed Event on the victim and counts podchaosmonkey_kills_total with its labels")
    func eventAndCounter() async throws {
        try await SandboxCluster.with { cluster in
            try await cluster.deployment("web", replicas: 3)
            let metrics = TestMetrics()
            let engine = ChaosEngine(
                client: cluster.client, version: "test", metrics: ChaosMetrics(factory: metrics), instance: "test-host")
            let report = try await engine.kill(EngineSandboxTests.options(.delete, seed: 42))
            let kill = try #require(report.kills.first)

            let events = try await cluster.client.list(Event.self, namespace: "demo").items
            let event = try #require(events.first { $0.reason == "Killed" })
            #expect(event.reportingController == "podchaosmonkey.io/podchaosmonkey")
            #expect(event.reportingInstance == "test-host")
            #expect(event.regarding?.uid == kill.pod.uid)
            #expect(event.note == "Killed by podchaosmonkey: delete, seed 42, kill-id \(kill.killId)")
            #expect(event.type == "Warning")

            let counter = try metrics.expectCounter(
                "podchaosmonkey_kills_total",
                [("namespace", "demo"), ("owner_kind", "Deployment"), ("mode", "delete"), ("result", "killed")])
            #expect(counter.totalValue == 1)
        }
    }

    @Test("API errors are counted by verb and code")
    func apiErrors() async throws {
        try await SandboxCluster.with { cluster in
            let metrics = TestMetrics()
            try await withInProcessClient(
                cluster.sandbox, config: cluster.sandbox.clusterConfig(namespace: "demo"), options: ClientOptions(metricsFactory: metrics)
            ) { client in
                _ = try? await client.get(Pod.self, name: "missing")
            }
            #expect(try metrics.expectCounter("podchaosmonkey_api_errors_total", [("verb", "get"), ("code", "404")]).totalValue == 1)
        }
    }
}
