import KubeSandbox
import KubeTesting
import Testing

@Suite(.dedicatedThreads) struct AuthorizationTests {
    static let rbac = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: demo}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: pod-killer, namespace: demo}
        rules:
        - {apiGroups: [""], resources: [pods], verbs: [get, list, delete]}
        - {apiGroups: [""], resources: [pods/eviction], verbs: [create]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: pod-killer, namespace: demo}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-killer}
        subjects: [{kind: User, name: chaos}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: deployment-reader}
        rules: [{apiGroups: [apps], resources: [deployments], verbs: [get], resourceNames: [web]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: readers}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: deployment-reader}
        subjects: [{kind: Group, name: readers}]
        """

    static let chaos = SandboxUser(name: "chaos", token: "t1")
    static let reader = SandboxUser(name: "someone", token: "t2", groups: ["readers"])

    struct Case: Sendable {
        var user: SandboxUser
        var verb: String
        var group = ""
        var resource = "pods"
        var subresource: String?
        var namespace: String? = "demo"
        var name: String?
        var allowed: Bool
    }

    static let cases: [Case] = [
        Case(user: chaos, verb: "delete", name: "web", allowed: true),
        Case(user: chaos, verb: "create", subresource: "eviction", name: "web", allowed: true),
        Case(user: chaos, verb: "create", allowed: false),
        Case(user: chaos, verb: "delete", namespace: "kube-system", name: "web", allowed: false),
        Case(user: chaos, verb: "patch", subresource: "status", name: "web", allowed: false),
        Case(user: reader, verb: "get", group: "apps", resource: "deployments", name: "web", allowed: true),
        Case(user: reader, verb: "get", group: "apps", resource: "deployments", name: "db", allowed: false),
        Case(user: reader, verb: "list", group: "apps", resource: "deployments", allowed: false),
        Case(
            user: SandboxUser(name: "root", token: "t3", groups: ["system:masters"]), verb: "delete", resource: "namespaces",
            namespace: nil,
            name: "demo", allowed: true),
    ]

    /// The store's authorizer reads the Roles and bindings it holds, so a loaded manifest takes effect at once.
    @Test(arguments: cases)
    func storedRolesAndBindingsDecide(_ testCase: Case) async throws {
        try await withSandbox(SandboxOptions(tls: false, controllers: false)) { sandbox in
            try await sandbox.load(Self.rbac)
            let attributes = AuthorizationAttributes.resource(
                user: testCase.user.userInfo, verb: testCase.verb, apiGroup: testCase.group, resource: testCase.resource,
                subresource: testCase.subresource ?? "", namespace: testCase.namespace ?? "", name: testCase.name ?? "")
            #expect(await sandbox.store.authorize(attributes).allowed == testCase.allowed)
        }
    }
}
