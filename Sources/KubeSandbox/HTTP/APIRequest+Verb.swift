extension APIRequest {
    /// The verb RBAC and fault rules see, as the API server's request-info resolver derives it: from the method,
    /// whether a name is given and `watch` (not on a proxy, whose query is the proxied service's); on paths that name
    /// no resource, the lower-cased method.
    func verb(on path: ResourcePath?) -> String {
        guard let path else { return method.lowercased() }
        if path.subresource == Subresource.proxy.rawValue && (method == "GET" || method == "HEAD") { return "get" }
        switch method {
        case "GET", "HEAD": return flag("watch") ? "watch" : (path.name == nil ? "list" : "get")
        case "POST": return "create"
        case "PUT": return "update"
        case "PATCH": return "patch"
        case "DELETE": return path.name == nil ? "deletecollection" : "delete"
        default: return method.lowercased()
        }
    }

    /// The verb fault rules match: as `verb(on:)` for the resource the path names; reviews are created.
    var kubernetesVerb: String {
        if SelfSubjectAccessReviewHandler.matches(segments) && method == "POST" { return "create" }
        return verb(on: ResourcePath.parse(segments: segments))
    }

    /// `/` followed by the decoded segments, as non-resource rules and fault paths name it.
    var path: String { "/" + segments.joined(separator: "/") }

    /// What RBAC decides for this request.
    func authorizationAttributes(user: SandboxUser, path resourcePath: ResourcePath?) -> AuthorizationAttributes {
        let verb = verb(on: resourcePath)
        guard let resourcePath else { return .nonResource(user: user.userInfo, verb: verb, path: path) }
        let descriptor = resourcePath.type.descriptor
        return .resource(
            user: user.userInfo, verb: verb, apiGroup: descriptor.group, apiVersion: descriptor.version, resource: descriptor.resource,
            subresource: resourcePath.subresource ?? "", namespace: resourcePath.type.namespaced ? (resourcePath.namespace ?? "") : "",
            name: resourcePath.name ?? selectedName(verb: verb) ?? "")
    }

    /// The name a `list` or `watch` selects with the field selector `metadata.name=NAME` alone: the real server's
    /// request-info resolver authorizes such a request as a read of that one object, so `resourceNames` can grant it.
    private func selectedName(verb: String) -> String? {
        guard verb == "list" || verb == "watch", let selector = query["fieldSelector"]?.first else { return nil }
        for prefix in ["metadata.name==", "metadata.name="] where selector.hasPrefix(prefix) {
            let name = selector.dropFirst(prefix.count)
            return name.contains(",") || name.isEmpty ? nil : String(name)
        }
        return nil
    }
}
