extension ResourceHandler {
    /// Refuses with the real server's 403 when the authorizer denies the request.
    func authorize(_ path: ResourcePath) async throws(StatusError) {
        guard let user = request.user else { throw StatusError.unauthorized }
        try await authorizer.check(request.authorizationAttributes(user: user, path: path))
    }
}
