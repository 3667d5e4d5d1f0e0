import KubeAPI
import KubeSandbox

/// The RBAC objects of the authorizer tables: the capture's `chaos-pod-killer` Role and a handful of grants that
/// exercise every matching rule.
enum RBACPolicyFixture {
    static let chaos = UserInfo(name: "chaos")
    static let alice = UserInfo(name: "alice", groups: ["ops"])
    static let bob = UserInfo(name: "bob", groups: ["auditors"])
    static let eve = UserInfo(name: "eve")
    static let admin = UserInfo(name: "admin", groups: ["system:masters"])
    static let deployer = UserInfo.serviceAccount("deployer", namespace: "demo")
    static let foreignDeployer = UserInfo.serviceAccount("deployer", namespace: "other")
    static let builder = UserInfo.serviceAccount("builder", namespace: "ci")
    static let prometheus = UserInfo.serviceAccount("prom", namespace: "monitoring")

    static func meta(_ name: String, _ namespace: String? = nil) -> ObjectMeta {
        ObjectMeta(name: name, namespace: namespace)
    }

    static let authorizer = RBACAuthorizer(
        roles: [
            Role(
                metadata: meta("chaos-pod-killer", "demo"),
                rules: [
                    PolicyRule(verbs: ["get", "list", "watch", "delete"], apiGroups: [""], resources: ["pods"]),
                    PolicyRule(verbs: ["create"], apiGroups: [""], resources: ["pods/eviction"]),
                ])
        ],
        clusterRoles: [
            ClusterRole(
                metadata: meta("scaler"),
                rules: [PolicyRule(verbs: ["get", "update", "patch"], apiGroups: ["apps"], resources: ["*/scale"])]),
            ClusterRole(
                metadata: meta("pod-reader"), rules: [PolicyRule(verbs: ["get", "list", "watch"], apiGroups: [""], resources: ["pods"])]),
            ClusterRole(
                metadata: meta("one-config"),
                rules: [
                    PolicyRule(verbs: ["get", "update", "list"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["app-config"])
                ]),
            ClusterRole(
                metadata: meta("evict-one"),
                rules: [PolicyRule(verbs: ["create"], apiGroups: [""], resources: ["pods/eviction"], resourceNames: ["web-1"])]),
            ClusterRole(metadata: meta("namespace-admin"), rules: [PolicyRule(verbs: ["*"], apiGroups: ["*"], resources: ["*"])]),
            ClusterRole(
                metadata: meta("metrics-viewer"),
                rules: [
                    PolicyRule(verbs: ["get"], nonResourceURLs: ["/metrics"]),
                    PolicyRule(verbs: ["list"], apiGroups: [""], resources: ["nodes"]),
                ]),
        ],
        roleBindings: [
            RoleBinding(metadata: meta("chaos", "demo"), subjects: [.user("chaos")], roleRef: .role("chaos-pod-killer")),
            RoleBinding(metadata: meta("scalers", "demo"), subjects: [.group("ops")], roleRef: .clusterRole("scaler")),
            RoleBinding(metadata: meta("config", "demo"), subjects: [.serviceAccount("deployer")], roleRef: .clusterRole("one-config")),
            RoleBinding(metadata: meta("evictor", "demo"), subjects: [.user("eve")], roleRef: .clusterRole("evict-one")),
            RoleBinding(
                metadata: meta("ci-admin", "demo"), subjects: [.group("system:serviceaccounts:ci")],
                roleRef: .clusterRole("namespace-admin")),
            // A Role of another namespace cannot be granted by this binding.
            RoleBinding(metadata: meta("borrowed", "demo"), subjects: [.user("bob")], roleRef: .role("missing-here")),
        ],
        clusterRoleBindings: [
            ClusterRoleBinding(metadata: meta("readers"), subjects: [.group("auditors")], roleRef: .clusterRole("pod-reader")),
            ClusterRoleBinding(
                metadata: meta("monitoring"), subjects: [.serviceAccount("prom", namespace: "monitoring")],
                roleRef: .clusterRole("metrics-viewer")),
            // A ServiceAccount subject without a namespace in a ClusterRoleBinding binds no one.
            ClusterRoleBinding(
                metadata: meta("dangling"), subjects: [.serviceAccount("deployer")], roleRef: .clusterRole("namespace-admin")),
        ])
}
