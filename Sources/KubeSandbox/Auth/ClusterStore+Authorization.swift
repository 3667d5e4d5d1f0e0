extension ClusterStore {
    /// The RBAC authorizer over the Roles, ClusterRoles and bindings stored now, plus the bootstrap policy.
    /// Objects that do not decode as RBAC objects grant nothing.
    public func rbacAuthorizer() -> RBACAuthorizer {
        func decoded<T: Decodable>(_ resource: String, as type: T.Type) -> [T] {
            guard let resourceType = ResourceCatalog.find(group: RBACGroup.name, version: "v1", resource: resource) else { return [] }
            return allObjects(of: resourceType).compactMap { try? $0.decode(as: T.self) }
        }
        return RBACAuthorizer(
            roles: decoded("roles", as: Role.self), clusterRoles: decoded("clusterroles", as: ClusterRole.self),
            roleBindings: decoded("rolebindings", as: RoleBinding.self),
            clusterRoleBindings: decoded("clusterrolebindings", as: ClusterRoleBinding.self))
    }

    /// Decides a request as kube-apiserver with `--authorization-mode=RBAC` would, against the stored RBAC objects.
    public func authorize(_ attributes: AuthorizationAttributes) -> AuthorizationDecision {
        rbacAuthorizer().authorize(attributes)
    }
}
