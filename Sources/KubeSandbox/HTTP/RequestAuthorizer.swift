/// The authorization step of every request: RBAC against the stored objects when the sandbox runs with `rbac`,
/// otherwise every authenticated user is allowed everything.
struct RequestAuthorizer: Sendable {
    let store: ClusterStore
    let rbac: Bool

    func decide(_ attributes: AuthorizationAttributes) async -> AuthorizationDecision {
        guard rbac else { return AuthorizationDecision(allowed: true, reason: "", attributes: attributes) }
        return await store.authorize(attributes)
    }

    /// Throws the 403 the real server sends when the request is denied.
    func check(_ attributes: AuthorizationAttributes) async throws(StatusError) {
        if let forbidden = await decide(attributes).forbiddenStatus { throw StatusError(forbidden) }
    }
}
