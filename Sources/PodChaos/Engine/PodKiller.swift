import KubeAPI

/// Performs one kill; the seam between the plan and the API, so execution can be tested without a cluster.
public protocol PodKiller: Sendable {
    func kill(_ candidate: Candidate, budgets: DisruptionBudgets) async -> AttemptOutcome
}

/// Kills through the Kubernetes API: eviction, or DELETE guarded by the pod's UID.
public struct APIPodKiller: PodKiller {
    let client: KubernetesClient
    let mode: KillMode
    let gracePeriod: Duration?
    let serverDryRun: Bool

    public init(client: KubernetesClient, mode: KillMode, gracePeriod: Duration?, serverDryRun: Bool) {
        self.client = client
        self.mode = mode
        self.gracePeriod = gracePeriod
        self.serverDryRun = serverDryRun
    }

    public func kill(_ candidate: Candidate, budgets: DisruptionBudgets) async -> AttemptOutcome {
        let grace: Int64? = mode == .force ? 0 : gracePeriod.map { Int64($0.components.seconds) }
        let options = DeleteOptions(
            gracePeriodSeconds: grace,
            preconditions: .init(uid: candidate.uid),
            dryRun: serverDryRun ? ["All"] : nil)
        do {
            let outcome: DeletionOutcome
            switch mode {
            case .evict:
                outcome = try await client.evict(namespace: candidate.namespace, name: candidate.name, options: options)
            case .delete, .force:
                outcome = try await client.delete(Pod.self, namespace: candidate.namespace, name: candidate.name, options: options)
            }
            return outcome == .accepted ? .killed : .gone
        } catch let error as KubeAPIError where error.isDisruptionBudgetRefusal {
            let names = budgets.covering(candidate.pod).map { $0.budget.metadata.name ?? "" }
            let which = names.isEmpty ? "a PodDisruptionBudget" : "PodDisruptionBudget " + names.joined(separator: ", ")
            return .blocked(reason: "blocked by \(which): \(error.status?.message ?? "eviction refused")")
        } catch let error as KubeAPIError where error.isConflict {
            // The UID precondition failed on the first attempt: the pod we chose was replaced before we got to it.
            return .gone
        } catch {
            return .failed(reason: "\(error)")
        }
    }
}
