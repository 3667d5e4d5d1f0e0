/// `meta/v1 LabelSelector`, the structured selector of workloads and PodDisruptionBudgets.
/// An empty selector matches everything; a nil one, nothing.
public struct LabelSelector: Codable, Sendable, Hashable {
    public var matchLabels: [String: String]?
    public var matchExpressions: [LabelSelectorRequirement]?

    public init(matchLabels: [String: String]? = nil, matchExpressions: [LabelSelectorRequirement]? = nil) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }
}

/// One `matchExpressions` entry: `key` with operator `In`, `NotIn`, `Exists` or `DoesNotExist`.
public struct LabelSelectorRequirement: Codable, Sendable, Hashable {
    public var key: String
    public var `operator`: String
    public var values: [String]?

    public init(key: String, operator: String, values: [String]? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }
}

extension LabelSelector {
    /// The selector this stands for, to match labels with: `matchLabels` and `matchExpressions` ANDed, so an
    /// empty `LabelSelector` (a PodDisruptionBudget's `{}`) selects every pod. Throws `SelectorError` for an
    /// operator, key or value the API server would reject.
    public func labelsSelector() throws -> Labels.Selector {
        try Labels.Selector(
            matchLabels: matchLabels ?? [:],
            matchExpressions: (matchExpressions ?? []).map { ($0.key, $0.operator, $0.values ?? []) })
    }
}
