import KubeAPI

/// Label matching for the two selector shapes controllers meet: a `LabelSelector` object (workloads, budgets)
/// and a plain map (Service `spec.selector`).
enum ObjectSelector {
    /// Parses a `LabelSelector` JSON object; nil when absent or invalid, which selects nothing.
    static func labelSelector(_ value: JSONValue?) -> Labels.Selector? {
        guard let value, case .object = value, let typed = try? value.decode(as: LabelSelector.self) else { return nil }
        return try? typed.labelsSelector()
    }

    /// Whether every key of a Service-style selector map has the same value in `labels`.
    static func mapMatches(_ selector: [String: String], _ labels: [String: String]) -> Bool {
        selector.allSatisfy { labels[$0.key] == $0.value }
    }
}
