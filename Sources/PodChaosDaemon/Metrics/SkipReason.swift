/// Why a tick did not kill; the `reason` label of `podchaosmonkey_skipped_ticks_total`.
public enum SkipReason: String, Sendable, CaseIterable, Codable {
    case notLeader = "not_leader"
    case paused
    case inactive
    case recoveryPending = "recovery_pending"
    case namespaceUnready = "namespace_unready"
    case maxKillsPerHour = "max_kills_per_hour"
    case maxKillsPerNamespacePerHour = "max_kills_per_namespace_per_hour"
    case ownerCooldown = "owner_cooldown"
    /// Every owner drawn is held after a kill that hurt its users, until an operator clears it.
    case impactCooldown = "impact_cooldown"
    case noEligiblePods = "no_eligible_pods"
    case mtbfNotDue = "mtbf_not_due"
    case apiError = "api_error"
    /// The kill's probes found the steady state broken before it: nothing was killed.
    case steadyStateNotMet = "steady_state_not_met"
}
