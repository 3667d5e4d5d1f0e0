import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import MetricsTestKit
import PodChaos
import Testing

@testable import PodChaosDaemon

/// The daemon's kills with probes, against the living sandbox: ticks at the test's times on a virtual daemon clock;
/// the engine's time (probe sends and windows) on a stepping clock the scripted transport drives; probe answers scripted
/// by that time. A kill at 2s after a 2s baseline, then a 2s after window; the probe sends 5 a second.
@Suite("ChaosDaemon with probes: impact counted, harmful kills hold their owner until cleared", .dedicatedThreads, .serialized)
struct DaemonImpactTests {
    static let owner = "demo/Deployment/web"
    static let probe = "http://web.demo.svc/ name=web"

    struct Rig {
        let daemon: ChaosDaemon
        let transport: ScriptedProbeTransport
        let notifier = RecordingNotifier()
        let metrics = TestMetrics()
        let log = LogCapture()
        let clock = VirtualClock()
        let leadership = ToggledLeadership()

        let cluster: DaemonSandbox

        init(_ cluster: DaemonSandbox, answer: @escaping ScriptedProbeTransport.Answer) {
            self.cluster = cluster
            let time = SteppingClock()
            let start = Date(timeIntervalSince1970: 1_764_000_000)
            transport = ScriptedProbeTransport(clock: time, answer: answer)
            daemon = cluster.daemon(
                leadership: leadership, notifier: notifier, clock: clock, metrics: DaemonMetrics(factory: metrics), probes: [probe],
                probeTransport: transport, engineTime: EngineTime(now: { start.addingTimeInterval(time.now.offset.seconds) }, timer: time),
                logger: log.logger)
        }

        /// A tick a minute on, and, when it kills, the probed run driven to its end and `web` back to 2 ready replicas (the
        /// health gate would skip the next tick before); the tick's outcome.
        func tickAndFinish() async throws -> ChaosDaemon.TickOutcome {
            // Past the requests of an earlier run, so the drive counts this run's only; the first run starts at 0.
            if !transport.requests.isEmpty { transport.clock.advance(by: .seconds(1)) }
            let start = transport.clock.now.offset
            clock.advance(by: 60)
            let outcome = await daemon.tick(at: clock.now())
            await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await transport.drive(from: start) }
                await daemon.waitForRecoveries()
                group.cancelAll()
            }
            let ready = try await eventuallyHolds { try await cluster.client.get(Deployment.self, name: "web").status?.readyReplicas == 2 }
            #expect(ready, "web has 2 ready replicas again")
            return outcome
        }
    }

    /// 200 before the kill (the first 2s of a run that starts at `start`), 503 from it on.
    static func brokenByTheKill(from start: Duration = .zero) -> ScriptedProbeTransport.Answer {
        { at in at - start >= .seconds(2) ? ScriptedProbeTransport.unavailable : ScriptedProbeTransport.ok }
    }

    static func annotate(_ cluster: DaemonSandbox, cleared killId: String) async throws {
        let patch = #"{"metadata":{"annotations":{"\#(PodChaosKeys.impactCleared)":"\#(killId)"}}}"#
        _ = try await cluster.client.patch(Deployment.self, name: "web", patch: .merge(Data(patch.utf8)))
    }

    /// Waits until the daemon's inventory (its watch cache) shows `web` annotated with `killId`.
    static func daemonSees(_ daemon: ChaosDaemon, cleared killId: String) async throws -> Bool {
        let engine = await daemon.engine
        var options = await daemon.options.kill
        options.owners = nil
        return try await eventuallyHolds {
            try await engine.plan(options).inventory.candidates.contains { $0.owner?.annotations[PodChaosKeys.impactCleared] == killId }
        }
    }

    @Test("A kill that breaks the steady state holds its owner: later ticks skip it (impact_cooldown), /plan shows the hold")
    func harmfulKillHoldsOwner() async throws {
        try await DaemonSandbox.with { cluster in
            try await cluster.deployment("web", replicas: 2)
            let rig = Rig(cluster, answer: Self.brokenByTheKill())
            #expect(try await rig.tickAndFinish() == .killing([Self.owner]))
            let killId = try #require(rig.notifier.killed.first?.killId.rawValue)

            let snapshot = await rig.daemon.snapshot()
            let impact = try #require(snapshot.lastProbedKill)
            #expect(impact.outcome.isHarmful)
            #expect(impact.killIds == [killId])
            #expect(impact.owners == [Self.owner])
            let web = try #require(impact.probes.first)
            #expect(web.name == "web")
            #expect(web.before == .held)
            #expect((web.disruptionSuccessRatio ?? 1) < 0.9)
            #expect(snapshot.probedKills.runs == 1)
            #expect(snapshot.probedKills.aborted + snapshot.probedKills.steadyStateNotMetAfter == 1)
            let hold = try #require(snapshot.impactHolds.first)
            #expect(snapshot.impactHolds.count == 1)
            #expect(hold.owner == Self.owner)
            #expect(hold.killId == killId)
            #expect(hold.reason == impact.reason)
            #expect(hold.reason.hasPrefix("aborted: probe web") || hold.reason.hasPrefix("steady-state-not-met after recovery"))
            #expect(hold.clear == "kubectl annotate --overwrite -n demo deployment/web podchaosmonkey.io/impact-cleared=\(killId)")
            let json = try #require(try JSONSerialization.jsonObject(with: await rig.daemon.planJSON()) as? [String: Any])
            #expect((json["impactHolds"] as? [[String: Any]])?.first?["killId"] as? String == killId)
            #expect(rig.log.all.contains { $0.contains("decision=impact-hold") && $0.contains("kill-id=\(killId)") })
            #expect(try rig.metrics.expectGauge("podchaosmonkey_impact_cooldown_owners").lastValue == 1)

            // The hold went to the lease with the kill.
            let stored = try KillHistory(decoding: try #require(rig.leadership.stored))
            #expect(stored.impactHolds[Self.owner]?.killId == killId)

            for _ in 0..<2 {
                #expect(try await rig.tickAndFinish() == .skipped(.impactCooldown))
            }
            #expect(rig.notifier.killed.count == 1)
            #expect(try rig.metrics.expectCounter("podchaosmonkey_skipped_ticks_total", [("reason", "impact_cooldown")]).totalValue == 2)
            #expect(await rig.daemon.snapshot().lastSkipReason == .impactCooldown)
        }
    }

    @Test("The annotation naming the kill clears the hold, logged once; another kill id does not; a later harmful kill needs a fresh clear")
    func annotationClearsHold() async throws {
        try await DaemonSandbox.with { cluster in
            try await cluster.deployment("web", replicas: 2)
            let rig = Rig(cluster, answer: Self.brokenByTheKill())
            #expect(try await rig.tickAndFinish() == .killing([Self.owner]))
            let first = try #require(rig.notifier.killed.first?.killId.rawValue)

            try await Self.annotate(cluster, cleared: "01WRONGKILLID")
            #expect(try await Self.daemonSees(rig.daemon, cleared: "01WRONGKILLID"))
            #expect(try await rig.tickAndFinish() == .skipped(.impactCooldown))
            #expect(await rig.daemon.snapshot().impactHolds.map(\.killId) == [first])

            // Healthy from now on: the kill the clear lets through holds nobody.
            rig.transport.script { _ in ScriptedProbeTransport.ok }
            try await Self.annotate(cluster, cleared: first)
            #expect(try await Self.daemonSees(rig.daemon, cleared: first))
            #expect(try await rig.tickAndFinish() == .killing([Self.owner]))
            #expect(await rig.daemon.snapshot().impactHolds.isEmpty)
            #expect(await rig.daemon.snapshot().lastProbedKill?.outcome == .held)
            #expect(try rig.metrics.expectGauge("podchaosmonkey_impact_cooldown_owners").lastValue == 0)
            let persisted = try KillHistory(decoding: try #require(rig.leadership.stored))
            #expect(persisted.impactHolds.isEmpty)

            // Broken again: the old annotation does not clear the new hold, and the clear is not logged again.
            let offset = rig.transport.clock.now.offset + .seconds(1)
            rig.transport.script(Self.brokenByTheKill(from: offset))
            #expect(try await rig.tickAndFinish() == .killing([Self.owner]))
            let third = try #require(rig.notifier.killed.last?.killId.rawValue)
            #expect(third != first)
            #expect(try await rig.tickAndFinish() == .skipped(.impactCooldown))
            #expect(await rig.daemon.snapshot().impactHolds.map(\.killId) == [third])
            let clears = rig.log.all.filter { $0.contains("decision=impact-cleared") }
            #expect(clears.count == 1)
            #expect(clears.first?.contains("kill-id=\(first)") == true)
        }
    }

    @Test("The steady state not met before the kill: nothing is killed, the skip is counted as steady_state_not_met")
    func steadyStateNotMetBefore() async throws {
        try await DaemonSandbox.with { cluster in
            try await cluster.deployment("web", replicas: 2)
            let before = try await cluster.podUIDs(app: "web")
            let rig = Rig(cluster) { _ in ScriptedProbeTransport.unavailable }
            #expect(try await rig.tickAndFinish() == .killing([Self.owner]))
            #expect(await rig.daemon.lastOutcome == .skipped(.steadyStateNotMet))
            #expect(rig.notifier.killed.isEmpty)
            #expect(try await cluster.podUIDs(app: "web") == before)
            #expect(
                try rig.metrics.expectCounter("podchaosmonkey_skipped_ticks_total", [("reason", "steady_state_not_met")]).totalValue == 1)
            let snapshot = await rig.daemon.snapshot()
            #expect(snapshot.lastSkipReason == .steadyStateNotMet)
            #expect(snapshot.lastProbedKill?.outcome == .steadyStateNotMet)
            #expect(snapshot.lastProbedKill?.probes.first?.before == .notMet)
            #expect(snapshot.probedKills.steadyStateNotMet == 1)
            #expect(snapshot.impactHolds.isEmpty)
            #expect(rig.log.all.contains { $0.contains("tick skipped") && $0.contains("reason=steady_state_not_met") })
            #expect(rig.leadership.persists == 0)
        }
    }

    @Test("A hold in the persisted history holds the owner for a successor, which lists it in /plan")
    func holdSurvivesRestart() async throws {
        try await DaemonSandbox.with { cluster in
            try await cluster.deployment("web", replicas: 2)
            let since = Date(timeIntervalSince1970: 1_763_990_000)
            let persisted = KillHistory(
                impactHolds: [Self.owner: ImpactHold(killId: "01KILL", reason: "aborted: probe web: …", since: since)])
            let clock = VirtualClock()
            let successor = cluster.daemon(leadership: ToggledLeadership(stored: persisted.encoded()), clock: clock)
            #expect(await successor.tick(at: clock.now()) == .skipped(.impactCooldown))
            let hold = try #require(await successor.snapshot().impactHolds.first)
            #expect(hold.killId == "01KILL")
            #expect(hold.since == since)
            #expect(hold.reason == "aborted: probe web: …")
        }
    }
}
