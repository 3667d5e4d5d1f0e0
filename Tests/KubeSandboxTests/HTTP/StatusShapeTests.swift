import Foundation
import KubeSandbox
import KubeTesting
import NIOHTTP1
import Testing

/// Sends the request behind each captured Status fixture and checks the sandbox answers in the same shape.
@Suite(.dedicatedThreads) struct StatusShapeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var fixture: String
        var method: HTTPMethod
        var path: String
        var request: String?
        var contentType = "application/json"
        var token: String?
        /// Whether `fixture-pod` exists (created from `pod-create-201.json`'s request) before the request.
        var withFixturePod = true
        /// The message is reproducible (names only, no parser output or UIDs).
        var sameMessage = true

        var testDescription: String { fixture }
    }

    static let cases: [Case] = [
        Case(fixture: "status-400-bad-json.json", method: .POST, path: "/api/v1/namespaces/demo/pods", request: "status-400-bad-json.json"),
        Case(fixture: "status-403-forbidden-list-pods.json", method: .GET, path: "/api/v1/namespaces/kube-system/pods", token: chaosToken),
        Case(
            fixture: "status-403-forbidden-create-pod.json", method: .POST, path: "/api/v1/namespaces/demo/pods",
            request: "status-403-forbidden-create-pod.json", token: chaosToken),
        Case(fixture: "status-401-unauthorized.json", method: .GET, path: "/api/v1/namespaces/demo/pods", token: "not-a-valid-token"),
        Case(
            fixture: "status-404-eviction-no-such-pod.json", method: .POST, path: "/api/v1/namespaces/demo/pods/no-such-pod/eviction",
            request: "status-404-eviction-no-such-pod.json"),
        Case(fixture: "status-404-namespace-not-found.json", method: .GET, path: "/api/v1/namespaces/no-such-namespace"),
        Case(fixture: "status-404-pod-not-found.json", method: .GET, path: "/api/v1/namespaces/demo/pods/no-such-pod"),
        Case(
            fixture: "status-405-method-not-allowed.json", method: .PATCH, path: "/api/v1/namespaces/demo/pods/fixture-pod/eviction",
            request: "status-405-method-not-allowed.json", contentType: "application/merge-patch+json"),
        Case(
            fixture: "status-409-already-exists.json", method: .POST, path: "/api/v1/namespaces/demo/pods",
            request: "status-409-already-exists.json"),
        Case(
            fixture: "status-409-conflict-stale-resourceversion.json", method: .PUT, path: "/api/v1/namespaces/demo/pods/fixture-pod",
            request: "status-409-conflict-stale-resourceversion.json"),
        Case(
            fixture: "status-409-delete-uid-precondition.json", method: .DELETE, path: "/api/v1/namespaces/demo/pods/fixture-pod",
            request: "status-409-delete-uid-precondition.json", sameMessage: false),
        Case(fixture: "status-422-invalid.json", method: .POST, path: "/api/v1/namespaces/demo/pods", request: "status-422-invalid.json"),
        Case(
            fixture: "eviction-201.json", method: .POST, path: "/api/v1/namespaces/demo/pods/fixture-pod/eviction",
            request: "eviction-201.json", token: chaosToken),
    ]

    static let chaosToken = "chaos-token"

    /// User `chaos` as at capture time: Role `chaos-pod-killer` in namespace demo only.
    static let chaosRBAC = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: chaos-pod-killer, namespace: demo}
        rules:
        - {apiGroups: [""], resources: [pods], verbs: [get, list, watch, delete]}
        - {apiGroups: [""], resources: [pods/eviction], verbs: [create]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: chaos-pod-killer, namespace: demo}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: chaos-pod-killer}
        subjects:
        - {apiGroup: rbac.authorization.k8s.io, kind: User, name: chaos}
        """

    @Test(arguments: cases)
    func answerHasTheFixtureShape(_ testCase: Case) async throws {
        let users = [SandboxUser.randomAdmin(), SandboxUser(name: "chaos", token: Self.chaosToken)]
        try await TestClient.withSandbox(SandboxOptions(users: users, controllers: false, rbac: true)) { sandbox, client in
            try await sandbox.load(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"demo"}}"#)
            try await sandbox.load(Self.chaosRBAC)
            if testCase.withFixturePod {
                let created = try await client.send(
                    .POST, "/api/v1/namespaces/demo/pods", body: try Fixtures.request("pod-create-201.json"))
                #expect(created.status == 201)
            }
            let body = try testCase.request.map { try Fixtures.request($0) }
            let response = try await client.send(
                testCase.method, testCase.path, body: body, contentType: testCase.contentType, token: testCase.token)
            let expected = try Fixtures.json(testCase.fixture)
            let answer = try #require(response.json, "not JSON: \(String(decoding: response.body, as: UTF8.self))")

            #expect(response.status == (try Fixtures.httpStatus(testCase.fixture)))
            #expect(response.headers["content-type"].first == "application/json")
            #expect(JSONShape(answer) == JSONShape(expected))
            #expect(answer["reason"] == expected["reason"])
            #expect(answer["code"] == expected["code"])
            if testCase.sameMessage { #expect(answer["message"] == expected["message"]) }
        }
    }
}
