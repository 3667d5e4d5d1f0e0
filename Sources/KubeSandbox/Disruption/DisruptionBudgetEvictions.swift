import Foundation
import KubeAPI

/// The eviction subresource's PodDisruptionBudget check: `EvictionAdmission.decide` over the budgets stored in
/// the pod's namespace, with their status as stored (the disruption controller keeps it current). An allowed
/// eviction that spends budget writes the decrement to the budget's status before the pod is deleted.
public struct DisruptionBudgetEvictions: EvictionPolicy {
    public init() {}

    public func admit(eviction: JSONValue, pod: JSONValue, store: isolated ClusterStore) throws(StatusError) {
        try admit(eviction: eviction, pod: pod, dryRun: false, store: store)
    }

    public func admit(eviction: JSONValue, pod: JSONValue, dryRun: Bool, store: isolated ClusterStore) throws(StatusError) {
        let budgetType = ResourceCatalog.budgets
        guard let typedPod = try? pod.decode(as: Pod.self) else {
            throw StatusError.internal("the stored pod cannot be read as a Pod")
        }
        let namespace = typedPod.metadata.namespace ?? ""
        let stored = store.objects(of: budgetType, inNamespace: namespace)
        // A budget that does not decode is one the real server would not have stored; it protects nothing here.
        let budgets = stored.compactMap { try? $0.decode(as: PodDisruptionBudget.self) }
        switch EvictionAdmission.decide(evicting: typedPod, budgets: budgets, now: Date()) {
        case .refuse(let status):
            throw StatusError(status)
        case .allow(let allowance):
            guard let decrement = allowance.decrement, !dryRun else { return }
            guard var budget = store.stored(budgetType, namespace: namespace, name: decrement.budgetName),
                let status = try? JSONValue(encoding: decrement.updatedBudget.status)
            else {
                throw StatusError.internal("the disruption budget \(decrement.budgetName) cannot be updated")
            }
            budget["status"] = status
            store.commit(budgetType, namespace: namespace, name: decrement.budgetName, budget, eventType: .modified)
        }
    }
}
