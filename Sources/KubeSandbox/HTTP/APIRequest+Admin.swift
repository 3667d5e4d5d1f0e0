extension APIRequest {
    /// Refuses anyone but `system:masters`, whatever RBAC says: the `/sandbox` admin endpoints.
    func requireMaster() throws(StatusError) {
        guard let user else { throw StatusError.unauthorized }
        guard user.isMaster else {
            let attributes = AuthorizationAttributes.nonResource(user: user.userInfo, verb: method.lowercased(), path: path)
            throw StatusError(ForbiddenStatus.make(for: attributes))
        }
    }
}
