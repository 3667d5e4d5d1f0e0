/// Rule matching exactly as the RBAC authorizer's `RuleAllows` does.
extension PolicyRule {
    static let all = "*"

    public func allows(_ attributes: AuthorizationAttributes) -> Bool {
        guard matches(verbs, attributes.verb) else { return false }
        guard attributes.isResourceRequest else { return matchesNonResourceURL(attributes.path) }
        return matches(apiGroups, attributes.apiGroup)
            && matchesResource(attributes.combinedResource, subresource: attributes.subresource)
            && matchesResourceName(attributes.name)
    }

    private func matches(_ values: [String], _ requested: String) -> Bool {
        values.contains { $0 == Self.all || $0 == requested }
    }

    /// `*`, an exact `resource` or `resource/subresource`, or `*/subresource` for that subresource of anything.
    private func matchesResource(_ combined: String, subresource: String) -> Bool {
        resources.contains { rule in
            if rule == Self.all || rule == combined { return true }
            return !subresource.isEmpty && rule == "*/\(subresource)"
        }
    }

    /// An empty list covers every name; otherwise the request must name one of them, so `list`, `watch` and a
    /// `create` (which carry no name) never match a rule with resourceNames.
    private func matchesResourceName(_ name: String) -> Bool {
        resourceNames.isEmpty || resourceNames.contains(name)
    }

    /// `*`, an exact path, or a prefix ending in `*` (`/apis/*`).
    private func matchesNonResourceURL(_ path: String) -> Bool {
        nonResourceURLs.contains { rule in
            if rule == Self.all || rule == path { return true }
            guard rule.hasSuffix("*") else { return false }
            return path.hasPrefix(String(rule.dropLast()))
        }
    }
}
