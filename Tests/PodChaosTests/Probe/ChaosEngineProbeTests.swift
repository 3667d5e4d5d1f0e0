import Foundation
import KubeAPI
import KubeTesting
import MetricsTestKit
import Testing

@testable import PodChaos

/// Kills with probes, on virtual time: a scripted killer, a static inventory, and probe answers scripted by the time
/// they are sent. The run's windows: a 2s baseline, kills 2s apart, a 2s after window; the probe sends 5 a second.
@Suite("Kills with probes: the steady state before, the abort criterion during, the steady state after")
struct ChaosEngineProbeTests {
    struct Outcome {
        var report: KillReport
        var killer: ScriptedKiller
        var transport: ScriptedProbeTransport
        var metrics: TestMetrics
    }

    /// Runs a kill of `kills` pods with one probe (`--probe` options in `probe`) whose answers `answer` scripts.
    static func run(
        kills: Int = 1, probe: String? = "http://web.demo.svc/ name=web", ownerProbe: String? = nil,
        answer: @escaping @Sendable (Duration) -> ProbeResponse
    ) async throws -> Outcome {
        let clock = SteppingClock()
        let killer = ScriptedKiller(Array(repeating: .outcome(.accepted), count: kills), readBack: .terminating)
        let transport = ScriptedProbeTransport(clock: clock, answer: answer)
        let metrics = TestMetrics()
        var options = KillOptions(
            criteria: SelectionCriteria(namespaces: NamespaceScope(included: ["demo"])), count: .count(kills), maxKills: kills, seed: 7,
            mode: .delete, intervalBetween: .seconds(2), perOwner: kills, recovery: RecoveryOptions(wait: false))
        options.probes = try ProbeSpecParser.parse(probe.map { [$0] } ?? [])
        options.probeWindows = ProbeWindowLengths(baseline: .seconds(2), after: .seconds(2))
        let chosen = options
        let owner = CandidateBuilder.workload(annotations: ownerProbe.map { [PodChaosKeys.probe: $0] } ?? [:])
        let pods = (0..<3).map { CandidateBuilder.pod("web-\($0)", owner: owner) }
        let start = CandidateBuilder.now
        let report = try await UnreachableCluster.with { client in
            let engine = ChaosEngine(
                client: client, version: "test", metrics: ChaosMetrics(factory: metrics),
                now: { start.addingTimeInterval(clock.now.offset.seconds) }, timer: clock,
                inventory: StaticInventory(inventory: Inventory(candidates: pods, budgets: DisruptionBudgets([]))), killer: killer,
                probeTransport: transport)
            return try await withThrowingTaskGroup(of: KillReport?.self) { group in
                group.addTask { try await engine.kill(chosen) }
                group.addTask {
                    try await transport.drive()
                    return nil
                }
                defer { group.cancelAll() }
                while let result = try await group.next() {
                    if let report = result { return report }
                }
                throw CancellationError()
            }
        }
        return Outcome(report: report, killer: killer, transport: transport, metrics: metrics)
    }

    static func seconds(_ value: Double) -> Duration { .milliseconds(Int((value * 1000).rounded())) }

    @Test("Healthy throughout: the run passes, with a baseline, a disruption and an after window, each judged")
    func healthy() async throws {
        let outcome = try await Self.run(kills: 2) { _ in ScriptedProbeTransport.ok }
        let report = outcome.report
        #expect(report.verdict == .pass)
        #expect(outcome.killer.requests.count == 2)
        let probes = try #require(report.probes)
        #expect(probes.before == .held)
        #expect(probes.after == .held)
        #expect(probes.aborted == nil)
        let web = try #require(probes.results.first)
        #expect(web.windows.map(\.window) == [.baseline, .disruption, .after])
        // 5 a second: 10 in the 2s baseline, 10 in the 2s between the kills.
        #expect(web.window(.baseline)?.requests == 10)
        #expect(web.window(.disruption)?.requests == 10)
        #expect((web.window(.after)?.requests ?? 0) >= 10)
        #expect(web.window(.disruption)?.successRatio == 1)
        #expect(web.before?.held == true)
    }

    @Test("The steady state broken before the first kill: nothing is killed, the verdict says why")
    func brokenBefore() async throws {
        let outcome = try await Self.run { at in at < Self.seconds(1) ? ScriptedProbeTransport.unavailable : ScriptedProbeTransport.ok }
        #expect(outcome.killer.requests.isEmpty)
        #expect(outcome.report.verdict == .nothingKilled)
        #expect(outcome.report.reason == "steady-state-not-met before the first kill: probe web: success ratio 0.5 is below 0.99")
        let probes = try #require(outcome.report.probes)
        #expect(probes.before == .notMet)
        #expect(probes.after == .notJudged)
        #expect(probes.results.first?.windows.map(\.window) == [.baseline])
        #expect(probes.results.first?.window(.baseline)?.failureReasons == ["HTTP 503": 5])
    }

    @Test("Failures past the abort criterion after the first kill: no second kill, the run fails")
    func aborted() async throws {
        let outcome = try await Self.run(kills: 2) { at in
            at > Self.seconds(2) ? ScriptedProbeTransport.unavailable : ScriptedProbeTransport.ok
        }
        #expect(outcome.killer.requests.count == 1)
        #expect(outcome.report.kills.map(\.result) == [.killed])
        #expect(outcome.report.verdict == .fail)
        #expect(
            outcome.report.reason == "aborted: probe web: success ratio 0.333 over 3 requests since the first kill is below 0.9")
        #expect(outcome.report.probes?.aborted?.probe == "web")
    }

    @Test("A short outage during the disruption, healthy after: the run passes and the report shows the outage")
    func outageThenHealthy() async throws {
        let outcome = try await Self.run(kills: 2, probe: "http://web.demo.svc/ name=web abort=0") { at in
            (Self.seconds(2.2)...Self.seconds(2.6)).contains(at) ? ScriptedProbeTransport.unavailable : ScriptedProbeTransport.ok
        }
        #expect(outcome.report.verdict == .pass)
        let disruption = try #require(outcome.report.probes?.results.first?.window(.disruption))
        #expect(disruption.requests == 10)
        #expect(disruption.failures == 3)
        let run = try #require(disruption.longestFailureRun)
        #expect(run.requests == 3)
        #expect(run.killId == outcome.report.kills.first?.killId)
        #expect(abs((run.secondsAfterKill ?? -1) - 0.2) < 0.001)
        #expect(abs(run.seconds - 0.6) < 0.001)
    }

    @Test("Still failing after recovery: the steady state is not met after, and the run fails")
    func brokenAfter() async throws {
        let outcome = try await Self.run(probe: "http://web.demo.svc/ name=web abort=0") { at in
            at > Self.seconds(2) ? ScriptedProbeTransport.unavailable : ScriptedProbeTransport.ok
        }
        #expect(outcome.killer.requests.count == 1)
        #expect(outcome.report.verdict == .fail)
        #expect(outcome.report.reason?.hasPrefix("steady-state-not-met after recovery: probe web: success ratio 0") == true)
        #expect(outcome.report.probes?.after == .notMet)
    }

    @Test("Without --probe, the victim's owner's probe annotation runs its Service probe around the kill")
    func ownerAnnotation() async throws {
        let outcome = try await Self.run(probe: nil, ownerProbe: "service:demo/web:80/healthz") { _ in ScriptedProbeTransport.ok }
        #expect(outcome.report.verdict == .pass)
        #expect(outcome.report.probes?.results.map(\.name) == ["demo/web"])
        #expect(outcome.report.probes?.results.first?.windows.map(\.window) == [.baseline, .disruption, .after])
        #expect(!outcome.transport.requests.isEmpty)
    }

    @Test("An owner's annotation naming anything but a Service of its namespace runs no probe; the kill goes on as without")
    func ownerAnnotationRefused() async throws {
        let outcome = try await Self.run(probe: nil, ownerProbe: "http://169.254.169.254/latest/meta-data/") { _ in
            ScriptedProbeTransport.ok
        }
        #expect(outcome.report.verdict == .pass)
        #expect(outcome.report.probes == nil)
        #expect(outcome.transport.requests.isEmpty)
        #expect(outcome.killer.requests.count == 1)
    }

    @Test("A run with probes but no transport fails before reading the cluster")
    func noTransport() async throws {
        var options = KillOptions(criteria: SelectionCriteria(namespaces: NamespaceScope(included: ["demo"])))
        options.probes = try ProbeSpecParser.parse(["http://web/"])
        let killer = ScriptedKiller([], readBack: .terminating)
        await #expect(throws: EngineError.self) {
            try await UnreachableCluster.with { client in
                try await ChaosEngine(client: client, version: "test", killer: killer).kill(options)
            }
        }
    }
}
