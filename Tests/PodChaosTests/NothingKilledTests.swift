import KubeAPI
import Testing

@testable import PodChaos

/// When nothing can be killed, every eligible pod turned away carries its reason, and one line names the cause.
@Suite("Nothing killed: the floor's and the count's exclusions, and the cause in one line")
struct NothingKilledTests {
    typealias B = CandidateBuilder

    struct Row: Sendable, CustomStringConvertible {
        let name: String
        var pods: [Candidate] = (0..<3).map { B.pod("web-\($0)") }
        var rules = SafetyRules()
        var budgets: [PodDisruptionBudget] = []
        var maxKills = 1
        var missingNamespaces: [String] = []
        /// The reason every pod is turned away with by the floor or the count (nil: selection already excludes them).
        let turnedAway: ExclusionReason?
        let cause: String
        var description: String { name }
    }

    static let rows: [Row] = [
        Row(
            name: "PDB allows 0", budgets: [KillLedgerTests.budget(allowed: 0)], turnedAway: .disruptionBudget,
            cause: "held by PodDisruptionBudget demo/web-pdb (allows 0)"),
        Row(
            name: "--min-ready 3 on 3 replicas", rules: SafetyRules(minReady: 3), turnedAway: .belowMinReady,
            cause: "held by --min-ready 3 (Deployment demo/web has 3 ready)"),
        Row(name: "--max-kills 0", maxKills: 0, turnedAway: .maxKills, cause: "--max-kills is 0"),
        Row(
            name: "owner 2/3 ready", pods: (0..<3).map { B.pod("web-\($0)", owner: B.workload(ready: 2)) }, turnedAway: .ownerNotFullyReady,
            cause: "Deployment demo/web is not fully ready (2/3 ready)"),
        Row(
            name: "namespace missing", pods: [], missingNamespaces: ["probe-missing"], turnedAway: nil,
            cause: "namespace probe-missing does not exist"),
        Row(name: "no pod at all", pods: [], turnedAway: nil, cause: "no pod matched the namespaces and selectors"),
        Row(
            name: "only orphans and an unready pod",
            pods: [B.pod("a", owner: nil), B.pod("b", owner: nil), B.pod("c", ready: false)], turnedAway: nil,
            cause: "none of 3 pods is eligible (2 orphan, 1 not-ready)"),
    ]

    @Test("Preview and execution turn every pod away with its reason, and the cause names what holds", arguments: rows)
    func turnedAway(_ row: Row) async {
        let selection = Selection.evaluate(row.pods, criteria: SelectionCriteria(), now: B.now)
        let plan = KillPlan(eligible: selection.eligible, count: .count(1), maxKills: row.maxKills, seed: 42)
        let ledger = KillLedger(rules: row.rules, budgets: DisruptionBudgets(row.budgets))
        let preview = plan.preview(ledger: ledger)
        let execution = await plan.execute(ledger: ledger) { _ in (.killed, ()) }

        #expect(preview.victims.isEmpty)
        #expect(execution.attempts.isEmpty)
        let expected = Set(selection.eligible.map { "\($0.key) \(row.turnedAway?.rawValue ?? "-")" })
        #expect(Set(preview.skipped.map { "\($0.candidate.key) \($0.reasons.map(\.rawValue).joined())" }) == expected)
        #expect(Set(execution.skipped.map { "\($0.candidate.key) \($0.reasons.map(\.rawValue).joined())" }) == expected)
        let cause = NothingKilled.cause(
            missingNamespaces: row.missingNamespaces, selection: selection, turnedAway: execution.skipped, blocked: [], plan: plan,
            rules: row.rules, budgets: DisruptionBudgets(row.budgets))
        #expect(cause == row.cause)
    }

    @Test("Pods the floor holds are listed even when the target is met before they are reached")
    func floorListedBeyondTarget() {
        let web = (0..<3).map { B.pod("web-\($0)") }
        let api = (0..<3).map { B.pod("api-\($0)", labels: ["app": "api"], owner: B.workload("api")) }
        let ledger = KillLedger(rules: SafetyRules(), budgets: DisruptionBudgets([KillLedgerTests.budget(allowed: 0)]))
        for seed in UInt64(0)..<20 {
            let plan = KillPlan(eligible: web + api, count: .count(1), maxKills: 1, seed: seed)
            let preview = plan.preview(ledger: ledger)
            #expect(preview.victims.count == 1)
            #expect(preview.victims.allSatisfy { $0.name.hasPrefix("api") })
            #expect(Set(preview.skipped.map(\.candidate.name)) == ["web-0", "web-1", "web-2"])
            #expect(preview.skipped.allSatisfy { $0.reasons == [.disruptionBudget] })
        }
    }

    @Test(
        "The report says when --max-kills capped the count, and only then",
        arguments: [
            (KillCount.count(5), 3, 1, true, "--count 5 is capped by --max-kills 1: at most 1 pod will be killed" as String?),
            (.count(5), 1, 1, false, nil), (.count(2), 6, 3, false, nil),
            (.all, 6, 2, true, "--all is capped by --max-kills 2: at most 2 pods will be killed"),
            (.percent(50), 6, 2, true, "--percent 50 is capped by --max-kills 2: at most 2 pods will be killed"),
            // --max-kills 0 is the run's cause ("--max-kills is 0"), not a cap worth a warning of its own.
            (.count(1), 3, 0, true, nil),
        ])
    func capped(count: KillCount, eligible: Int, maxKills: Int, capped: Bool, warning: String?) {
        let pods = (0..<eligible).map { B.pod("web-\($0)") }
        let summary = KillReport.CountSummary(KillPlan(eligible: pods, count: count, maxKills: maxKills, seed: 1))
        #expect(summary.capped == capped)
        #expect(summary.warning == warning)
        #expect(summary.target == min(count.wanted(eligible: eligible), maxKills))
    }
}
