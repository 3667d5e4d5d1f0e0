import Foundation
import KubeSandbox
import KubeTesting
import Testing

/// `authorization.k8s.io/v1 SelfSubjectAccessReview`, what `kubectl auth can-i` asks, answered by the authorizer.
@Suite(.dedicatedThreads) struct AccessReviewTests {
    static let policy = ServiceAccountRBACTests.policy

    static func review(verb: String, resource: String, subresource: String = "", namespace: String) -> Data {
        Data(
            #"{"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","spec":{"resourceAttributes":{"namespace":"\#(namespace)","verb":"\#(verb)","resource":"\#(resource)","subresource":"\#(subresource)"}}}"#
                .utf8)
    }

    @Test(
        "A review answers for the requesting service account, naming the binding that allows",
        arguments: [
            ("create", "pods", "eviction", "demo", true), ("create", "pods", "eviction", "kube-system", false),
            ("create", "pods", "", "demo", false),
        ])
    func reviewOverHTTP(verb: String, resource: String, subresource: String, namespace: String, allowed: Bool) async throws {
        try await withSandbox(SandboxOptions(controllers: false, rbac: true)) { sandbox in
            let client = try TestClient(sandbox)
            do {
                try await sandbox.load(Self.policy)
                let token = try await sandbox.serviceAccountToken(namespace: "demo", name: "chaos")
                let response = try await client.send(
                    .POST, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                    body: Self.review(verb: verb, resource: resource, subresource: subresource, namespace: namespace), token: token)
                #expect(response.status == 201)
                #expect(response.json?["kind"]?.stringValue == "SelfSubjectAccessReview")
                #expect(response.json?[path: ["status", "allowed"]]?.boolValue == allowed)
                if allowed {
                    #expect(response.json?[path: ["status", "reason"]]?.stringValue?.contains("RoleBinding \"chaos/demo\"") == true)
                }
            } catch {
                Issue.record(error)
            }
            await client.shutdown()
        }
    }

    /// One length-delimited protobuf field (short values only, as here).
    static func field(_ number: UInt8, _ bytes: [UInt8]) -> [UInt8] { [number << 3 | 2, UInt8(bytes.count)] + bytes }
    static func field(_ number: UInt8, _ text: String) -> [UInt8] { field(number, Array(text.utf8)) }

    @Test("A protobuf review, as kubectl's typed client sends it, is read too")
    func protobufReview() async throws {
        try await withSandbox(SandboxOptions(controllers: false, rbac: true)) { sandbox in
            let client = try TestClient(sandbox)
            do {
                try await sandbox.load(Self.policy)
                let token = try await sandbox.serviceAccountToken(namespace: "demo", name: "chaos")
                let attributes = Self.field(1, "demo") + Self.field(2, "create") + Self.field(5, "pods") + Self.field(6, "eviction")
                let review = Self.field(2, Self.field(1, attributes))
                let typeMeta = Self.field(1, "authorization.k8s.io/v1") + Self.field(2, "SelfSubjectAccessReview")
                let body = [0x6b, 0x38, 0x73, 0x00] + Self.field(1, typeMeta) + Self.field(2, review)
                let response = try await client.send(
                    .POST, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", body: Data(body),
                    contentType: "application/vnd.kubernetes.protobuf", token: token)
                #expect(response.status == 201)
                #expect(response.json?[path: ["spec", "resourceAttributes", "subresource"]]?.stringValue == "eviction")
                #expect(response.json?[path: ["status", "allowed"]]?.boolValue == true)
                let garbage = try await client.send(
                    .POST, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", body: Data([0x6b, 0x38, 0x73, 0x00, 0x0a, 0x7f]),
                    contentType: "application/vnd.kubernetes.protobuf", token: token)
                #expect(garbage.status == 400)
            } catch {
                Issue.record(error)
            }
            await client.shutdown()
        }
    }

    @Test("Discovery lists selfsubjectaccessreviews, create only")
    func discoveryListsTheReviewResource() async throws {
        try await withSandbox(SandboxOptions(controllers: false)) { sandbox in
            let client = try TestClient(sandbox)
            do {
                let groups = try await client.send(.GET, "/apis").json?["groups"]?.arrayValue ?? []
                #expect(groups.contains { $0["name"]?.stringValue == "authorization.k8s.io" })
                let resources = try await client.send(.GET, "/apis/authorization.k8s.io/v1").json?["resources"]?.arrayValue ?? []
                let entry = resources.first { $0["name"]?.stringValue == "selfsubjectaccessreviews" }
                #expect(entry?["verbs"] == .array([.string("create")]))
                #expect(try await client.send(.GET, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews").status == 405)
            } catch {
                Issue.record(error)
            }
            await client.shutdown()
        }
    }

    @Test(
        "kubectl auth can-i, run as the service account, says yes and no as its Role does",
        .enabled(if: KubectlBinary.shouldRun, "kubectl is not installed at /usr/bin/kubectl"),
        arguments: [
            (["create", "pods", "--subresource=eviction", "-n", "demo"], "yes"),
            (["create", "pods", "--subresource=eviction", "-n", "kube-system"], "no"),
            // kubectl reads `pods/eviction` as the pod named "eviction", which the Role does not let it create.
            (["create", "pods/eviction", "-n", "demo"], "no"),
            (["delete", "pods", "-n", "demo"], "yes"), (["create", "pods", "-n", "demo"], "no"),
            (["patch", "deployments.apps/web", "--subresource=scale", "-n", "demo"], "yes"),
            (["patch", "deployments.apps/db", "--subresource=scale", "-n", "demo"], "no"),
        ])
    func kubectlAuthCanI(arguments: [String], answer: String) async throws {
        try #require(KubectlBinary.isInstalled, "PODCHAOSMONKEY_REQUIRE_KUBECTL=1 but \(KubectlBinary.path) is missing")
        try await withSandbox(SandboxOptions(controllers: false, rbac: true)) { sandbox in
            do {
                try await sandbox.load(Self.policy)
                let kubectl = try Kubectl(kubeconfigYAML: try await sandbox.kubeconfigYAML(serviceAccount: "chaos", namespace: "demo"))
                let result = try await kubectl.run(["auth", "can-i"] + arguments)
                kubectl.cleanUp()
                #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == answer, "\(result.stderr)")
                #expect(result.exitCode == (answer == "yes" ? 0 : 1))
            } catch {
                Issue.record(error)
            }
        }
    }
}
