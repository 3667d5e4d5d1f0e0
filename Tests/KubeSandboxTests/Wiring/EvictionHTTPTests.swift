import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import Testing

/// The eviction subresource over HTTP honours the PodDisruptionBudgets stored in the pod's namespace.
@Suite(.dedicatedThreads) struct EvictionHTTPTests {
    /// Three running, ready pods under `nginx-pdb` (minAvailable 3) whose stored status allows `allowed` disruptions.
    static func manifest(allowed: Int, observedGeneration: Int = 1) -> String {
        var text = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: demo}
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: nginx-pdb, namespace: demo}
            spec: {minAvailable: 3, selector: {matchLabels: {app: nginx}}}
            status: {observedGeneration: \(observedGeneration), disruptionsAllowed: \(allowed), currentHealthy: 3, desiredHealthy: 3, expectedPods: 3}

            """
        for index in 1...3 {
            text += """
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: nginx-\(index), namespace: demo, labels: {app: nginx}}
                spec: {containers: [{name: c, image: nginx}]}
                status: {phase: Running, conditions: [{type: Ready, status: "True"}]}

                """
        }
        return text
    }

    static func eviction(_ pod: String) -> Data {
        Data(#"{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"\#(pod)","namespace":"demo"}}"#.utf8)
    }

    static func evict(_ client: TestClient, _ pod: String, query: String = "") async throws -> TestClient.Response {
        try await client.send(.POST, "/api/v1/namespaces/demo/pods/\(pod)/eviction\(query)", body: eviction(pod))
    }

    static func withSandbox(allowed: Int, observedGeneration: Int = 1, _ body: (Sandbox, TestClient) async throws -> Void) async throws {
        try await TestClient.withSandbox { sandbox, client in
            try await sandbox.load(manifest(allowed: allowed, observedGeneration: observedGeneration))
            try await body(sandbox, client)
        }
    }

    @Test("A spent budget answers the captured 429, word for word, and keeps the pod")
    func exhaustedBudgetRefuses() async throws {
        try await Self.withSandbox(allowed: 0) { sandbox, client in
            let response = try await Self.evict(client, "nginx-1")
            #expect(response.status == 429)
            #expect(response.json == (try JSONValue(data: try CapturedFixture.data("eviction-429-pdb.json"))))
            #expect(response.headers.first(name: "Retry-After") == nil)
            _ = try await sandbox.object("pods", namespace: "demo", name: "nginx-1")
        }
    }

    @Test("An allowed eviction spends the budget: disruptionsAllowed drops, the pod is recorded, the next one is refused")
    func allowedEvictionDecrementsTheBudget() async throws {
        try await Self.withSandbox(allowed: 1) { sandbox, client in
            let first = try await Self.evict(client, "nginx-1")
            #expect(first.status == 201)
            #expect(first.json?["status"]?.stringValue == "Success")
            let budget = try await sandbox.object("pdb", namespace: "demo", name: "nginx-pdb")
            #expect(budget[path: ["status", "disruptionsAllowed"]]?.intValue == 0)
            #expect(budget[path: ["status", "disruptedPods", "nginx-1"]]?.stringValue != nil)
            #expect(budget[path: ["status", "disruptedPods", "nginx-2"]] == nil)
            await #expect(throws: (any Error).self) { try await sandbox.object("pods", namespace: "demo", name: "nginx-1") }
            let second = try await Self.evict(client, "nginx-2")
            #expect(second.status == 429)
            _ = try await sandbox.object("pods", namespace: "demo", name: "nginx-2")
        }
    }

    @Test("A dry-run eviction is allowed but writes neither the budget nor the pod")
    func dryRunChangesNothing() async throws {
        try await Self.withSandbox(allowed: 1) { sandbox, client in
            let before = try await sandbox.object("pdb", namespace: "demo", name: "nginx-pdb")
            #expect(try await Self.evict(client, "nginx-1", query: "?dryRun=All").status == 201)
            #expect(try await sandbox.object("pdb", namespace: "demo", name: "nginx-pdb") == before)
            _ = try await sandbox.object("pods", namespace: "demo", name: "nginx-1")
        }
    }

    @Test("A budget the disruption controller has not observed yet is refused with Retry-After")
    func staleBudgetAsksToRetry() async throws {
        try await Self.withSandbox(allowed: 1, observedGeneration: 0) { sandbox, client in
            let response = try await Self.evict(client, "nginx-1")
            #expect(response.status == 429)
            #expect(response.headers.first(name: "Retry-After") == "10")
            #expect(response.json?[path: ["details", "retryAfterSeconds"]]?.intValue == 10)
            _ = try await sandbox.object("pods", namespace: "demo", name: "nginx-1")
        }
    }

    @Test("A stale UID precondition fails the eviction with 409 and spends nothing")
    func failedPreconditionSpendsNothing() async throws {
        try await Self.withSandbox(allowed: 1) { sandbox, client in
            let body =
                #"{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"nginx-1","namespace":"demo"},"deleteOptions":{"preconditions":{"uid":"not-the-uid"}}}"#
            let response = try await client.send(.POST, "/api/v1/namespaces/demo/pods/nginx-1/eviction", body: Data(body.utf8))
            #expect(response.status == 409)
            let budget = try await sandbox.object("pdb", namespace: "demo", name: "nginx-pdb")
            #expect(budget[path: ["status", "disruptionsAllowed"]]?.intValue == 1)
        }
    }

    @Test("The KubeAPI client sees a refusal as a disruption-budget refusal and an allowed eviction as accepted")
    func throughTheKubeAPIClient() async throws {
        try await Self.withSandbox(allowed: 1) { sandbox, _ in
            try await KubernetesClient.withKubernetesClient(
                config: sandbox.clusterConfig(namespace: "demo"), options: ClientOptions(qps: 0)
            ) { kube throws in
                #expect(try await kube.evict(name: "nginx-1") == .accepted)
                let refusal = await #expect(throws: KubeAPIError.self) { try await kube.evict(name: "nginx-2") }
                #expect(refusal?.isDisruptionBudgetRefusal == true)
            }
        }
    }

    @Test("A pod no budget selects is evicted freely")
    func unprotectedPodIsEvicted() async throws {
        try await Self.withSandbox(allowed: 0) { sandbox, client in
            try await sandbox.load(
                "{apiVersion: v1, kind: Pod, metadata: {name: lonely, namespace: demo}, spec: {containers: [{name: c, image: nginx}]}}")
            #expect(try await Self.evict(client, "lonely").status == 201)
            await #expect(throws: (any Error).self) { try await sandbox.object("pods", namespace: "demo", name: "lonely") }
        }
    }
}
