import Foundation
import KubeAPI
import KubeSandbox
import Testing

@Suite("RBAC objects from stored JSON")
struct RBACDecodingTests {
    @Test("a sparse Role and binding decode with defaults and grant what they say")
    func tolerant() throws {
        let role = try JSONValue(
            data: Data(
                #"{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"r","namespace":"demo"},"rules":[{"verbs":["get"],"apiGroups":[""],"resources":["pods"]},{"verbs":["list"]}]}"#
                    .utf8)
        ).decode(as: Role.self)
        let binding = try JSONValue(
            data: Data(
                #"{"kind":"RoleBinding","metadata":{"name":"b","namespace":"demo"},"subjects":[{"kind":"ServiceAccount","name":"app"}],"roleRef":{"kind":"Role","name":"r"}}"#
                    .utf8)
        ).decode(as: RoleBinding.self)
        #expect(role.rules.count == 2)
        #expect(role.rules[1].resources.isEmpty)
        #expect(binding.roleRef.apiGroup == "rbac.authorization.k8s.io")
        #expect(binding.subjects.first?.namespace == nil)
        let authorizer = RBACAuthorizer(roles: [role], roleBindings: [binding])
        let account = UserInfo.serviceAccount("app", namespace: "demo")
        #expect(authorizer.authorize(.resource(user: account, verb: "get", resource: "pods", namespace: "demo", name: "p")).allowed)
        #expect(!authorizer.authorize(.resource(user: account, verb: "list", resource: "pods", namespace: "demo")).allowed)
    }

    @Test("a ClusterRole without rules and a binding without subjects decode and grant nothing")
    func empty() throws {
        let role = try JSONValue(data: Data(#"{"kind":"ClusterRole","metadata":{"name":"aggregate"}}"#.utf8)).decode(as: ClusterRole.self)
        let binding = try JSONValue(
            data: Data(#"{"kind":"ClusterRoleBinding","metadata":{"name":"b"},"roleRef":{"kind":"ClusterRole","name":"aggregate"}}"#.utf8)
        )
        .decode(as: ClusterRoleBinding.self)
        #expect(role.rules.isEmpty)
        #expect(binding.subjects.isEmpty)
        let authorizer = RBACAuthorizer(clusterRoles: [role], clusterRoleBindings: [binding], includeBootstrapPolicy: false)
        #expect(!authorizer.authorize(.resource(user: UserInfo(name: "u"), verb: "get", resource: "pods")).allowed)
    }

    @Test("rules encode without empty lists, and round-trip")
    func roundTrip() throws {
        let rule = PolicyRule(verbs: ["get"], nonResourceURLs: ["/healthz"])
        let json = try JSONValue(encoding: rule)
        #expect(json == .object(["verbs": .array([.string("get")]), "nonResourceURLs": .array([.string("/healthz")])]))
        #expect(try json.decode(as: PolicyRule.self) == rule)
    }
}
