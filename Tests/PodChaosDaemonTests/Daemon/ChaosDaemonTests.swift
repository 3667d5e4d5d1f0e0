import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import Logging
import MetricsTestKit
import PodChaos
import ServiceLifecycle
import Testing

@testable import PodChaosDaemon

/// The tick loop against a living sandbox (in-process, `DaemonSandbox`), with test doubles for leadership, notifier,
/// clock and schedule. It keeps `.dedicatedThreads`: the sandbox's kubelet brings pods back in wall-clock time.
@Suite("ChaosDaemon against the sandbox", .dedicatedThreads, .serialized)
struct ChaosDaemonTests {
    @Test("Kills only while leading, within the hourly budget; the notifier hears killed and recovered")
    func leadingAndBudget() async throws {
        try await DaemonSandbox.with { cluster in
            try await cluster.deployment("web", replicas: 3)
            let before = try await cluster.podUIDs(app: "web")
            let leadership = ToggledLeadership(leading: false)
            let notifier = RecordingNotifier()
            let clock = VirtualClock()
            let daemon = cluster.daemon(
                leadership: leadership, notifier: notifier, clock: clock,
                budget: KillBudget(maxKillsPerHour: 2, minTimeBetweenKillsPerOwner: .zero))

            #expect(await daemon.tick(at: clock.now()) == .skipped(.notLeader))
            #expect(try await cluster.podUIDs(app: "web") == before)
            #expect(leadership.persists == 0)

            leadership.setLeading(true)
            for minute in [1.0, 2.0] {
                clock.advance(by: 60)
                #expect(await daemon.tick(at: clock.now()) == .killing(["demo/Deployment/web"]), "tick at minute \(minute)")
                await daemon.waitForRecoveries()
                #expect(try await eventuallyHolds { try await cluster.client.get(Deployment.self, name: "web").status?.readyReplicas == 3 })
            }
            clock.advance(by: 60)
            #expect(await daemon.tick(at: clock.now()) == .skipped(.maxKillsPerHour))
            clock.advance(by: 3600)
            #expect(await daemon.tick(at: clock.now()) == .killing(["demo/Deployment/web"]))
            await daemon.waitForRecoveries()

            #expect(notifier.killed.count == 3)
            #expect(notifier.killed.allSatisfy { $0.result == .killed && $0.owner?.name == "web" })
            #expect(notifier.recovered.count == 3)
            #expect(notifier.recovered.allSatisfy { $0.recovery?.verdict == .recovered })
            #expect(Set(notifier.killed.map(\.killId)) == Set(notifier.recovered.map(\.killId)))
            // Three different pods are gone (a later kill may hit an earlier replacement).
            let remaining = try await cluster.podUIDs(app: "web")
            let victims = Set(notifier.killed.compactMap(\.pod.uid))
            #expect(victims.count == 3)
            #expect(victims.isDisjoint(with: remaining))
            #expect(leadership.persists == 3)
            let history = try KillHistory(decoding: try #require(leadership.stored))
            #expect(history.lastKill(of: "demo/Deployment/web") != nil)
        }
    }

    @Test("The pause annotation takes effect on the next tick: on a target namespace, and on the own Deployment found from POD_NAME")
    func pause() async throws {
        try await DaemonSandbox.with { cluster in
            try await cluster.namespace("tools")
            try await cluster.deployment("web", replicas: 2)
            try await cluster.deployment("podchaosmonkey", namespace: "tools", replicas: 1)
            let ownPod = try #require(try await cluster.client.list(Pod.self, namespace: "tools").items.first?.metadata.name)
            let clock = VirtualClock()
            let daemon = cluster.daemon(
                leadership: ToggledLeadership(), clock: clock, selfIdentity: SelfIdentity(podName: ownPod, namespace: "tools"))

            try await cluster.pauseNamespace("demo", true)
            #expect(await daemon.tick(at: clock.now()) == .skipped(.paused))
            #expect(await daemon.snapshot().pausedNamespaces == ["demo"])
            try await cluster.pauseNamespace("demo", nil)
            clock.advance(by: 60)
            #expect(await daemon.tick(at: clock.now()) == .killing(["demo/Deployment/web"]))
            await daemon.waitForRecoveries()

            try await cluster.pauseDeployment("tools", "podchaosmonkey", true)
            clock.advance(by: 60)
            #expect(await daemon.tick(at: clock.now()) == .skipped(.paused))
            #expect(await daemon.snapshot().paused)
            try await cluster.pauseDeployment("tools", "podchaosmonkey", false)
            #expect(try await eventuallyHolds { try await cluster.client.get(Deployment.self, name: "web").status?.readyReplicas == 2 })
            clock.advance(by: 60)
            #expect(await daemon.tick(at: clock.now()) == .killing(["demo/Deployment/web"]))
            await daemon.waitForRecoveries()
        }
    }

    @Test("The health gate skips while a namespace has an unready pod, and while a recovery is pending")
    func healthGate() async throws {
        try await DaemonSandbox.with { cluster in
            try await cluster.deployment("web", replicas: 2)
            try await cluster.deployment(
                "stuck", replicas: 1, podAnnotations: ["sandbox.podchaosmonkey.io/failure": "never-ready"], waitReady: false)
            #expect(
                try await eventuallyHolds {
                    try await cluster.client.list(Pod.self, options: ListOptions(labelSelector: "app=stuck")).items.first?.phase == .running
                })
            let clock = VirtualClock()
            let metrics = TestMetrics()
            let strict = cluster.daemon(leadership: ToggledLeadership(), clock: clock, metrics: DaemonMetrics(factory: metrics))
            #expect(await strict.tick(at: clock.now()) == .skipped(.namespaceUnready))
            #expect(await strict.tick(at: clock.now().addingTimeInterval(60)) == .skipped(.namespaceUnready))
            #expect(await strict.snapshot().unreadyNamespaces == ["demo"])
            #expect(try metrics.expectCounter("podchaosmonkey_ticks_total").totalValue == 2)
            #expect(try metrics.expectCounter("podchaosmonkey_skipped_ticks_total", [("reason", "namespace_unready")]).totalValue == 2)
            #expect(try metrics.expectGauge("podchaosmonkey_leader").lastValue == 1)

            let tolerant = cluster.daemon(leadership: ToggledLeadership(), clock: clock, maxUnready: 1)
            #expect(await tolerant.tick(at: clock.now()) == .killing(["demo/Deployment/web"]))
            // The kill's recovery is still being observed: the next tick holds back.
            clock.advance(by: 1)
            #expect(await tolerant.tick(at: clock.now()) == .skipped(.recoveryPending))
            await tolerant.waitForRecoveries()
            #expect(await tolerant.snapshot().recoveryPending.isEmpty)
        }
    }

    @Test("History persisted through leadership makes a new daemon respect --min-time-between-kills-per-owner")
    func historySurvivesRestart() async throws {
        try await DaemonSandbox.with { cluster in
            try await cluster.deployment("web", replicas: 2)
            let leadership = ToggledLeadership()
            let clock = VirtualClock()
            let budget = KillBudget(minTimeBetweenKillsPerOwner: .seconds(3600))
            let first = cluster.daemon(leadership: leadership, clock: clock, budget: budget)
            #expect(await first.tick(at: clock.now()) == .killing(["demo/Deployment/web"]))
            await first.waitForRecoveries()
            #expect(try await eventuallyHolds { try await cluster.client.get(Deployment.self, name: "web").status?.readyReplicas == 2 })
            let persisted = try #require(leadership.stored)
            #expect(persisted.contains("demo/Deployment/web"))

            // A successor: a new daemon with only the persisted state to go on.
            let successor = cluster.daemon(leadership: ToggledLeadership(stored: persisted), clock: clock, budget: budget)
            clock.advance(by: 600)
            #expect(await successor.tick(at: clock.now()) == .skipped(.ownerCooldown))
            let owner = try #require(await successor.snapshot().eligibleOwners.first)
            #expect(owner.cooldownUntil != nil)
            clock.advance(by: 3000)
            #expect(await successor.tick(at: clock.now()) == .killing(["demo/Deployment/web"]))
            await successor.waitForRecoveries()
        }
    }

    @Test("Owners without an MTBF are never drawn; outside the window nothing is killed")
    func mtbfAndWindow() async throws {
        try await DaemonSandbox.with { cluster in
            try await cluster.deployment("web", replicas: 2)
            try await cluster.deployment("rated", replicas: 2, annotations: [PodChaosKeys.mtbf: "0s"])
            let clock = VirtualClock()
            let inactive = cluster.daemon(leadership: ToggledLeadership(), clock: clock, window: NeverActive())
            #expect(await inactive.tick(at: clock.now()) == .skipped(.inactive))

            let webPods = try await cluster.podUIDs(app: "web")
            let notifier = RecordingNotifier()
            let daemon = cluster.daemon(leadership: ToggledLeadership(), notifier: notifier, clock: clock, defaultMTBF: nil)
            #expect(await daemon.tick(at: clock.now()) == .killing(["demo/Deployment/rated"]))
            await daemon.waitForRecoveries()
            // The engine killed a pod of the drawn owner, and only of it.
            #expect(notifier.killed.map { $0.owner?.name } == ["rated"])
            #expect(try await cluster.podUIDs(app: "web") == webPods)
            let snapshot = await daemon.snapshot()
            let web = try #require(snapshot.eligibleOwners.first { $0.name == "web" })
            #expect(web.mtbf == nil && web.probability == 0 && web.mtbfProblem != nil)
            let rated = try #require(snapshot.eligibleOwners.first { $0.name == "rated" })
            #expect(rated.probability == 1)
            let body = await daemon.planJSON()
            let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
            #expect(json["eligibleOwners"] is [[String: Any]])
            #expect(json["budgets"] is [String: Any])
            #expect(json["lastDecision"] as? String == "kill")

            let checks = await daemon.readiness()
            #expect(checks.map(\.name) == ["api", "leadership"])
            #expect(checks.allSatisfy { $0.ok })
        }
    }

    @Test("run() on a fast schedule kills within the hourly cap until --max-runtime, then releases leadership")
    func runLoop() async throws {
        try await DaemonSandbox.with { cluster in
            try await cluster.deployment("web", replicas: 3)
            let leadership = ToggledLeadership()
            let notifier = RecordingNotifier()
            let clock = VirtualClock()
            let daemon = cluster.daemon(
                leadership: leadership, notifier: notifier, clock: clock,
                budget: KillBudget(maxKillsPerHour: 1, minTimeBetweenKillsPerOwner: .zero), maxRuntime: .seconds(3 * 3600),
                schedule: EveryInterval(seconds: 120))
            try await daemon.run()
            #expect(leadership.released)
            // Each persist holds the last hour only; together they hold every kill.
            let times = try leadership.allStored.map { try KillHistory(decoding: $0) }.flatMap { $0.recentKills["demo"] ?? [] }
            let kills = Set(times).sorted()
            #expect(kills.count == notifier.killed.count)
            #expect(notifier.killed.count >= 1)
            #expect(notifier.killed.count <= 3)
            for (earlier, later) in zip(kills, kills.dropFirst()) { #expect(later.timeIntervalSince(earlier) >= 3600) }
        }
    }

    @Test(
        "A run that --max-runtime ends waits for the recovery in flight to reach its verdict, however far past --shutdown-timeout",
        .timeLimit(.minutes(1)))
    func maxRuntimeWaitsForVerdict() async throws {
        let controllers = SteppingClock()
        try await DaemonSandbox.with(controllerTime: controllers) { cluster in
            try await cluster.deployment("web", replicas: 2)
            let time = SteppingClock()
            let notifier = RecordingNotifier()
            let daemon = cluster.daemon(
                leadership: ToggledLeadership(), notifier: notifier, clock: SteppedDaemonClock(time), maxRuntime: .seconds(90),
                shutdownTimeout: .seconds(5), recoveryTimeout: .seconds(3600), schedule: EveryInterval(seconds: 60))
            async let running: Void = daemon.run()
            _ = await time.sleeping { $0.contains { $0.offset == .seconds(60) } }
            time.advance(by: .seconds(60))
            #expect(try await eventuallyHolds { !notifier.killed.isEmpty })
            // --max-runtime is reached; the daemon's time then runs far past --shutdown-timeout with the replacement
            // still unready, because the controllers' time stands still.
            _ = await time.sleeping { $0.contains { $0.offset == .seconds(90) } }
            time.advance(by: .seconds(3600))
            #expect(notifier.recovered.isEmpty)
            try await controllers.fireTimers { !notifier.recovered.isEmpty }
            try await running
            #expect(notifier.interrupted.isEmpty)
            #expect(notifier.recovered.map(\.killId) == notifier.killed.map(\.killId))
        }
    }

    @Test(
        "Graceful shutdown stops ticking, abandons the observation at --shutdown-timeout on the daemon's clock, reports it interrupted, and releases leadership",
        .timeLimit(.minutes(1)))
    func gracefulShutdown() async throws {
        // The controllers' time stands still after the kill: the replacement never becomes ready, so its recovery is
        // still being observed at shutdown however slow the machine is.
        try await DaemonSandbox.with(controllerTime: SteppingClock()) { cluster in
            try await cluster.deployment("slow", replicas: 2)
            let time = SteppingClock()
            let leadership = ToggledLeadership()
            let notifier = RecordingNotifier()
            let log = LogCapture()
            let daemon = cluster.daemon(
                leadership: leadership, notifier: notifier, clock: SteppedDaemonClock(time), shutdownTimeout: .seconds(30),
                recoveryTimeout: .seconds(3600), schedule: EveryInterval(seconds: 60), logger: log.logger)
            let group = ServiceGroup(services: [daemon], logger: .init(label: "test"))
            let running = Task { try await group.run() }
            _ = await time.sleeping { $0.contains { $0.offset == .seconds(60) } }
            time.advance(by: .seconds(60))
            #expect(try await eventuallyHolds { !notifier.killed.isEmpty })
            await group.triggerGracefulShutdown()
            // The stop ends the wait for the next tick; the observation gets --shutdown-timeout from the stop on.
            let abandonAt = time.now.advanced(by: .seconds(30))
            _ = await time.sleeping { $0.contains(abandonAt) }
            #expect(notifier.interrupted.isEmpty, "nothing is abandoned before --shutdown-timeout")
            time.advance(by: .seconds(30))
            try await running.value
            #expect(leadership.released)
            #expect(notifier.killed.count == 1)
            // No verdict: the kill is reported interrupted, under its own kill-id, in the log and to the notifier.
            #expect(notifier.recovered.isEmpty)
            let killID = try #require(notifier.killed.first?.killId)
            #expect(notifier.interrupted.map(\.killId) == [killID])
            let interrupted = log.all.filter { $0.contains("recovery interrupted") }
            #expect(interrupted.count == 1)
            #expect(interrupted.first?.contains("kill-id=\(killID)") == true)
            #expect(interrupted.first?.contains("decision=interrupted") == true)
            #expect(!log.all.contains { $0.contains("decision=verdict") })
        }
    }

    @Test(
        "A stuck tick fails the liveness check once past --tick-timeout, and a graceful shutdown still ends the daemon",
        .timeLimit(.minutes(1)))
    func stuckTick() async throws {
        try await DaemonSandbox.with { cluster in
            let leadership = StuckLeadership()
            let clock = SteppingClock()
            let liveness = TickLiveness(clock: clock, bound: .seconds(60))
            let time = SteppingClock()
            let daemon = cluster.daemon(
                leadership: leadership, clock: SteppedDaemonClock(time), schedule: EveryInterval(seconds: 60), liveness: liveness)
            #expect(daemon.livenessChecks().allSatisfy { $0.ok })
            let group = ServiceGroup(services: [daemon], logger: .init(label: "test"))
            let running = Task { try await group.run() }
            _ = await time.sleeping { !$0.isEmpty }
            time.advance(by: .seconds(60))
            #expect(try await eventuallyHolds { leadership.stuckTicks == 1 })
            clock.advance(by: .seconds(60))
            #expect(daemon.livenessChecks().allSatisfy { $0.ok })
            clock.advance(by: .seconds(1))
            let failed = try #require(daemon.livenessChecks().first)
            #expect(!failed.ok)
            #expect(failed.name == "tick-loop")
            #expect(failed.detail == "tick 1 has run for 1m1s, over --tick-timeout 1m")
            await group.triggerGracefulShutdown()
            try await running.value
            #expect(leadership.stuckTicks == 1)
            #expect(daemon.livenessChecks().allSatisfy { $0.ok })
        }
    }

    @Test("A stop during a --once tick reports the tick interrupted, not an API error, and kills nothing", .timeLimit(.minutes(1)))
    func stopDuringOnceTick() async throws {
        try await DaemonSandbox.with { cluster in
            try await cluster.deployment("web", replicas: 2)
            let leadership = StalledHistoryLeadership()
            let notifier = RecordingNotifier()
            let log = LogCapture()
            let daemon = cluster.daemon(
                leadership: leadership, notifier: notifier, clock: SteppedDaemonClock(SteppingClock()), once: true, logger: log.logger)
            let group = ServiceGroup(services: [daemon], logger: .init(label: "test"))
            let running = Task { try await group.run() }
            #expect(try await eventuallyHolds { leadership.stalledReads == 1 })
            await group.triggerGracefulShutdown()
            try await running.value
            #expect(await daemon.lastOutcome == .interrupted)
            #expect(notifier.killed.isEmpty)
            #expect(log.all.contains { $0.contains("tick interrupted") && $0.contains("decision=interrupted") })
            #expect(!log.all.contains { $0.contains(SkipReason.apiError.rawValue) })
        }
    }
}
