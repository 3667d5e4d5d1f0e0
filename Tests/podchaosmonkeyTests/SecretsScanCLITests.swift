import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import Testing

/// Every command that talks to a cluster or takes a credential, at `--log-level trace`, with distinctive secrets in
/// every place one can be given — a bearer token, a client key, an exec plugin's output, webhook URLs with user info,
/// secret paths and token parameters — and not one of them anywhere in stdout or stderr.
@Suite("podchaosmonkey never prints a secret", .dedicatedThreads)
struct SecretsScanCLITests {
    static let bearerToken = "tok-SECRETBEARER-7f3a9c"
    static let execToken = "tok-SECRETEXEC-91c2d4"
    static let webhookSecrets = ["SECRETUSER", "SECRETPASS", "SECRETPATH", "SECRETQ"]

    /// A webhook URL whose user info, path and query are all secret.
    static func webhook(_ base: String) -> String {
        base.replacingOccurrences(of: "://", with: "://SECRETUSER:SECRETPASS@") + "/hooks/SECRETPATH?token=SECRETQ"
    }

    /// An exec plugin that prints an ExecCredential holding `execToken`, and `extraStatus` in its status.
    static func plugin(extraStatus: String = "") -> String {
        """
        #!/bin/sh
        cat <<'EOF'
        {"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"\(execToken)"\(extraStatus)}}
        EOF
        """
    }

    /// The kubeconfigs of one sandbox (token, client certificate, exec plugin, an exec plugin whose answer is refused)
    /// and the secrets they hold.
    struct Credentials {
        let token: String
        let certificate: String
        let exec: String
        let brokenExec: String
        let secrets: [String]

        static func write(for sandbox: Sandbox, in directory: URL) throws -> Credentials {
            func file(_ name: String, _ text: String, executable: Bool = false) throws -> String {
                let path = directory.appendingPathComponent(name).path
                try Data(text.utf8).write(to: URL(fileURLWithPath: path))
                try FileManager.default.setAttributes([.posixPermissions: executable ? 0o700 : 0o600], ofItemAtPath: path)
                return path
            }
            let tokenYAML = sandbox.kubeconfigYAML(user: "admin", namespace: "demo")
            let issued = try sandbox.issueClientCertificate(user: "cert-admin", groups: ["system:masters"])
            func execYAML(plugin: String) -> String {
                let exec = """
                        exec:
                          apiVersion: client.authentication.k8s.io/v1
                          command: \(plugin)
                          interactiveMode: Never
                    """
                return sandbox.kubeconfigYAML(user: "admin", namespace: "demo")
                    .replacingOccurrences(of: "    token: \"\(SecretsScanCLITests.bearerToken)\"", with: exec)
            }
            let plugin = try file("plugin.sh", SecretsScanCLITests.plugin(), executable: true)
            let brokenPlugin = try file(
                "broken.sh", SecretsScanCLITests.plugin(extraStatus: #","expirationTimestamp":"soon""#), executable: true)
            // The key as the kubeconfig holds it (base64 of the PEM) and each line of the PEM's own base64 body.
            let keyLines = issued.privateKeyPEM.split(separator: "\n").filter { !$0.hasPrefix("-----") }.map(String.init)
            return Credentials(
                token: try file("token.kubeconfig", tokenYAML),
                certificate: try file("cert.kubeconfig", sandbox.kubeconfigYAML(clientCertificate: issued, userName: "cert-admin")),
                exec: try file("exec.kubeconfig", execYAML(plugin: plugin)),
                brokenExec: try file("broken-exec.kubeconfig", execYAML(plugin: brokenPlugin)),
                secrets: [
                    SecretsScanCLITests.bearerToken, SecretsScanCLITests.execToken, Data(issued.privateKeyPEM.utf8).base64EncodedString(),
                ]
                    + keyLines + SecretsScanCLITests.webhookSecrets)
        }
    }

    static let options = SandboxOptions(
        users: [
            SandboxUser(name: "admin", token: bearerToken, groups: ["system:masters"]),
            SandboxUser(name: "exec-admin", token: execToken, groups: ["system:masters"]),
        ],
        podTimings: PodLifecycleTimings(startDelay: .milliseconds(100), readyDelay: .milliseconds(100), terminationDelay: .milliseconds(50))
    )

    @Test("plan, kill (dry run and real), run --once, rbac, config validate and config print at trace: no secret in the output")
    func noSecretInAnyOutput() async throws {
        try await withSandbox(Self.options) { sandbox in
            _ = try await sandbox.load(DemoWorkload.web)
            try await KubernetesClient.withKubernetesClient(config: sandbox.clusterConfig(namespace: "demo")) { client in
                let ready = try await eventuallyHolds { try await client.get(Deployment.self, name: "web").status?.readyReplicas == 3 }
                try #require(ready, "Deployment demo/web never became ready")
            }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pcm-secrets-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let credentials = try Credentials.write(for: sandbox, in: directory)
            try await WebhookReceiver.with { receiver in
                let hook = Self.webhook("http://127.0.0.1:\(receiver.port)")
                let slack = Self.webhook("https://hooks.example.com")
                let configFile = directory.appendingPathComponent("run.yaml")
                try "namespace: [demo]\nwebhook: [\"\(hook)\"]\nslack-webhook: [\"\(slack)\"]\n"
                    .write(to: configFile, atomically: true, encoding: .utf8)
                let trace = ["--log-level", "trace"]
                // The client certificate authenticates plan and a server-side dry run; the token the rest.
                let commands: [(name: String, arguments: [String], status: Int32, environment: [String: String])] = [
                    ("plan (token)", ["plan", "--kubeconfig", credentials.token, "-n", "demo", "-o", "wide"] + trace, 0, [:]),
                    ("plan (client certificate)", ["plan", "--kubeconfig", credentials.certificate, "-n", "demo"] + trace, 0, [:]),
                    ("plan (exec plugin)", ["plan", "--kubeconfig", credentials.exec, "-n", "demo"] + trace, 0, [:]),
                    (
                        "kill --dry-run=server",
                        ["kill", "--kubeconfig", credentials.certificate, "-n", "demo", "--dry-run=server"] + trace, 0, [:]
                    ),
                    (
                        "kill --mode delete",
                        ["kill", "--kubeconfig", credentials.exec, "-n", "demo", "--mode", "delete", "-o", "json"] + trace, 0, [:]
                    ),
                    (
                        "run --once",
                        [
                            "run", "--once", "--kubeconfig", credentials.token, "-n", "demo", "--mode", "delete", "--metrics-address",
                            "127.0.0.1:0", "--webhook", hook, "--recovery-timeout", "20s",
                        ] + trace, 0, [:]
                    ),
                    ("rbac run", ["rbac", "run", "-n", "demo", "--webhook", hook, "--slack-webhook", slack] + trace, 0, [:]),
                    ("config validate", ["config", "validate", configFile.path], 0, [:]),
                    (
                        "config print", ["config", "print", "--command", "run", "--config", configFile.path, "--webhook", hook], 0,
                        ["PODCHAOSMONKEY_SLACK_WEBHOOK": slack]
                    ),
                    ("plan (exec plugin answering badly)", ["plan", "--kubeconfig", credentials.brokenExec, "-n", "demo"] + trace, 2, [:]),
                    (
                        "run with an ftp:// webhook, refused",
                        [
                            "run", "--once", "--kubeconfig", credentials.token, "--webhook",
                            hook.replacingOccurrences(of: "http:", with: "ftp:"),
                        ]
                            + trace, 2, [:]
                    ),
                ]
                for command in commands {
                    let result = try await CLIRunner.run(command.arguments, environment: command.environment)
                    #expect(result.status == command.status, "\(command.name): \(result.stderr)")
                    for secret in credentials.secrets {
                        #expect(!result.stdout.contains(secret), "\(command.name) printed \(secret) on stdout")
                        #expect(!result.stderr.contains(secret), "\(command.name) printed \(secret) on stderr")
                    }
                }
                // The run delivered to its webhook (before it exited), so the URL was used, not merely parsed.
                #expect(receiver.requests.first?.path == "/hooks/SECRETPATH")
            }
        }
    }
}
