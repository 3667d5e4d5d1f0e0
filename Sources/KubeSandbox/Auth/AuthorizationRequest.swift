/// What an RBAC check is about: who wants to do which verb on which resource, as the apiserver's attributes.
public struct AuthorizationRequest: Sendable, Hashable {
    public var user: SandboxUser
    /// `get`, `list`, `watch`, `create`, `update`, `patch` or `delete`.
    public var verb: String
    public var group: String
    public var resource: String
    public var subresource: String?
    public var namespace: String?
    public var name: String?

    public init(
        user: SandboxUser, verb: String, group: String, resource: String, subresource: String? = nil, namespace: String? = nil,
        name: String? = nil
    ) {
        self.user = user
        self.verb = verb
        self.group = group
        self.resource = resource
        self.subresource = subresource
        self.namespace = namespace
        self.name = name
    }

    /// The 403 the real server sends, word for word.
    var forbidden: StatusError {
        let target = subresource.map { "\(resource)/\($0)" } ?? resource
        let scope = namespace.map { "in the namespace \"\($0)\"" } ?? "at the cluster scope"
        let reason = "User \"\(user.name)\" cannot \(verb) resource \"\(target)\" in API group \"\(group)\" \(scope)"
        let qualified = group.isEmpty ? resource : "\(resource).\(group)"
        let subject = name.map { "\(qualified) \"\($0)\"" } ?? qualified
        var details: [String: JSONValue] = ["kind": .string(resource)]
        if let name { details["name"] = .string(name) }
        if !group.isEmpty { details["group"] = .string(group) }
        return StatusError(code: 403, reason: "Forbidden", message: "\(subject) is forbidden: \(reason)", details: .object(details))
    }
}
