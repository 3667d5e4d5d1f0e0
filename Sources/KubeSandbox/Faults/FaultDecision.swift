/// A fault to inject into one request: which rule fired and what it does.
public struct FaultDecision: Sendable, Hashable {
    /// Index of the rule in the plan, as the plan file lists it (from 0).
    public var ruleIndex: Int
    public var action: FaultAction
}
