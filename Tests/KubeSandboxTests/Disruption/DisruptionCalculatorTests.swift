import Foundation
import KubeAPI
import Testing

@testable import KubeSandbox

/// One row of the budget arithmetic table: a spec, the pods, and the status the real controller would write.
struct BudgetCase: Sendable, CustomTestStringConvertible {
    let minAvailable: IntOrString?
    let maxUnavailable: IntOrString?
    /// Scale of the pods' ReplicaSet.
    let replicas: Int
    let pods: Int
    let ready: Int
    let expectedPods: Int
    let desiredHealthy: Int
    let disruptionsAllowed: Int

    var testDescription: String {
        let spec = minAvailable.map { "minAvailable \($0)" } ?? maxUnavailable.map { "maxUnavailable \($0)" } ?? "no budget"
        return "\(spec), replicas \(replicas), \(ready)/\(pods) ready"
    }
}

@Suite("Disruption controller arithmetic")
struct DisruptionCalculatorTests {
    static let table: [BudgetCase] = [
        // minAvailable as a count: expectedPods is the number of matching pods, whatever the scale.
        .init(
            minAvailable: .int(3), maxUnavailable: nil, replicas: 3, pods: 3, ready: 3, expectedPods: 3, desiredHealthy: 3,
            disruptionsAllowed: 0),
        .init(
            minAvailable: .int(2), maxUnavailable: nil, replicas: 3, pods: 3, ready: 3, expectedPods: 3, desiredHealthy: 2,
            disruptionsAllowed: 1),
        .init(
            minAvailable: .int(2), maxUnavailable: nil, replicas: 3, pods: 3, ready: 1, expectedPods: 3, desiredHealthy: 2,
            disruptionsAllowed: 0),
        .init(
            minAvailable: .int(0), maxUnavailable: nil, replicas: 3, pods: 3, ready: 3, expectedPods: 3, desiredHealthy: 0,
            disruptionsAllowed: 3),
        .init(
            minAvailable: .int(5), maxUnavailable: nil, replicas: 3, pods: 3, ready: 3, expectedPods: 3, desiredHealthy: 5,
            disruptionsAllowed: 0),
        .init(
            minAvailable: .int(1), maxUnavailable: nil, replicas: 5, pods: 2, ready: 2, expectedPods: 2, desiredHealthy: 1,
            disruptionsAllowed: 1),
        // No matching pods yet: nothing may be disrupted, even with a budget of 0.
        .init(
            minAvailable: .int(0), maxUnavailable: nil, replicas: 3, pods: 0, ready: 0, expectedPods: 0, desiredHealthy: 0,
            disruptionsAllowed: 0),
        // minAvailable as a percentage of the controllers' scale, rounded up.
        .init(
            minAvailable: .string("50%"), maxUnavailable: nil, replicas: 3, pods: 3, ready: 3, expectedPods: 3, desiredHealthy: 2,
            disruptionsAllowed: 1),
        .init(
            minAvailable: .string("50%"), maxUnavailable: nil, replicas: 4, pods: 4, ready: 4, expectedPods: 4, desiredHealthy: 2,
            disruptionsAllowed: 2),
        .init(
            minAvailable: .string("34%"), maxUnavailable: nil, replicas: 3, pods: 3, ready: 3, expectedPods: 3, desiredHealthy: 2,
            disruptionsAllowed: 1),
        .init(
            minAvailable: .string("100%"), maxUnavailable: nil, replicas: 3, pods: 3, ready: 3, expectedPods: 3, desiredHealthy: 3,
            disruptionsAllowed: 0),
        .init(
            minAvailable: .string("0%"), maxUnavailable: nil, replicas: 3, pods: 3, ready: 2, expectedPods: 3, desiredHealthy: 0,
            disruptionsAllowed: 2),
        .init(
            minAvailable: .string("50%"), maxUnavailable: nil, replicas: 5, pods: 3, ready: 3, expectedPods: 5, desiredHealthy: 3,
            disruptionsAllowed: 0),
        // maxUnavailable as a count: desiredHealthy = scale - maxUnavailable, never below 0.
        .init(
            minAvailable: nil, maxUnavailable: .int(1), replicas: 3, pods: 3, ready: 3, expectedPods: 3, desiredHealthy: 2,
            disruptionsAllowed: 1),
        .init(
            minAvailable: nil, maxUnavailable: .int(1), replicas: 3, pods: 3, ready: 2, expectedPods: 3, desiredHealthy: 2,
            disruptionsAllowed: 0),
        .init(
            minAvailable: nil, maxUnavailable: .int(0), replicas: 3, pods: 3, ready: 3, expectedPods: 3, desiredHealthy: 3,
            disruptionsAllowed: 0),
        .init(
            minAvailable: nil, maxUnavailable: .int(5), replicas: 3, pods: 3, ready: 3, expectedPods: 3, desiredHealthy: 0,
            disruptionsAllowed: 3),
        .init(
            minAvailable: nil, maxUnavailable: .int(1), replicas: 4, pods: 3, ready: 3, expectedPods: 4, desiredHealthy: 3,
            disruptionsAllowed: 0),
        // maxUnavailable as a percentage, rounded UP as well: more pods may be down than a floor would give.
        .init(
            minAvailable: nil, maxUnavailable: .string("25%"), replicas: 10, pods: 10, ready: 10, expectedPods: 10, desiredHealthy: 7,
            disruptionsAllowed: 3),
        .init(
            minAvailable: nil, maxUnavailable: .string("25%"), replicas: 10, pods: 10, ready: 8, expectedPods: 10, desiredHealthy: 7,
            disruptionsAllowed: 1),
        .init(
            minAvailable: nil, maxUnavailable: .string("50%"), replicas: 3, pods: 3, ready: 3, expectedPods: 3, desiredHealthy: 1,
            disruptionsAllowed: 2),
        .init(
            minAvailable: nil, maxUnavailable: .string("10%"), replicas: 3, pods: 3, ready: 3, expectedPods: 3, desiredHealthy: 2,
            disruptionsAllowed: 1),
        .init(
            minAvailable: nil, maxUnavailable: .string("100%"), replicas: 2, pods: 2, ready: 1, expectedPods: 2, desiredHealthy: 0,
            disruptionsAllowed: 1),
        .init(
            minAvailable: nil, maxUnavailable: .string("0%"), replicas: 2, pods: 2, ready: 2, expectedPods: 2, desiredHealthy: 2,
            disruptionsAllowed: 0),
        // Neither field: the controller computes an expected count of 0, so nothing may be disrupted.
        .init(
            minAvailable: nil, maxUnavailable: nil, replicas: 3, pods: 3, ready: 3, expectedPods: 0, desiredHealthy: 0,
            disruptionsAllowed: 0),
    ]

    @Test(arguments: table)
    func status(_ row: BudgetCase) {
        let budget = PodFactory.budget(minAvailable: row.minAvailable, maxUnavailable: row.maxUnavailable)
        let result = DisruptionCalculator.sync(
            budget, pods: PodFactory.pods(row.pods, ready: row.ready), scales: PodFactory.scales(replicas: row.replicas),
            now: PodFactory.epoch)
        #expect(result.failure == nil)
        #expect(result.status.expectedPods == row.expectedPods)
        #expect(result.status.desiredHealthy == row.desiredHealthy)
        #expect(result.status.currentHealthy == row.ready)
        #expect(result.status.disruptionsAllowed == row.disruptionsAllowed)
        let condition = result.status.conditions?[type: DisruptionAllowedCondition.type]
        #expect(condition?.isTrue == (row.disruptionsAllowed > 0))
        #expect(condition?.reason == (row.disruptionsAllowed > 0 ? "SufficientPods" : "InsufficientPods"))
    }

    @Test("reproduces the captured nginx-pdb status from its spec and three Ready pods")
    func capturedBudget() throws {
        let captured = try CapturedFixture.decode(PodDisruptionBudget.self, from: "pdb.json")
        var fresh = captured
        fresh.status = nil
        let pods = (0..<3).map { PodFactory.pod("nginx-\($0)", labels: ["app": "nginx"]) }
        let result = DisruptionCalculator.sync(fresh, pods: pods, scales: ControllerScales(), now: PodFactory.epoch)
        let expected = try #require(captured.status)
        #expect(result.status.observedGeneration == expected.observedGeneration)
        #expect(result.status.currentHealthy == expected.currentHealthy)
        #expect(result.status.desiredHealthy == expected.desiredHealthy)
        #expect(result.status.expectedPods == expected.expectedPods)
        #expect(result.status.disruptionsAllowed == expected.disruptionsAllowed)
        let condition = try #require(result.status.conditions?.first)
        let expectedCondition = try #require(expected.conditions?.first)
        #expect(condition.type == expectedCondition.type)
        #expect(condition.status == expectedCondition.status)
        #expect(condition.reason == expectedCondition.reason)
        #expect(condition.message == expectedCondition.message)
        #expect(condition.observedGeneration == expectedCondition.observedGeneration)
    }

    @Test("terminating pods and recently evicted pods are not healthy; expired evictions count again")
    func healthExclusions() {
        var pods = PodFactory.pods(4, ready: 4)
        pods.append(PodFactory.pod("web-going", terminating: true))
        let recent = PodFactory.epoch.addingTimeInterval(-30)
        let expired = PodFactory.epoch.addingTimeInterval(-DisruptionCalculator.deletionTimeout - 1)
        let budget = PodFactory.budget(
            minAvailable: .int(1),
            status: .init(disruptedPods: ["web-0": recent, "web-1": expired, "web-going": recent, "web-gone": recent]))
        let result = DisruptionCalculator.sync(budget, pods: pods, scales: PodFactory.scales(replicas: 4), now: PodFactory.epoch)
        #expect(result.status.currentHealthy == 3)
        #expect(result.status.expectedPods == 5)
        #expect(result.status.disruptedPods == ["web-0": recent])
        #expect(result.recheckAt == recent.addingTimeInterval(DisruptionCalculator.deletionTimeout))
    }

    @Test("a Deployment's ReplicaSets count once, separate controllers add up, unmanaged pods are left out")
    func expectedScale() {
        let deploymentUID = "deploy-uid"
        var deployment = Deployment(metadata: ObjectMeta(name: "web", namespace: "demo", uid: deploymentUID))
        deployment.spec = .init(replicas: 4)
        let deploymentOwner = OwnerReference(apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: deploymentUID, controller: true)
        let oldRS = ReplicaSet(
            metadata: ObjectMeta(name: "web-old", namespace: "demo", uid: "old", ownerReferences: [deploymentOwner]),
            spec: .init(replicas: 1))
        let newRS = ReplicaSet(
            metadata: ObjectMeta(name: "web-new", namespace: "demo", uid: "new", ownerReferences: [deploymentOwner]),
            spec: .init(replicas: 3))
        var statefulSet = StatefulSet(metadata: ObjectMeta(name: "db", namespace: "demo", uid: "sts"))
        statefulSet.spec = .init(replicas: 2)
        let scales = ControllerScales(replicaSets: [oldRS, newRS], deployments: [deployment], statefulSets: [statefulSet])
        let pods = [
            PodFactory.pod("web-old-1", owner: PodFactory.owner(uid: "old")),
            PodFactory.pod("web-new-1", owner: PodFactory.owner(uid: "new")),
            PodFactory.pod("web-new-2", owner: PodFactory.owner(uid: "new")),
            PodFactory.pod("db-0", owner: PodFactory.owner(kind: "StatefulSet", name: "db", uid: "sts")),
            PodFactory.pod("bare", owner: nil),
        ]
        let result = DisruptionCalculator.sync(
            PodFactory.budget(maxUnavailable: .int(1)), pods: pods, scales: scales, now: PodFactory.epoch)
        #expect(result.status.expectedPods == 6)
        #expect(result.status.desiredHealthy == 5)
        #expect(result.status.currentHealthy == 5)
        #expect(result.status.disruptionsAllowed == 0)
        #expect(result.unmanagedPods == ["bare"])
    }

    @Test("a pod whose controller has no known scale fails the sync safe: no disruptions, condition SyncFailed")
    func unknownController() {
        let budget = PodFactory.budget(
            minAvailable: .string("50%"), status: .init(observedGeneration: 1, disruptionsAllowed: 2))
        let result = DisruptionCalculator.sync(
            budget, pods: PodFactory.pods(3, ready: 3), scales: ControllerScales(), now: PodFactory.epoch)
        #expect(result.failure == "found no controllers for pod \"web-0\"")
        #expect(result.status.disruptionsAllowed == 0)
        let condition = result.status.conditions?[type: DisruptionAllowedCondition.type]
        #expect(condition?.reason == "SyncFailed")
        #expect(condition?.message == "found no controllers for pod \"web-0\"")
    }

    @Test("a string that is not a percentage fails the sync instead of crashing")
    func badIntOrString() {
        let budget = PodFactory.budget(maxUnavailable: .string("half"))
        let result = DisruptionCalculator.sync(
            budget, pods: PodFactory.pods(2, ready: 2), scales: PodFactory.scales(replicas: 2), now: PodFactory.epoch)
        #expect(result.failure?.contains("\"half\"") == true)
        #expect(result.status.disruptionsAllowed == 0)
    }

    @Test(
        "selector scope: nil selects none, empty selects the whole namespace, labels narrow it",
        arguments: [
            (LabelSelector?.none, 0),
            (LabelSelector(), 3),
            (LabelSelector(matchLabels: ["app": "web"]), 2),
            (LabelSelector(matchExpressions: [LabelSelectorRequirement(key: "app", operator: "NotIn", values: ["web"])]), 1),
        ])
    func selectorScope(selector: LabelSelector?, matched: Int) {
        let pods = [
            PodFactory.pod("web-0"), PodFactory.pod("web-1"), PodFactory.pod("db-0", labels: ["app": "db"]),
            PodFactory.pod("other-ns", namespace: "elsewhere"),
        ]
        let budget = PodFactory.budget(minAvailable: .int(0), selector: selector)
        let result = DisruptionCalculator.sync(budget, pods: pods, scales: PodFactory.scales(replicas: 3), now: PodFactory.epoch)
        #expect(result.status.expectedPods == matched)
        #expect(result.status.currentHealthy == matched)
    }

    @Test("observedGeneration follows the spec's generation; the condition keeps its transition time while unchanged")
    func generationAndTransition() {
        let earlier = PodFactory.epoch.addingTimeInterval(-600)
        let previous = PodDisruptionBudget.Status(
            observedGeneration: 2,
            conditions: [Condition(type: "DisruptionAllowed", status: "True", reason: "SufficientPods", lastTransitionTime: earlier)])
        let pods = PodFactory.pods(3, ready: 3)
        let kept = DisruptionCalculator.sync(
            PodFactory.budget(minAvailable: .int(1), generation: 3, status: previous), pods: pods,
            scales: PodFactory.scales(replicas: 3), now: PodFactory.epoch)
        #expect(kept.status.observedGeneration == 3)
        #expect(kept.status.conditions?.first?.lastTransitionTime == earlier)
        #expect(kept.status.conditions?.first?.observedGeneration == 3)
        let flipped = DisruptionCalculator.sync(
            PodFactory.budget(minAvailable: .int(3), generation: 3, status: previous), pods: pods,
            scales: PodFactory.scales(replicas: 3), now: PodFactory.epoch)
        #expect(flipped.status.conditions?.first?.lastTransitionTime == PodFactory.epoch)
        #expect(flipped.status.conditions?.count == 1)
    }
}
