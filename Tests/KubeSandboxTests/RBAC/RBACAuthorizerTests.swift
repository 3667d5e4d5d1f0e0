import Foundation
import KubeAPI
import KubeSandbox
import Testing

struct AccessCase: Sendable, CustomTestStringConvertible {
    let name: String
    let attributes: AuthorizationAttributes
    let allowed: Bool

    var testDescription: String { "\(name): \(allowed ? "allowed" : "denied")" }

    static func resource(
        _ name: String, _ user: UserInfo, _ verb: String, _ resource: String, subresource: String = "", group: String = "",
        namespace: String = "", object: String = "", allowed: Bool
    ) -> AccessCase {
        AccessCase(
            name: name,
            attributes: .resource(
                user: user, verb: verb, apiGroup: group, resource: resource, subresource: subresource, namespace: namespace, name: object),
            allowed: allowed)
    }

    static func path(_ name: String, _ user: UserInfo, verb: String = "get", _ path: String, allowed: Bool) -> AccessCase {
        AccessCase(name: name, attributes: .nonResource(user: user, verb: verb, path: path), allowed: allowed)
    }
}

@Suite("RBAC authorizer")
struct RBACAuthorizerTests {
    typealias F = RBACPolicyFixture

    static let table: [AccessCase] = [
        .resource("Role grants get in its namespace", F.chaos, "get", "pods", namespace: "demo", object: "web-1", allowed: true),
        .resource("Role grants list", F.chaos, "list", "pods", namespace: "demo", allowed: true),
        .resource("Role grants delete", F.chaos, "delete", "pods", namespace: "demo", object: "web-1", allowed: true),
        .resource("Role does not reach another namespace", F.chaos, "list", "pods", namespace: "kube-system", allowed: false),
        .resource("Role does not reach the cluster scope", F.chaos, "list", "pods", allowed: false),
        .resource("verb not in the rule", F.chaos, "create", "pods", namespace: "demo", allowed: false),
        .resource("patch not in the rule", F.chaos, "patch", "pods", namespace: "demo", object: "web-1", allowed: false),
        .resource(
            "subresource rule", F.chaos, "create", "pods", subresource: "eviction", namespace: "demo", object: "web-1", allowed: true),
        .resource(
            "pods does not cover pods/log", F.chaos, "get", "pods", subresource: "log", namespace: "demo", object: "web-1", allowed: false),
        .resource(
            "*/scale covers deployments/scale", F.alice, "patch", "deployments", subresource: "scale", group: "apps", namespace: "demo",
            object: "web", allowed: true),
        .resource(
            "*/scale covers statefulsets/scale", F.alice, "get", "statefulsets", subresource: "scale", group: "apps", namespace: "demo",
            object: "db", allowed: true),
        .resource(
            "*/scale does not cover the object itself", F.alice, "get", "deployments", group: "apps", namespace: "demo", object: "web",
            allowed: false),
        .resource(
            "*/scale does not cover another subresource", F.alice, "get", "deployments", subresource: "status", group: "apps",
            namespace: "demo", object: "web", allowed: false),
        .resource(
            "RoleBinding to a ClusterRole stays in its namespace", F.alice, "patch", "deployments", subresource: "scale", group: "apps",
            namespace: "prod", object: "web", allowed: false),
        .resource(
            "API group must match", F.alice, "get", "replicationcontrollers", subresource: "scale", namespace: "demo", object: "rc",
            allowed: false),
        .resource("ClusterRoleBinding reaches every namespace", F.bob, "list", "pods", namespace: "kube-system", allowed: true),
        .resource("ClusterRoleBinding reaches the cluster scope", F.bob, "watch", "pods", allowed: true),
        .resource("ClusterRole verbs still apply", F.bob, "delete", "pods", namespace: "demo", object: "web-1", allowed: false),
        .resource(
            "binding to a Role that does not exist grants nothing", F.bob, "get", "secrets", namespace: "demo", object: "s", allowed: false),
        .resource(
            "service account named in the rule's resourceNames", F.deployer, "get", "configmaps", namespace: "demo", object: "app-config",
            allowed: true),
        .resource("resourceNames exclude other names", F.deployer, "get", "configmaps", namespace: "demo", object: "other", allowed: false),
        .resource("resourceNames never match list", F.deployer, "list", "configmaps", namespace: "demo", allowed: false),
        .resource(
            "service account of another namespace", F.foreignDeployer, "get", "configmaps", namespace: "demo", object: "app-config",
            allowed: false),
        .resource(
            "service account outside its binding's namespace", F.deployer, "get", "configmaps", namespace: "other", object: "app-config",
            allowed: false),
        .resource(
            "resourceNames match a named subresource create", F.eve, "create", "pods", subresource: "eviction", namespace: "demo",
            object: "web-1", allowed: true),
        .resource(
            "resourceNames refuse another name", F.eve, "create", "pods", subresource: "eviction", namespace: "demo", object: "web-2",
            allowed: false),
        .resource(
            "resourceNames never match a create without a name", F.eve, "create", "pods", subresource: "eviction", namespace: "demo",
            allowed: false),
        .resource(
            "service-account namespace group with wildcards", F.builder, "create", "deployments", group: "apps", namespace: "demo",
            allowed: true),
        .resource(
            "wildcards cover subresources", F.builder, "update", "deployments", subresource: "scale", group: "apps", namespace: "demo",
            object: "web", allowed: true),
        .resource(
            "wildcards stay in the binding's namespace", F.builder, "create", "deployments", group: "apps", namespace: "other",
            allowed: false),
        .resource("ClusterRoleBinding to a service account with a namespace", F.prometheus, "list", "nodes", allowed: true),
        .resource(
            "ClusterRoleBinding service account without namespace binds no one", F.deployer, "delete", "nodes", object: "n1", allowed: false
        ),
        .resource("system:masters may do anything", F.admin, "delete", "nodes", object: "n1", allowed: true),
        .resource(
            "system:masters in any namespace", F.admin, "create", "pods", subresource: "eviction", namespace: "kube-system", object: "x",
            allowed: true),
        .resource(
            "everyone may review their own access", F.chaos, "create", "selfsubjectaccessreviews", group: "authorization.k8s.io",
            allowed: true),
        .path("discovery: /version", F.chaos, "/version", allowed: true),
        .path("discovery: /api", F.chaos, "/api", allowed: true),
        .path("discovery: /apis prefix", F.chaos, "/apis/apps/v1", allowed: true),
        .path("discovery: /healthz", F.deployer, "/healthz", allowed: true),
        .path("non-resource verb must match", F.chaos, verb: "post", "/version", allowed: false),
        .path("path not granted", F.chaos, "/metrics", allowed: false),
        .path("path granted by a ClusterRole", F.prometheus, "/metrics", allowed: true),
        .path("system:masters on any path", F.admin, "/debug/pprof", allowed: true),
        .path("anonymous: /version is public", UserInfo.anonymous, "/version", allowed: true),
        .path("anonymous: discovery is not", UserInfo.anonymous, "/apis", allowed: false),
        .resource(
            "anonymous: no resources", UserInfo.anonymous, "create", "selfsubjectaccessreviews", group: "authorization.k8s.io",
            allowed: false),
    ]

    @Test(arguments: table)
    func access(_ row: AccessCase) {
        let decision = F.authorizer.authorize(row.attributes)
        #expect(decision.allowed == row.allowed)
        #expect((decision.forbiddenStatus == nil) == row.allowed)
    }

    @Test("without the bootstrap policy even /version is denied")
    func noBootstrap() {
        let bare = RBACAuthorizer(includeBootstrapPolicy: false)
        #expect(!bare.authorize(.nonResource(user: F.chaos, path: "/version")).allowed)
        #expect(RBACAuthorizer().authorize(.nonResource(user: F.chaos, path: "/version")).allowed)
    }

    @Test(
        "the allow reason names the binding, role and subject",
        arguments: [
            (
                AuthorizationAttributes.resource(user: F.chaos, verb: "list", resource: "pods", namespace: "demo"),
                "RBAC: allowed by RoleBinding \"chaos/demo\" of Role \"chaos-pod-killer\" to User \"chaos\""
            ),
            (
                AuthorizationAttributes.resource(user: F.bob, verb: "list", resource: "pods"),
                "RBAC: allowed by ClusterRoleBinding \"readers\" of ClusterRole \"pod-reader\" to Group \"auditors\""
            ),
            (
                AuthorizationAttributes.resource(
                    user: F.deployer, verb: "get", resource: "configmaps", namespace: "demo", name: "app-config"),
                "RBAC: allowed by RoleBinding \"config/demo\" of ClusterRole \"one-config\" to ServiceAccount \"deployer/demo\""
            ),
        ])
    func allowReason(attributes: AuthorizationAttributes, reason: String) {
        #expect(F.authorizer.authorize(attributes).reason == reason)
    }

    @Test("service account identities carry their groups and system:authenticated")
    func serviceAccountIdentity() {
        let account = UserInfo.serviceAccount("builder", namespace: "ci")
        #expect(account.name == "system:serviceaccount:ci:builder")
        #expect(Set(account.groups) == ["system:serviceaccounts", "system:serviceaccounts:ci", "system:authenticated"])
        #expect(UserInfo(name: "x", groups: ["system:authenticated"]).groups == ["system:authenticated"])
    }
}
