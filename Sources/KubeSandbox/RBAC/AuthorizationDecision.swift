import KubeAPI

/// The authorizer's answer, with the reason the real RBAC authorizer gives and, when denied, the 403 body.
public struct AuthorizationDecision: Sendable, Hashable {
    public var allowed: Bool
    /// For an allow, which binding granted it (`RBAC: allowed by ClusterRoleBinding "…" of ClusterRole "…" to
    /// User "…"`); empty for a deny and for `system:masters`.
    public var reason: String
    /// The request, kept to build the denial's message.
    public var attributes: AuthorizationAttributes

    /// The 403 `Status` the API server answers a denied request with; nil when allowed.
    public var forbiddenStatus: KubeAPI.Status? {
        allowed ? nil : ForbiddenStatus.make(for: attributes)
    }
}
