import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import Testing

/// The binary with transports that do not protect the traffic: plain HTTP off loopback is refused unless
/// `--allow-insecure-http`; skipping TLS verification is warned about once.
@Suite("podchaosmonkey with plain HTTP and unverified TLS", .dedicatedThreads)
struct InsecureTransportCLITests {
    /// A kubeconfig file for `server`, with a token, and no certificate authority.
    static func kubeconfig(server: String, skipTLSVerify: Bool = false) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pcm-insecure-\(UUID().uuidString).kubeconfig").path
        try """
        apiVersion: v1
        kind: Config
        clusters: [{name: prod, cluster: {server: "\(server)", insecure-skip-tls-verify: \(skipTLSVerify)}}]
        users: [{name: u, user: {token: insecure-cli-token}}]
        contexts: [{name: c, context: {cluster: prod, user: u}}]
        current-context: c
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("http:// to a host that is not loopback: one line naming the cluster, the server and the flag; exit 2")
    func plainHTTPRefused() async throws {
        let kubeconfig = try Self.kubeconfig(server: "http://10.0.0.1:8080")
        let result = try await CLIRunner.run(["plan", "--kubeconfig", kubeconfig, "-n", "demo", "--log-level", "trace"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(
            result.stderr
                == "podchaosmonkey: kubeconfig \(kubeconfig): clusters[prod].server http://10.0.0.1:8080 is plain HTTP to a host "
                + "that is not loopback; use https, or pass --allow-insecure-http to send requests and credentials unencrypted\n")
        #expect(result.stdout.isEmpty)
    }

    @Test(
        "--allow-insecure-http (or its variable) lets the request go, with one warning",
        arguments: [(["--allow-insecure-http"], [String: String]()), ([], ["PODCHAOSMONKEY_ALLOW_INSECURE_HTTP": "true"])])
    func plainHTTPAllowed(flags: [String], environment: [String: String]) async throws {
        // TEST-NET-1: nothing answers, so the request fails as a transport error (exit 4), not as configuration.
        let kubeconfig = try Self.kubeconfig(server: "http://192.0.2.1:8080")
        let result = try await CLIRunner.run(
            ["plan", "--kubeconfig", kubeconfig, "-n", "demo", "--request-timeout", "1s"] + flags, environment: environment)
        #expect(result.status == 4, "\(result.stderr)")
        #expect(result.stderr.components(separatedBy: "Plain HTTP to a server that is not loopback").count == 2, "\(result.stderr)")
        #expect(!result.stderr.contains("insecure-cli-token"), "\(result.stderr)")
    }

    @Test("insecure-skip-tls-verify: the daemon works and warns exactly once in the process")
    func skipVerifyWarnedOnce() async throws {
        let user = SandboxUser(name: "admin", token: "insecure-cli-token", groups: ["system:masters"])
        try await withSandbox(SandboxOptions(users: [user], controllers: false)) { sandbox in
            _ = try await sandbox.load("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n")
            let kubeconfig = try Self.kubeconfig(server: sandbox.url.absoluteString, skipTLSVerify: true)
            let warning = "TLS verification is disabled for this cluster"
            let run = try await CLIRunner.run([
                "run", "--once", "--kubeconfig", kubeconfig, "-n", "demo", "--metrics-address", "127.0.0.1:0", "--log-level", "trace",
            ])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.components(separatedBy: warning).count == 2, "\(run.stderr)")
            // Exit 3: an empty namespace has nothing to kill.
            let plan = try await CLIRunner.run(["plan", "--kubeconfig", kubeconfig, "-n", "demo"])
            #expect(plan.status == 3, "\(plan.stderr)")
            #expect(plan.stderr.components(separatedBy: warning).count == 2, "\(plan.stderr)")
        }
    }

    @Test("Without insecure-skip-tls-verify the sandbox's certificate is verified and nothing is warned")
    func verifiedByDefault() async throws {
        let user = SandboxUser(name: "admin", token: "insecure-cli-token", groups: ["system:masters"])
        try await withSandbox(SandboxOptions(users: [user], controllers: false)) { sandbox in
            _ = try await sandbox.load("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n")
            // No certificate authority and no skip: the sandbox's own CA is not among the system's roots.
            let kubeconfig = try Self.kubeconfig(server: sandbox.url.absoluteString)
            let plan = try await CLIRunner.run(["plan", "--kubeconfig", kubeconfig, "-n", "demo"])
            #expect(plan.status == 4, "\(plan.stderr)")
            #expect(plan.stderr.contains("is not signed by"), "\(plan.stderr)")
            #expect(!plan.stderr.contains("TLS verification is disabled"), "\(plan.stderr)")
        }
    }
}
