import Foundation
import KubeAPI
import KubeSandbox
import Testing

/// What an eviction row expects: allowed for a reason, or refused with a code and the first cause's message.
enum ExpectedEviction: Sendable, Hashable {
    case allowed(EvictionAllowance.Reason)
    case refused(code: Int, message: String, cause: String?)
}

struct EvictionCase: Sendable, CustomTestStringConvertible {
    let name: String
    let pod: Pod
    let budgets: [PodDisruptionBudget]
    let expected: ExpectedEviction

    var testDescription: String { name }
}

@Suite("Eviction admission against PodDisruptionBudgets")
struct EvictionAdmissionTests {
    static let violates = "Cannot evict pod as it would violate the pod's disruption budget."

    static func status(allowed: Int, current: Int, desired: Int, observed: Int64 = 1) -> PodDisruptionBudget.Status {
        .init(observedGeneration: observed, disruptionsAllowed: allowed, currentHealthy: current, desiredHealthy: desired, expectedPods: 3)
    }

    static let exhausted = PodFactory.budget(minAvailable: .int(3), status: status(allowed: 0, current: 3, desired: 3))
    static let spare = PodFactory.budget(minAvailable: .int(2), status: status(allowed: 1, current: 3, desired: 2))

    static let table: [EvictionCase] = [
        .init(name: "no budgets", pod: PodFactory.pod("web-0"), budgets: [], expected: .allowed(.noBudget)),
        .init(
            name: "budget of another namespace", pod: PodFactory.pod("web-0"),
            budgets: [PodFactory.budget(namespace: "other", status: status(allowed: 0, current: 3, desired: 3))],
            expected: .allowed(.noBudget)),
        .init(
            name: "selector does not match", pod: PodFactory.pod("db-0", labels: ["app": "db"]), budgets: [exhausted],
            expected: .allowed(.noBudget)),
        .init(
            name: "nil selector matches nothing", pod: PodFactory.pod("web-0"),
            budgets: [PodFactory.budget(selector: nil, status: status(allowed: 0, current: 3, desired: 3))],
            expected: .allowed(.noBudget)),
        .init(
            name: "empty selector matches every pod", pod: PodFactory.pod("db-0", labels: nil),
            budgets: [PodFactory.budget(selector: LabelSelector(), status: status(allowed: 1, current: 3, desired: 2))],
            expected: .allowed(.withinBudget)),
        .init(name: "budget with a disruption to spare", pod: PodFactory.pod("web-0"), budgets: [spare], expected: .allowed(.withinBudget)),
        .init(
            name: "budget exhausted", pod: PodFactory.pod("web-0"), budgets: [exhausted],
            expected: .refused(
                code: 429, message: violates, cause: "The disruption budget web-pdb needs 3 healthy pods and has 3 currently")),
        .init(
            name: "two budgets select the pod", pod: PodFactory.pod("web-0"),
            budgets: [spare, PodFactory.budget("second", status: spare.status)],
            expected: .refused(
                code: 500,
                message:
                    "Internal error occurred: This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.",
                cause: "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.")),
        .init(
            name: "stale budget status", pod: PodFactory.pod("web-0"),
            budgets: [PodFactory.budget(generation: 2, status: status(allowed: 5, current: 3, desired: 2, observed: 1))],
            expected: .refused(code: 429, message: violates, cause: "The disruption budget web-pdb is still being processed by the server.")
        ),
        .init(
            name: "budget never synced", pod: PodFactory.pod("web-0"), budgets: [PodFactory.budget(minAvailable: .int(1))],
            expected: .refused(code: 429, message: violates, cause: "The disruption budget web-pdb is still being processed by the server.")
        ),
        .init(
            name: "negative allowance", pod: PodFactory.pod("web-0"),
            budgets: [PodFactory.budget(status: status(allowed: -1, current: 1, desired: 2))],
            expected: .refused(
                code: 403, message: "poddisruptionbudget.policy \"web-pdb\" is forbidden: pdb disruptions allowed is negative", cause: nil)),
        .init(
            name: "pending pod ignores an exhausted budget", pod: PodFactory.pod("web-0", phase: .pending, ready: false),
            budgets: [exhausted], expected: .allowed(.budgetNotApplicable)),
        .init(
            name: "succeeded pod ignores even two budgets", pod: PodFactory.pod("web-0", phase: .succeeded, ready: false),
            budgets: [exhausted, PodFactory.budget("second", status: exhausted.status)], expected: .allowed(.budgetNotApplicable)),
        .init(
            name: "failed pod", pod: PodFactory.pod("web-0", phase: .failed, ready: false), budgets: [exhausted],
            expected: .allowed(.budgetNotApplicable)),
        .init(
            name: "terminating pod", pod: PodFactory.pod("web-0", terminating: true), budgets: [exhausted],
            expected: .allowed(.budgetNotApplicable)),
        .init(
            name: "unready pod, AlwaysAllow, budget short", pod: PodFactory.pod("web-0", ready: false),
            budgets: [PodFactory.budget(status: status(allowed: 0, current: 1, desired: 3), policy: "AlwaysAllow")],
            expected: .allowed(.unhealthyPodPolicy)),
        .init(
            name: "unready pod, IfHealthyBudget, budget met", pod: PodFactory.pod("web-0", ready: false),
            budgets: [PodFactory.budget(status: status(allowed: 0, current: 3, desired: 3), policy: "IfHealthyBudget")],
            expected: .allowed(.unhealthyPodPolicy)),
        .init(
            name: "unready pod, default policy, budget met", pod: PodFactory.pod("web-0", ready: false), budgets: [exhausted],
            expected: .allowed(.unhealthyPodPolicy)),
        .init(
            name: "unready pod, default policy, budget short", pod: PodFactory.pod("web-0", ready: false),
            budgets: [PodFactory.budget(status: status(allowed: 0, current: 2, desired: 3))],
            expected: .refused(
                code: 429, message: violates, cause: "The disruption budget web-pdb needs 3 healthy pods and has 2 currently")),
        .init(
            name: "unready pod, IfHealthyBudget, nothing desired and nothing allowed", pod: PodFactory.pod("web-0", ready: false),
            budgets: [PodFactory.budget(status: status(allowed: 0, current: 0, desired: 0), policy: "IfHealthyBudget")],
            expected: .refused(
                code: 429, message: violates, cause: "The disruption budget web-pdb needs 0 healthy pods and has 0 currently")),
        .init(
            name: "unready pod, IfHealthyBudget, budget short but with allowance", pod: PodFactory.pod("web-0", ready: false),
            budgets: [PodFactory.budget(status: status(allowed: 1, current: 2, desired: 3), policy: "IfHealthyBudget")],
            expected: .allowed(.withinBudget)),
    ]

    @Test(arguments: table)
    func decision(_ row: EvictionCase) {
        let decision = EvictionAdmission.decide(evicting: row.pod, budgets: row.budgets, now: PodFactory.epoch)
        switch (decision, row.expected) {
        case (.allow(let allowance), .allowed(let reason)):
            #expect(allowance.reason == reason)
            #expect((allowance.decrement != nil) == (reason == .withinBudget))
        case (.refuse(let status), .refused(let code, let message, let cause)):
            #expect(status.code == code)
            #expect(status.message == message)
            #expect(status.details?.causes?.first?.message == cause)
            #expect(status.status == "Failure")
        default:
            Issue.record("got \(decision), expected \(row.expected)")
        }
    }

    @Test(
        "the refusal equals the captured 429 of the real API server",
        arguments: ["eviction-429-pdb.json", "eviction-429-pdb-chaos-user.json"])
    func capturedRefusal(fixture: String) throws {
        let budget = try CapturedFixture.decode(PodDisruptionBudget.self, from: "pdb.json")
        let pod = PodFactory.pod("nginx-747d4c55d8-b2w8h", labels: ["app": "nginx"])
        let expected = try CapturedFixture.decode(KubeAPI.Status.self, from: fixture)
        let refusal = try #require(EvictionAdmission.decide(evicting: pod, budgets: [budget], now: PodFactory.epoch).refusal)
        #expect(refusal == expected)
    }

    @Test("a stale budget asks the client to retry after 10 seconds; an exhausted one does not")
    func retryAfter() throws {
        let stale = PodFactory.budget(generation: 2, status: Self.status(allowed: 1, current: 3, desired: 2))
        let staleRefusal = try #require(
            EvictionAdmission.decide(evicting: PodFactory.pod("web-0"), budgets: [stale], now: PodFactory.epoch).refusal)
        #expect(staleRefusal.details?.retryAfterSeconds == 10)
        #expect(staleRefusal.details?.causes?.first?.reason == "DisruptionBudget")
        let exhaustedRefusal = try #require(
            EvictionAdmission.decide(evicting: PodFactory.pod("web-0"), budgets: [Self.exhausted], now: PodFactory.epoch).refusal)
        #expect(exhaustedRefusal.details?.retryAfterSeconds == nil)
    }

    @Test("an allowed eviction spends the budget: one fewer disruption, the pod in disruptedPods, the condition flipped at 0")
    func decrement() throws {
        let earlier = PodFactory.epoch.addingTimeInterval(-5)
        var budget = Self.spare
        budget.status?.disruptedPods = ["web-9": earlier]
        budget.status?.conditions = [
            Condition(type: "DisruptionAllowed", status: "True", reason: "SufficientPods", lastTransitionTime: earlier)
        ]
        let decision = EvictionAdmission.decide(evicting: PodFactory.pod("web-0"), budgets: [budget], now: PodFactory.epoch)
        guard case .allow(let allowance) = decision, let decrement = allowance.decrement else {
            Issue.record("expected an allowed eviction spending the budget, got \(decision)")
            return
        }
        #expect(decrement.budgetName == "web-pdb")
        #expect(decrement.podName == "web-0")
        #expect(decrement.disruptedAt == PodFactory.epoch)
        let status = try #require(decrement.updatedBudget.status)
        #expect(status.disruptionsAllowed == 0)
        #expect(status.disruptedPods == ["web-9": earlier, "web-0": PodFactory.epoch])
        let condition = try #require(status.conditions?.first)
        #expect(condition.status == "False")
        #expect(condition.reason == "InsufficientPods")
        #expect(condition.lastTransitionTime == PodFactory.epoch)
        #expect(decrement.updatedBudget.spec == budget.spec)
    }

    @Test("the eviction and the next controller sync agree: the evicted pod no longer counts as healthy")
    func evictionThenSync() throws {
        let pods = PodFactory.pods(3, ready: 3)
        let synced = DisruptionCalculator.sync(
            PodFactory.budget(minAvailable: .int(2)), pods: pods, scales: PodFactory.scales(replicas: 3), now: PodFactory.epoch)
        var budget = PodFactory.budget(minAvailable: .int(2))
        budget.status = synced.status
        let first = EvictionAdmission.decide(evicting: pods[0], budgets: [budget], now: PodFactory.epoch)
        guard case .allow(let allowance) = first, let spent = allowance.decrement?.updatedBudget else {
            Issue.record("first eviction should be allowed, got \(first)")
            return
        }
        let second = EvictionAdmission.decide(evicting: pods[1], budgets: [spent], now: PodFactory.epoch)
        #expect(second.refusal?.code == 429)
        let resynced = DisruptionCalculator.sync(
            spent, pods: pods, scales: PodFactory.scales(replicas: 3), now: PodFactory.epoch.addingTimeInterval(1))
        #expect(resynced.status.currentHealthy == 2)
        #expect(resynced.status.disruptionsAllowed == 0)
    }
}
