import Foundation
import KubeAPI

/// What the eviction subresource does with one `pods/eviction` create.
public enum EvictionDecision: Sendable, Hashable {
    /// Delete the pod (after writing `allowance.decrement`'s budget, when there is one).
    case allow(EvictionAllowance)
    /// Answer with this Status; its `code` is the HTTP status (429, 500 or 403).
    case refuse(KubeAPI.Status)

    public var isAllowed: Bool {
        if case .allow = self { return true }
        return false
    }

    /// The refusal's Status, nil when the eviction is allowed.
    public var refusal: KubeAPI.Status? {
        if case .refuse(let status) = self { return status }
        return nil
    }
}
