import Foundation
import KubeAPI

/// The arithmetic of kube-controller-manager's disruption controller (pkg/controller/disruption), as a pure
/// function: a PodDisruptionBudget and the pods of its namespace in, the status it would write out.
///
/// What the real controller does, checked against its source (`getExpectedPodCount`, `countHealthyPods`,
/// `updatePdbStatus`):
/// - `maxUnavailable` (count or percent): `expectedPods` is the summed scale of the matching pods' controllers,
///   `desiredHealthy = max(0, expectedPods - maxUnavailable)`.
/// - `minAvailable` as a count: `desiredHealthy` is that count and `expectedPods` the number of matching pods.
/// - `minAvailable` as a percent: `expectedPods` as for `maxUnavailable`, `desiredHealthy` the percentage of it.
/// - Both percentages go through `intstr.GetScaledValueFromIntOrPercent(…, expectedCount, true)`: rounded UP.
///   For `maxUnavailable` that means more pods may be down (10 pods at 25% → 3 unavailable, 7 desired).
/// - `disruptionsAllowed = currentHealthy - desiredHealthy`, forced to 0 when negative or when `expectedPods` is 0,
///   so a budget whose pods have not appeared yet is safe.
public enum DisruptionCalculator {
    /// How long an evicted pod stays in `disruptedPods` (and out of `currentHealthy`) waiting to be deleted.
    public static let deletionTimeout: TimeInterval = 120

    /// Computes the status the disruption controller would write for `budget`.
    /// - Parameters:
    ///   - pods: the pods of the budget's namespace; pods of other namespaces are ignored.
    ///   - scales: how the pods' controller owner references resolve to a replica count.
    ///   - now: the controller's clock, for `disruptedPods` expiry and condition transition times.
    public static func sync(_ budget: PodDisruptionBudget, pods: [Pod], scales: ControllerScales, now: Date) -> DisruptionSync {
        var status = budget.status ?? PodDisruptionBudget.Status()
        do throws(SyncFailure) {
            let matching = try matchingPods(of: budget, in: pods)
            let expectation = try expectedCount(for: budget, pods: matching, scales: scales)
            let (disrupted, recheckAt) = disruptedPods(budget.status?.disruptedPods ?? [:], pods: matching, now: now)
            let healthy = currentHealthy(matching, disruptedPods: disrupted, now: now)
            let allowed = expectation.expected <= 0 ? 0 : max(0, healthy - expectation.desired)
            status.currentHealthy = healthy
            status.desiredHealthy = expectation.desired
            status.expectedPods = expectation.expected
            status.disruptionsAllowed = allowed
            status.disruptedPods = disrupted.isEmpty ? nil : disrupted
            status.observedGeneration = budget.metadata.generation ?? 0
            DisruptionAllowedCondition.update(&status, now: now)
            return DisruptionSync(status: status, unmanagedPods: expectation.unmanaged, failure: nil, recheckAt: recheckAt)
        } catch {
            // failSafe in the real controller: only disruptionsAllowed and the condition change.
            DisruptionAllowedCondition.markSyncFailed(&status, message: error.message, now: now)
            return DisruptionSync(status: status, unmanagedPods: [], failure: error.message, recheckAt: nil)
        }
    }

    /// The pods a budget selects: policy/v1 lets an empty selector match every pod of the namespace; a nil
    /// selector matches none.
    static func matchingPods(of budget: PodDisruptionBudget, in pods: [Pod]) throws(SyncFailure) -> [Pod] {
        guard let labelSelector = budget.spec?.selector else { return [] }
        let selector: Labels.Selector
        do {
            selector = try labelSelector.labelsSelector()
        } catch {
            throw SyncFailure(message: "invalid selector: \(error)")
        }
        return pods.filter { pod in
            pod.metadata.namespace == budget.metadata.namespace && selector.matches(pod.metadata.labels ?? [:])
        }
    }

    private struct Expectation {
        var expected = 0
        var desired = 0
        var unmanaged: [String] = []
    }

    private static func expectedCount(for budget: PodDisruptionBudget, pods: [Pod], scales: ControllerScales) throws(SyncFailure)
        -> Expectation
    {
        var result = Expectation()
        if let maxUnavailable = budget.spec?.maxUnavailable {
            (result.expected, result.unmanaged) = try expectedScale(of: pods, scales: scales)
            let unavailable = try scaled(maxUnavailable, total: result.expected)
            result.desired = max(0, result.expected - unavailable)
        } else if let minAvailable = budget.spec?.minAvailable {
            if case .int(let count) = minAvailable {
                result.desired = count
                result.expected = pods.count
            } else {
                (result.expected, result.unmanaged) = try expectedScale(of: pods, scales: scales)
                result.desired = try scaled(minAvailable, total: result.expected)
            }
        }
        return result
    }

    private static func scaled(_ value: IntOrString, total: Int) throws(SyncFailure) -> Int {
        guard let count = value.scaledValue(total: total, rounding: .up) else {
            throw SyncFailure(message: "invalid value for IntOrString: \"\(value)\" is not a count or a percentage")
        }
        return count
    }

    /// The sum of the scales of the pods' controllers, each controller counted once.
    private static func expectedScale(of pods: [Pod], scales: ControllerScales) throws(SyncFailure) -> (Int, [String]) {
        var controllerScale: [String: Int] = [:]
        var unmanaged: [String] = []
        for pod in pods {
            guard let owner = pod.metadata.controller else {
                unmanaged.append(pod.name)
                continue
            }
            guard let scale = scales.scale(forOwnerUID: owner.uid) else {
                throw SyncFailure(message: "found no controllers for pod \"\(pod.name)\"")
            }
            controllerScale[scale.uid] = scale.replicas
        }
        return (controllerScale.values.reduce(0, +), unmanaged)
    }

    /// Keeps the `disruptedPods` entries of pods that still exist, are not yet terminating and have not timed out.
    private static func disruptedPods(_ entries: [String: Date], pods: [Pod], now: Date) -> ([String: Date], Date?) {
        var kept: [String: Date] = [:]
        var recheckAt: Date?
        for pod in pods where !pod.isTerminating {
            guard let disruptedAt = entries[pod.name] else { continue }
            let expectedDeletion = disruptedAt.addingTimeInterval(deletionTimeout)
            // An entry past its deadline is dropped: the pod was expected to go and did not.
            guard expectedDeletion >= now else { continue }
            kept[pod.name] = disruptedAt
            recheckAt = min(recheckAt ?? expectedDeletion, expectedDeletion)
        }
        return (kept, recheckAt)
    }

    /// Ready pods that are neither terminating nor recently evicted.
    private static func currentHealthy(_ pods: [Pod], disruptedPods: [String: Date], now: Date) -> Int {
        pods.filter { pod in
            if pod.isTerminating { return false }
            if let disruptedAt = disruptedPods[pod.name], disruptedAt.addingTimeInterval(deletionTimeout) > now { return false }
            return pod.isReady
        }.count
    }
}
