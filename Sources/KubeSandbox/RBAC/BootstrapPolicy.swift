import KubeAPI

/// The default roles every cluster has that matter to the sandbox's clients: discovery and version for any
/// authenticated user (`system:discovery`; `system:public-info-viewer` also for anonymous requests), and self access reviews
/// (`system:basic-user`) so that `kubectl auth can-i` works for everyone.
public enum BootstrapPolicy {
    public static let clusterRoles: [ClusterRole] = [
        ClusterRole(
            metadata: ObjectMeta(name: "system:discovery"),
            rules: [
                PolicyRule(
                    verbs: ["get"],
                    nonResourceURLs: [
                        "/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version",
                        "/version/",
                    ])
            ]),
        ClusterRole(
            metadata: ObjectMeta(name: "system:public-info-viewer"),
            rules: [PolicyRule(verbs: ["get"], nonResourceURLs: ["/healthz", "/livez", "/readyz", "/version", "/version/"])]),
        ClusterRole(
            metadata: ObjectMeta(name: "system:basic-user"),
            rules: [
                PolicyRule(
                    verbs: ["create"], apiGroups: ["authorization.k8s.io"],
                    resources: ["selfsubjectaccessreviews", "selfsubjectrulesreviews"])
            ]),
    ]

    /// Each role for `system:authenticated`; public info for `system:unauthenticated` too.
    public static let clusterRoleBindings: [ClusterRoleBinding] = clusterRoles.map { role in
        var subjects: [Subject] = [.group(UserInfo.authenticatedGroup)]
        if role.name == "system:public-info-viewer" { subjects.append(.group(UserInfo.unauthenticatedGroup)) }
        return ClusterRoleBinding(metadata: ObjectMeta(name: role.name), subjects: subjects, roleRef: .clusterRole(role.name))
    }
}
