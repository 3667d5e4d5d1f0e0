import Foundation
import KubeAPI
import KubeTesting
import Testing

@testable import PodChaos

/// The kill step without a cluster: a scripted killer gives the API's answers, a static inventory the pods, and the
/// report shows what the engine made of each answer.
@Suite("The engine's reading of each answer to a kill, with a scripted killer")
struct ChaosEngineKillTests {
    struct Scenario: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var mode: KillMode = .delete
        var dryRun: DryRunMode = .none
        /// Whether the inventory holds a PodDisruptionBudget over the pods that still allows a disruption.
        var budget = false
        var answers: [ScriptedKiller.Answer]
        var readBack: ScriptedKiller.ReadBack = .notFound
        var results: [KillReport.Result]
        /// For each kill, a part of its reason; nil where it has none.
        var reasons: [String?]
        /// For each kill, the reason its recovery was not observed; nil where the report has no recovery entry.
        var unobserved: [RecoveryReason?]
        var verdict: KillReport.Verdict
        /// How many kills were read back to check that they took effect.
        var readBacks: Int
    }

    static let pdbMessage = "Cannot evict pod as it would violate the pod's disruption budget."

    static let scenarios: [Scenario] = [
        Scenario(
            testDescription: "An eviction a PodDisruptionBudget refuses (429) is blocked, naming the budget; the next pod is killed",
            mode: .evict, budget: true, answers: [.error(budgetRefusal), .outcome(.accepted)], results: [.blocked, .killed],
            reasons: ["blocked by PodDisruptionBudget web-pdb: \(pdbMessage)", nil], unobserved: [.blockedByDisruptionBudget, .noWait],
            verdict: .pass, readBacks: 1),
        Scenario(
            testDescription: "Evictions refused (429) by a budget the inventory did not show: each pod blocked, nothing killed",
            mode: .evict, answers: Array(repeating: .error(budgetRefusal), count: 3), results: [.blocked, .blocked, .blocked],
            reasons: Array(repeating: "blocked by a PodDisruptionBudget: \(pdbMessage)", count: 3),
            unobserved: Array(repeating: .blockedByDisruptionBudget, count: 3), verdict: .nothingKilled, readBacks: 0),
        Scenario(
            testDescription: "A UID precondition that fails (409): the pod was replaced, it counts as gone and no other is tried",
            answers: [.error(uidConflict)], results: [.gone], reasons: [nil], unobserved: [nil], verdict: .pass, readBacks: 0),
        Scenario(
            testDescription: "A pod already gone (404, answered as such): gone", answers: [.outcome(.alreadyGone)], results: [.gone],
            reasons: [nil], unobserved: [nil], verdict: .pass, readBacks: 0),
        Scenario(
            testDescription: "A pod already gone (404, thrown): gone", answers: [.error(notFound)], results: [.gone], reasons: [nil],
            unobserved: [nil], verdict: .pass, readBacks: 0),
        Scenario(
            testDescription: "A connection broken after the request was sent, the pod then gone: the lost kill was applied, killed",
            mode: .force, answers: [.error(brokenConnection)], readBack: .notFound, results: [.killed], reasons: [nil],
            unobserved: [.noWait], verdict: .pass, readBacks: 2),
        Scenario(
            testDescription: "A connection broken after the request was sent, the pod then Terminating: killed",
            answers: [.error(brokenConnection)], readBack: .terminating, results: [.killed], reasons: [nil], unobserved: [.noWait],
            verdict: .pass, readBacks: 2),
        Scenario(
            testDescription: "A connection broken after the request was sent, the pod still running: failed, and no other pod is tried",
            answers: [.error(brokenConnection), .outcome(.accepted)], readBack: .running, results: [.failed],
            reasons: ["connection failed: cannot delete pods"], unobserved: [nil], verdict: .fail, readBacks: 1),
        Scenario(
            testDescription:
                "A kill whose answer did not come within the request timeout, the pod still running: failed, no other pod tried",
            answers: [.error(timedOut), .outcome(.accepted)], readBack: .running, results: [.failed],
            reasons: ["timed out: cannot delete pods"], unobserved: [nil], verdict: .fail, readBacks: 1),
        Scenario(
            testDescription: "A kill whose answer did not come within the request timeout, the pod then Terminating: killed",
            answers: [.error(timedOut)], readBack: .terminating, results: [.killed], reasons: [nil], unobserved: [.noWait],
            verdict: .pass, readBacks: 2),
        Scenario(
            testDescription: "A retry that found the pod gone after a lost answer: killed", answers: [.outcome(.goneAfterRetry)],
            readBack: .notFound, results: [.killed], reasons: [nil], unobserved: [.noWait], verdict: .pass, readBacks: 1),
        Scenario(
            testDescription: "A kill the API accepted whose pod still runs under its UID: failed", answers: [.outcome(.accepted)],
            readBack: .running, results: [.failed], reasons: ["the API accepted the kill but pod demo/web-"], unobserved: [nil],
            verdict: .fail, readBacks: 1),
        Scenario(
            testDescription: "A kill the API accepted whose pod is Terminating: killed", answers: [.outcome(.accepted)],
            readBack: .terminating, results: [.killed], reasons: [nil], unobserved: [.noWait], verdict: .pass, readBacks: 1),
        Scenario(
            testDescription: "--dry-run=server: sent as a dry run, reported as one, not read back", dryRun: .server,
            answers: [.outcome(.accepted)], results: [.dryRun], reasons: [nil], unobserved: [nil], verdict: .pass, readBacks: 0),
        Scenario(
            testDescription: "--dry-run=client: nothing sent", dryRun: .client, answers: [], results: [.dryRun], reasons: [nil],
            unobserved: [nil], verdict: .pass, readBacks: 0),
    ]

    @Test("Each answer to a kill comes out in the report as the engine decides", arguments: scenarios)
    func answer(_ scenario: Scenario) async throws {
        let killer = ScriptedKiller(scenario.answers, readBack: scenario.readBack)
        let options = KillOptions(
            criteria: SelectionCriteria(namespaces: NamespaceScope(included: ["demo"])), seed: 7, mode: scenario.mode,
            dryRun: scenario.dryRun, recovery: RecoveryOptions(wait: false))
        let report = try await UnreachableCluster.with { client in
            try await Self.engine(client, killer: killer, budget: scenario.budget).kill(options)
        }
        #expect(report.kills.map(\.result) == scenario.results)
        for (kill, reason) in zip(report.kills, scenario.reasons) {
            if let reason {
                #expect(kill.reason?.contains(reason) == true, "\(kill.reason ?? "no reason")")
            } else {
                #expect(kill.reason == nil)
            }
        }
        #expect(report.kills.map { $0.recovery?.reason } == scenario.unobserved)
        #expect(report.verdict == scenario.verdict)
        if scenario.verdict == .nothingKilled { #expect(report.reason?.contains("attempts were blocked") == true) }
        #expect(killer.readBacks.count == scenario.readBacks)
        // Each kill the engine sent is the pod it reports, guarded by that pod's UID, in the run's mode.
        let sent = scenario.dryRun == .client ? [] : report.kills.map(\.pod)
        #expect(killer.requests.map { KillReport.PodRef(namespace: $0.namespace, name: $0.name, uid: $0.uid) } == sent)
        #expect(killer.requests.allSatisfy { $0.mode == scenario.mode && $0.serverDryRun == (scenario.dryRun == .server) })
        #expect(Set(report.kills.map(\.killId)).count == report.kills.count)
    }

    @Test("An interruption raised while the first kill is reported starts no second kill")
    func interruption() async throws {
        let killer = ScriptedKiller([.outcome(.accepted), .outcome(.accepted)], readBack: .terminating)
        var options = KillOptions(
            criteria: SelectionCriteria(namespaces: NamespaceScope(included: ["demo"])), count: .count(2), maxKills: 2, seed: 7,
            recovery: RecoveryOptions(wait: false))
        options.perOwner = 2
        let interruption = Interruption()
        let report = try await UnreachableCluster.with { client in
            try await Self.engine(client, killer: killer).kill(
                options, onKill: { _ in interruption.raise(.init(name: "SIGTERM", signal: SIGTERM)) }, interruption: interruption)
        }
        #expect(killer.requests.count == 1)
        #expect(report.kills.map(\.result) == [.killed])
        #expect(report.verdict == .interrupted)
        #expect(report.reason == "interrupted by SIGTERM")
    }

    /// The engine over three ready pods of the Deployment `web`, and with `budget` a PodDisruptionBudget over them that
    /// allows one disruption.
    static func engine(_ client: KubernetesClient, killer: ScriptedKiller, budget: Bool = false) -> ChaosEngine {
        let pods = (0..<3).map { CandidateBuilder.pod("web-\($0)") }
        let budgets =
            budget
            ? [
                PodDisruptionBudget(
                    metadata: ObjectMeta(name: "web-pdb", namespace: "demo"),
                    spec: .init(minAvailable: .int(2), selector: LabelSelector(matchLabels: ["app": "web"])),
                    status: .init(observedGeneration: 1, disruptionsAllowed: 1))
            ] : []
        return ChaosEngine(
            client: client, version: "test", now: { CandidateBuilder.now },
            inventory: StaticInventory(inventory: Inventory(candidates: pods, budgets: DisruptionBudgets(budgets))), killer: killer)
    }

    static let budgetRefusal = KubeAPIError.fromResponse(
        httpStatus: 429,
        status: Status(
            message: pdbMessage, reason: "TooManyRequests",
            details: .init(causes: [
                .init(reason: "DisruptionBudget", message: "The disruption budget web-pdb needs 2 healthy pods and has 2 currently")
            ]),
            code: 429),
        body: nil, context: RequestContext(verb: "create", resource: "pods", subresource: "eviction", namespace: "demo", name: "web-0"))

    static let uidConflict = KubeAPIError.fromResponse(
        httpStatus: 409,
        status: Status(
            message:
                "Operation cannot be fulfilled on Pod \"web-0\": the UID in the precondition (uid-web-0) does not match the UID in record",
            reason: "Conflict", code: 409),
        body: nil, context: RequestContext(verb: "delete", resource: "pods", namespace: "demo", name: "web-0"))

    static let notFound = KubeAPIError.fromResponse(
        httpStatus: 404, status: Status(message: "pods \"web-0\" not found", reason: "NotFound", code: 404), body: nil,
        context: RequestContext(verb: "delete", resource: "pods", namespace: "demo", name: "web-0"))

    struct ConnectionReset: Error, CustomStringConvertible {
        var description: String { "connection to 127.0.0.1:6443 broken: connection reset by peer" }
    }

    static let timedOut = KubeAPIError.timeout(
        "no complete answer from 127.0.0.1:6443 within the request timeout of 1s",
        context: RequestContext(verb: "delete", resource: "pods", namespace: "demo", name: "web-0"))

    static let brokenConnection = KubeAPIError.transport(
        ConnectionReset(), context: RequestContext(verb: "delete", resource: "pods", namespace: "demo", name: "web-0"))
}
