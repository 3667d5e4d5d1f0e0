extension ClusterStore {
    /// RBAC as the real authorizer evaluates it: `system:masters` may do anything; anyone else needs a rule in a
    /// Role bound in the request's namespace or a ClusterRole bound there or cluster-wide.
    public func isAllowed(_ request: AuthorizationRequest) -> Bool {
        if request.user.groups.contains("system:masters") { return true }
        let groups = Set(request.user.groups + ["system:authenticated"])
        var bindings = (collections[Self.rbac("clusterrolebindings")] ?? [:]).values.map { ($0, String?.none) }
        if let namespace = request.namespace {
            let prefix = namespace + "/"
            bindings += (collections[Self.rbac("rolebindings")] ?? [:]).filter { $0.key.hasPrefix(prefix) }.map { ($0.value, namespace) }
        }
        for (binding, namespace) in bindings where Self.binds(binding, user: request.user.name, groups: groups) {
            for rule in rules(of: binding, namespace: namespace) where Self.rule(rule, allows: request) { return true }
        }
        return false
    }

    private static func rbac(_ resource: String) -> String { "rbac.authorization.k8s.io/" + resource }

    private static func binds(_ binding: JSONValue, user: String, groups: Set<String>) -> Bool {
        (binding["subjects"]?.arrayValue ?? []).contains { subject in
            let name = subject["name"]?.stringValue ?? ""
            switch subject["kind"]?.stringValue {
            case "User": return name == user
            case "Group": return groups.contains(name)
            default: return false
            }
        }
    }

    private func rules(of binding: JSONValue, namespace: String?) -> [JSONValue] {
        let roleName = binding[path: ["roleRef", "name"]]?.stringValue ?? ""
        let role: JSONValue?
        switch binding[path: ["roleRef", "kind"]]?.stringValue {
        case "ClusterRole": role = collections[Self.rbac("clusterroles")]?["/" + roleName]
        case "Role": role = namespace.flatMap { collections[Self.rbac("roles")]?[$0 + "/" + roleName] }
        default: role = nil
        }
        return role?["rules"]?.arrayValue ?? []
    }

    private static func rule(_ rule: JSONValue, allows request: AuthorizationRequest) -> Bool {
        func list(_ key: String) -> [String] { (rule[key]?.arrayValue ?? []).compactMap(\.stringValue) }
        let verbs = list("verbs")
        let groups = list("apiGroups")
        let resources = list("resources")
        let names = list("resourceNames")
        let target = request.subresource.map { "\(request.resource)/\($0)" } ?? request.resource
        guard verbs.contains("*") || verbs.contains(request.verb) else { return false }
        guard groups.contains("*") || groups.contains(request.group) else { return false }
        guard
            resources.contains("*") || resources.contains(target)
                || (request.subresource != nil && resources.contains("*/\(request.subresource ?? "")"))
        else { return false }
        guard !names.isEmpty else { return true }
        return request.name.map { names.contains($0) } ?? false
    }
}
