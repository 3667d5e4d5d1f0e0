/// Decides whether an eviction may delete its pod. Runs inside the store, so it sees a consistent state.
public protocol EvictionPolicy: Sendable {
    /// Throws a `StatusError` (429 TooManyRequests for a disruption budget) to refuse.
    func admit(eviction: JSONValue, pod: JSONValue, store: isolated ClusterStore) throws(StatusError)

    /// As `admit(eviction:pod:store:)`, told whether the eviction is a dry run, which must change nothing.
    func admit(eviction: JSONValue, pod: JSONValue, dryRun: Bool, store: isolated ClusterStore) throws(StatusError)
}

extension EvictionPolicy {
    /// Policies that write nothing need not care about dry runs.
    public func admit(eviction: JSONValue, pod: JSONValue, dryRun: Bool, store: isolated ClusterStore) throws(StatusError) {
        try admit(eviction: eviction, pod: pod, store: store)
    }
}

/// Every eviction is allowed, as if no PodDisruptionBudget existed: a bare store's policy. A `Sandbox` sets
/// `DisruptionBudgetEvictions` instead.
public struct AllowAllEvictions: EvictionPolicy {
    public init() {}
    public func admit(eviction: JSONValue, pod: JSONValue, store: isolated ClusterStore) throws(StatusError) {}
}
