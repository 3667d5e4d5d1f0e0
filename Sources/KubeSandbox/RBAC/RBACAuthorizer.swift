/// Decides requests as kube-apiserver with `--authorization-mode=RBAC` does: `system:masters` may do anything;
/// otherwise a request is allowed when some ClusterRoleBinding, or some RoleBinding of the request's namespace,
/// binds the user (by name, group or service account) to a role with a rule that allows it. Nothing denies.
///
/// A value: build one from the RBAC objects the store holds, ask it, throw it away when they change.
public struct RBACAuthorizer: Sendable {
    public var roles: [Role]
    public var clusterRoles: [ClusterRole]
    public var roleBindings: [RoleBinding]
    public var clusterRoleBindings: [ClusterRoleBinding]

    /// - Parameter includeBootstrapPolicy: add the default discovery, version and self-review grants.
    public init(
        roles: [Role] = [], clusterRoles: [ClusterRole] = [], roleBindings: [RoleBinding] = [],
        clusterRoleBindings: [ClusterRoleBinding] = [], includeBootstrapPolicy: Bool = true
    ) {
        self.roles = roles
        self.clusterRoles = clusterRoles + (includeBootstrapPolicy ? BootstrapPolicy.clusterRoles : [])
        self.roleBindings = roleBindings
        self.clusterRoleBindings = clusterRoleBindings + (includeBootstrapPolicy ? BootstrapPolicy.clusterRoleBindings : [])
    }

    public func authorize(_ attributes: AuthorizationAttributes) -> AuthorizationDecision {
        if attributes.user.groups.contains(UserInfo.mastersGroup) {
            return AuthorizationDecision(allowed: true, reason: "", attributes: attributes)
        }
        if let grant = firstGrant(for: attributes) {
            return AuthorizationDecision(allowed: true, reason: "RBAC: allowed by \(grant)", attributes: attributes)
        }
        return AuthorizationDecision(allowed: false, reason: "", attributes: attributes)
    }

    /// Describes the binding that allows the request, in the words of the real authorizer.
    private func firstGrant(for attributes: AuthorizationAttributes) -> String? {
        for binding in clusterRoleBindings {
            guard let subject = binding.subjects.first(where: { applies($0, to: attributes.user, namespace: "") }),
                binding.roleRef.kind == RoleRef.clusterRoleKind,
                let role = clusterRoles.first(where: { $0.name == binding.roleRef.name }),
                role.rules.contains(where: { $0.allows(attributes) })
            else { continue }
            return "ClusterRoleBinding \(ForbiddenStatus.quoted(binding.name)) of ClusterRole \(ForbiddenStatus.quoted(role.name)) to "
                + describe(subject, bindingNamespace: "")
        }
        guard !attributes.namespace.isEmpty else { return nil }
        for binding in roleBindings where binding.metadata.namespace == attributes.namespace {
            guard let subject = binding.subjects.first(where: { applies($0, to: attributes.user, namespace: attributes.namespace) }),
                let rules = rules(of: binding.roleRef, namespace: attributes.namespace),
                rules.contains(where: { $0.allows(attributes) })
            else { continue }
            let name = "\(binding.name)/\(attributes.namespace)"
            return
                "RoleBinding \(ForbiddenStatus.quoted(name)) of \(binding.roleRef.kind) \(ForbiddenStatus.quoted(binding.roleRef.name)) to "
                + describe(subject, bindingNamespace: attributes.namespace)
        }
        return nil
    }

    /// The rules a RoleBinding grants: its namespace's Role, or a ClusterRole's rules limited to that namespace.
    private func rules(of ref: RoleRef, namespace: String) -> [PolicyRule]? {
        switch ref.kind {
        case RoleRef.roleKind:
            return roles.first { $0.metadata.namespace == namespace && $0.name == ref.name }?.rules
        case RoleRef.clusterRoleKind:
            return clusterRoles.first { $0.name == ref.name }?.rules
        default:
            return nil
        }
    }

    private func applies(_ subject: Subject, to user: UserInfo, namespace: String) -> Bool {
        switch subject.kind {
        case Subject.userKind:
            return user.name == subject.name
        case Subject.groupKind:
            return user.groups.contains(subject.name)
        case Subject.serviceAccountKind:
            // A service account subject without a namespace means the binding's own namespace.
            let accountNamespace = subject.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? namespace
            guard !accountNamespace.isEmpty else { return false }
            return user.isServiceAccount(subject.name, namespace: accountNamespace)
        default:
            return false
        }
    }

    private func describe(_ subject: Subject, bindingNamespace: String) -> String {
        guard subject.kind == Subject.serviceAccountKind else { return "\(subject.kind) \(ForbiddenStatus.quoted(subject.name))" }
        let namespace = subject.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? bindingNamespace
        return "\(subject.kind) \(ForbiddenStatus.quoted("\(subject.name)/\(namespace)"))"
    }
}
