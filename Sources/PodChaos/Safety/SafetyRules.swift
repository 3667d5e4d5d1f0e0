/// The floor no plan may go below.
public struct SafetyRules: Sendable, Hashable {
    /// Ready pods an owner must keep after a kill (`--min-ready`, default 1: single replicas are never killed).
    public var minReady: Int
    /// Victims per owner per run (`--per-owner`, default 1).
    public var perOwner: Int
    /// In evict mode, skip pods whose PodDisruptionBudget allows no disruption (the server would refuse anyway).
    public var honourDisruptionBudgets: Bool

    public init(minReady: Int = 1, perOwner: Int = 1, honourDisruptionBudgets: Bool = true) {
        self.minReady = max(0, minReady)
        self.perOwner = max(1, perOwner)
        self.honourDisruptionBudgets = honourDisruptionBudgets
    }
}
