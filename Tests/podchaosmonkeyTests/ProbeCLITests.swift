import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import Testing

/// `kill --probe` end to end: the binary against a sandbox with controllers, probing a Service through the API
/// server's service proxy.
@Suite("podchaosmonkey kill --probe as a subprocess", .dedicatedThreads)
struct ProbeCLITests {
    static let manifests =
        DemoWorkload.web + """

            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: demo}
            spec: {selector: {app: web}, ports: [{port: 80, targetPort: 80}]}
            """

    /// A sandbox running `manifests` with Deployment web ready, and an admin kubeconfig for it.
    static func withCluster(_ body: (Sandbox, String) async throws -> Void) async throws {
        try await withSandbox(SandboxOptions(users: [.randomAdmin()])) { sandbox in
            let kubeconfig = FileManager.default.temporaryDirectory.appendingPathComponent("pcm-probe-\(UUID().uuidString)").path
            try sandbox.writeKubeconfig(to: kubeconfig, namespace: "demo")
            defer { try? FileManager.default.removeItem(atPath: kubeconfig) }
            _ = try await sandbox.load(manifests)
            let ready = try await eventuallyHolds {
                try await KubernetesClient.withKubernetesClient(config: sandbox.clusterConfig(namespace: "demo")) { client in
                    try await client.get(Deployment.self, name: "web").status?.readyReplicas == 3
                }
            }
            try #require(ready, "Deployment web did not become ready")
            try await body(sandbox, kubeconfig)
        }
    }

    @Test("A probe through the Service of three replicas: every window in the JSON report and the HTML page, nothing failed")
    func serviceProbe() async throws {
        try await Self.withCluster { _, kubeconfig in
            let html = FileManager.default.temporaryDirectory.appendingPathComponent("pcm-probe-\(UUID().uuidString).html").path
            defer { try? FileManager.default.removeItem(atPath: html) }
            let result = try await CLIRunner.run([
                "kill", "--kubeconfig", kubeconfig, "-n", "demo", "--mode", "delete", "--seed", "3", "-o", "json", "--html", html,
                "--probe", "service:demo/web:80/ rate=20/s timeout=20s name=web", "--probe-baseline", "1s", "--probe-after", "1s",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(report["schemaVersion"] as? Int == 3)
            #expect(report["verdict"] as? String == "pass")
            let probes = try #require(report["probes"] as? [String: Any])
            #expect(probes["before"] as? String == "held")
            #expect(probes["after"] as? String == "held")
            let web = try #require((probes["results"] as? [[String: Any]])?.first)
            #expect(web["target"] as? String == "service:demo/web:80/")
            let windows = try #require(web["windows"] as? [[String: Any]])
            #expect(windows.compactMap { $0["window"] as? String } == ["baseline", "disruption", "after"])
            #expect(windows.allSatisfy { ($0["failures"] as? Int) == 0 })
            #expect((windows[0]["requests"] as? Int ?? 0) > 0)
            let page = try String(contentsOfFile: html, encoding: .utf8)
            #expect(page.contains("web"))
            #expect(page.contains("disruption"))
        }
    }

    @Test("A probe that fails before the first kill: nothing is killed, exit 3, the reason names the probe")
    func steadyStateNotMet() async throws {
        let refusing = try RefusingPort()
        try await Self.withCluster { sandbox, kubeconfig in
            let result = try await CLIRunner.run([
                "kill", "--kubeconfig", kubeconfig, "-n", "demo", "--mode", "delete", "--probe",
                "http://127.0.0.1:\(refusing.port)/healthz name=refused", "--probe-baseline", "1s",
            ])
            #expect(result.status == 3, "\(result.stderr)")
            #expect(result.stderr.contains("steady-state-not-met before the first kill: probe refused: success ratio 0 is below 0.99"))
            let pods = try await KubernetesClient.withKubernetesClient(config: sandbox.clusterConfig(namespace: "demo")) { client in
                try await client.list(Pod.self).items
            }
            #expect(pods.count == 3)
            #expect(pods.allSatisfy { $0.metadata.deletionTimestamp == nil })
        }
    }

    @Test("A bad --probe is a usage error naming it, before anything is read")
    func badProbe() async throws {
        let result = try await CLIRunner.run([
            "kill", "--kubeconfig", "/nonexistent", "--probe", "https://user:s3cret@example.com/ rate=500/s",
        ])
        #expect(result.status == 2)
        #expect(result.stderr == "podchaosmonkey: --probe rate=\"500/s\": expected at most 50/s\n")
        #expect(!result.stderr.contains("s3cret"))
    }
}
