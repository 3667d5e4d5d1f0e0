extension ResourceHandler {
    /// Maps the request to RBAC attributes (verb from method, list vs watch) and refuses with 403 when no rule allows it.
    func authorize(_ path: ResourcePath) async throws(StatusError) {
        guard let user = request.user else { throw StatusError.unauthorized }
        let verb: String
        switch request.method {
        case "GET": verb = path.name != nil ? "get" : (request.flag("watch") ? "watch" : "list")
        case "POST": verb = "create"
        case "PUT": verb = "update"
        case "PATCH": verb = "patch"
        case "DELETE": verb = "delete"
        default: return
        }
        let attributes = AuthorizationRequest(
            user: user, verb: verb, group: path.type.descriptor.group, resource: path.type.descriptor.resource,
            subresource: path.subresource,
            namespace: path.type.namespaced ? path.namespace : nil, name: path.name)
        if !(await store.isAllowed(attributes)) { throw attributes.forbidden }
    }
}
