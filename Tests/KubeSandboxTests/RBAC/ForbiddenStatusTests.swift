import Foundation
import KubeAPI
import KubeSandbox
import Testing

@Suite("RBAC 403 Status")
struct ForbiddenStatusTests {
    typealias F = RBACPolicyFixture

    @Test(
        "denials equal the captured 403s",
        arguments: [
            (
                "status-403-forbidden-list-pods.json",
                AuthorizationAttributes.resource(user: F.chaos, verb: "list", resource: "pods", namespace: "kube-system")
            ),
            (
                "status-403-forbidden-create-pod.json",
                AuthorizationAttributes.resource(user: F.chaos, verb: "create", resource: "pods", namespace: "demo")
            ),
        ])
    func captured(fixture: String, attributes: AuthorizationAttributes) throws {
        let expected = try CapturedFixture.decode(KubeAPI.Status.self, from: fixture)
        let status = try #require(F.authorizer.authorize(attributes).forbiddenStatus)
        #expect(status == expected)
    }

    @Test(
        "message and details for named objects, API groups, the cluster scope and paths",
        arguments: [
            (
                AuthorizationAttributes.resource(
                    user: F.bob, verb: "create", resource: "pods", subresource: "eviction", namespace: "demo", name: "web-1"),
                "pods \"web-1\" is forbidden: User \"bob\" cannot create resource \"pods/eviction\" in API group \"\" in the namespace \"demo\"",
                KubeAPI.Status.Details(name: "web-1", kind: "pods")
            ),
            (
                AuthorizationAttributes.resource(
                    user: F.chaos, verb: "patch", apiGroup: "apps", resource: "deployments", subresource: "scale", namespace: "demo",
                    name: "web"),
                "deployments.apps \"web\" is forbidden: User \"chaos\" cannot patch resource \"deployments/scale\" in API group \"apps\" in the namespace \"demo\"",
                KubeAPI.Status.Details(name: "web", group: "apps", kind: "deployments")
            ),
            (
                AuthorizationAttributes.resource(user: F.chaos, verb: "list", resource: "nodes"),
                "nodes is forbidden: User \"chaos\" cannot list resource \"nodes\" in API group \"\" at the cluster scope",
                KubeAPI.Status.Details(kind: "nodes")
            ),
            (
                AuthorizationAttributes.nonResource(user: F.chaos, path: "/metrics"),
                "forbidden: User \"chaos\" cannot get path \"/metrics\"",
                KubeAPI.Status.Details()
            ),
        ])
    func shapes(attributes: AuthorizationAttributes, message: String, details: KubeAPI.Status.Details) throws {
        let status = try #require(F.authorizer.authorize(attributes).forbiddenStatus)
        #expect(status.message == message)
        #expect(status.details == details)
        #expect(status.reason == "Forbidden")
        #expect(status.code == 403)
    }

    @Test("a user name with quotes is escaped as Go's %q does")
    func quoting() {
        let status = ForbiddenStatus.make(for: .nonResource(user: UserInfo(name: "a\"b"), path: "/x"))
        #expect(status.message == #"forbidden: User "a\"b" cannot get path "/x""#)
    }
}
