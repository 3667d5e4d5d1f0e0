import Foundation
import KubeSandbox
import KubeTesting
import NIOHTTP1
import Testing

/// Service account tokens (TokenRequest and the Swift API) and RBAC deciding every request they make.
@Suite(.dedicatedThreads) struct ServiceAccountRBACTests {
    /// The chaos tool's account in `demo`: pods read/delete, evictions, and `deployments/scale` of `web` only.
    static let policy = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: demo}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web-1, namespace: demo, labels: {app: web}}
        spec: {containers: [{name: c, image: nginx}]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: chaos, namespace: demo}
        rules:
        - {apiGroups: [""], resources: [pods], verbs: [get, list, watch, delete]}
        - {apiGroups: [""], resources: [pods/eviction], verbs: [create]}
        - {apiGroups: [apps], resources: [deployments/scale], verbs: [get, patch], resourceNames: [web]}
        - {apiGroups: [apps], resources: [deployments], verbs: [list, watch], resourceNames: [web]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: chaos, namespace: demo}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: chaos}
        subjects: [{kind: ServiceAccount, name: chaos, namespace: demo}]
        """

    struct Case: Sendable, CustomTestStringConvertible {
        var method: HTTPMethod
        var path: String
        var body: String?
        var status: Int
        /// The sentence the 403 must carry.
        var denial: String?

        var testDescription: String { "\(method) \(path) → \(status)" }
    }

    static let user = "system:serviceaccount:demo:chaos"

    static let cases: [Case] = [
        Case(method: .GET, path: "/api/v1/namespaces/demo/pods", status: 200),
        // A list selecting `metadata.name` is authorized as a read of that object, so `resourceNames` can grant it.
        Case(method: .GET, path: "/apis/apps/v1/namespaces/demo/deployments?fieldSelector=metadata.name%3Dweb", status: 200),
        Case(
            method: .GET, path: "/apis/apps/v1/namespaces/demo/deployments", status: 403,
            denial:
                "deployments.apps is forbidden: User \"\(user)\" cannot list resource \"deployments\" in API group \"apps\" in the namespace \"demo\""
        ),
        Case(method: .GET, path: "/apis/apps/v1/namespaces/demo/deployments?fieldSelector=metadata.name%3Dapi", status: 403),
        Case(method: .GET, path: "/api/v1/namespaces/demo/pods/web-1", status: 200),
        Case(
            method: .GET, path: "/api/v1/namespaces/kube-system/pods", status: 403,
            denial: "pods is forbidden: User \"\(user)\" cannot list resource \"pods\" in API group \"\" in the namespace \"kube-system\""),
        Case(
            method: .POST, path: "/api/v1/namespaces/demo/pods/web-1/eviction",
            body: #"{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"web-1","namespace":"demo"}}"#, status: 201),
        Case(
            method: .PATCH, path: "/api/v1/namespaces/demo/pods/web-1/status", body: "{}", status: 403,
            denial:
                "pods \"web-1\" is forbidden: User \"\(user)\" cannot patch resource \"pods/status\" in API group \"\" in the namespace \"demo\""
        ),
        Case(method: .GET, path: "/apis/apps/v1/namespaces/demo/deployments/web/scale", status: 200),
        Case(
            method: .GET, path: "/apis/apps/v1/namespaces/demo/deployments/db/scale", status: 403,
            denial:
                "deployments.apps \"db\" is forbidden: User \"\(user)\" cannot get resource \"deployments/scale\" in API group \"apps\" in the namespace \"demo\""
        ),
        Case(method: .GET, path: "/apis/apps/v1/namespaces/demo/deployments/web", status: 403),
        Case(method: .GET, path: "/version", status: 200),
        Case(method: .GET, path: "/apis", status: 200),
        Case(method: .GET, path: "/sandbox/faults", status: 403, denial: "forbidden: User \"\(user)\" cannot get path \"/sandbox/faults\""),
    ]

    static func withSandbox(rbac: Bool, _ body: (Sandbox, TestClient) async throws -> Void) async throws {
        try await TestClient.withSandbox(SandboxOptions(controllers: false, rbac: rbac)) { sandbox, client in
            try await sandbox.load(policy)
            try await sandbox.load(
                String(decoding: Objects.deployment("web", namespace: "demo").data(), as: UTF8.self) + "\n---\n"
                    + String(decoding: Objects.deployment("db", namespace: "demo").data(), as: UTF8.self))
            try await body(sandbox, client)
        }
    }

    @Test("With RBAC, the account's bindings decide, subresources and resourceNames included", arguments: cases)
    func rbacDecidesForTheServiceAccount(_ testCase: Case) async throws {
        try await Self.withSandbox(rbac: true) { sandbox, client in
            let token = try await sandbox.serviceAccountToken(namespace: "demo", name: "chaos")
            let response = try await client.send(
                testCase.method, testCase.path, body: testCase.body.map { Data($0.utf8) },
                contentType: testCase.method == .PATCH ? "application/merge-patch+json" : "application/json", token: token)
            #expect(response.status == testCase.status)
            if let denial = testCase.denial {
                #expect(response.json?["message"]?.stringValue == denial)
                #expect(response.json?["reason"]?.stringValue == "Forbidden")
            }
        }
    }

    @Test("Without RBAC every authenticated user may do anything")
    func rbacOffAllowsEverything() async throws {
        try await Self.withSandbox(rbac: false) { sandbox, client in
            let token = try await sandbox.serviceAccountToken(namespace: "demo", name: "chaos")
            #expect(try await client.send(.GET, "/api/v1/namespaces/kube-system/pods", token: token).status == 200)
            #expect(try await client.send(.GET, "/apis/apps/v1/namespaces/demo/deployments/db/scale", token: token).status == 200)
        }
    }

    @Test("TokenRequest issues a token that authenticates as the account until the account is deleted")
    func tokenRequestOverHTTP() async throws {
        try await Self.withSandbox(rbac: true) { sandbox, client in
            try await sandbox.load("{apiVersion: v1, kind: ServiceAccount, metadata: {name: chaos, namespace: demo}}")
            let request = #"{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{"expirationSeconds":1200}}"#
            let response = try await client.send(
                .POST, "/api/v1/namespaces/demo/serviceaccounts/chaos/token", body: Data(request.utf8))
            #expect(response.status == 201)
            #expect(response.json?["kind"]?.stringValue == "TokenRequest")
            #expect(response.json?[path: ["spec", "expirationSeconds"]]?.intValue == 1200)
            #expect(response.json?[path: ["status", "expirationTimestamp"]]?.stringValue != nil)
            let token = try #require(response.json?[path: ["status", "token"]]?.stringValue)
            #expect(try await client.send(.GET, "/api/v1/namespaces/demo/pods", token: token).status == 200)
            #expect(try await client.send(.GET, "/api/v1/namespaces/default/pods", token: token).status == 403)
            #expect(try await client.send(.DELETE, "/api/v1/namespaces/demo/serviceaccounts/chaos").status == 200)
            #expect(try await client.send(.GET, "/api/v1/namespaces/demo/pods", token: token).status == 401)
        }
    }

    @Test(
        "TokenRequest refuses a missing account (404) and a lifetime under ten minutes (422)",
        arguments: [("ghost", 3600, 404), ("chaos", 60, 422)])
    func tokenRequestErrors(account: String, seconds: Int, status: Int) async throws {
        try await Self.withSandbox(rbac: true) { sandbox, client in
            try await sandbox.load("{apiVersion: v1, kind: ServiceAccount, metadata: {name: chaos, namespace: demo}}")
            let request = #"{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{"expirationSeconds":\#(seconds)}}"#
            let response = try await client.send(
                .POST, "/api/v1/namespaces/demo/serviceaccounts/\(account)/token", body: Data(request.utf8))
            #expect(response.status == status)
        }
    }

    @Test("A service-account kubeconfig and ClusterConfig carry a token of that account")
    func configsForTheAccount() async throws {
        try await Self.withSandbox(rbac: true) { sandbox, client in
            let yaml = try await sandbox.kubeconfigYAML(serviceAccount: "chaos", namespace: "demo")
            #expect(yaml.contains("name: \"\(Self.user)\""))
            #expect(yaml.contains("namespace: \"demo\""))
            let config = try await sandbox.clusterConfig(serviceAccount: "chaos", namespace: "demo")
            #expect(config.namespace == "demo")
            guard case .fixed(let credentials) = config.credentials, let token = credentials.bearerToken else {
                Issue.record("expected a fixed bearer token")
                return
            }
            #expect(try await client.send(.GET, "/api/v1/namespaces/demo/pods", token: token).status == 200)
            let line = try #require(yaml.split(separator: "\n").first { $0.hasPrefix("    token: ") })
            let kubeconfigToken = line.dropFirst("    token: ".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            #expect(try await client.send(.GET, "/api/v1/namespaces/demo/pods", token: kubeconfigToken).status == 200)
        }
    }

    @Test("The token's user is in system:serviceaccounts and system:serviceaccounts:NS, which bindings can name")
    func serviceAccountGroups() async throws {
        try await Self.withSandbox(rbac: true) { sandbox, client in
            let token = try await sandbox.serviceAccountToken(namespace: "demo", name: "chaos")
            #expect(try await client.send(.GET, "/api/v1/namespaces", token: token).status == 403)
            try await sandbox.load(
                """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: namespace-reader}
                rules: [{apiGroups: [""], resources: [namespaces], verbs: [list]}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: demo-accounts-read-namespaces}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: namespace-reader}
                subjects: [{apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:serviceaccounts:demo"}]
                """)
            #expect(try await client.send(.GET, "/api/v1/namespaces", token: token).status == 200)
        }
    }
}
