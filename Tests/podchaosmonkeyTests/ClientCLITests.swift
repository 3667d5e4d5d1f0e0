import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import Testing

/// The binary against servers it cannot use: one line each, exit 4, no retries where retrying cannot help; and the
/// request log at debug.
@Suite("podchaosmonkey against refused, untrusted, plain-HTTP and silent servers", .dedicatedThreads)
struct ClientCLITests {
    static let token = "cli-client-token"

    /// A sandbox with no namespace content, and a kubeconfig for it rewritten by `edit`.
    static func kubeconfig(for sandbox: Sandbox, edit: (String) -> String = { $0 }) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pcm-client-\(UUID().uuidString).kubeconfig").path
        try Data(edit(sandbox.kubeconfigYAML(namespace: "demo")).utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A sandbox with one admin holding `token`, no controllers, and `faults`.
    static func options(tls: Bool = true, faults: FaultPlan = FaultPlan()) -> SandboxOptions {
        let user = SandboxUser(name: "admin", token: token, groups: ["system:masters"])
        return SandboxOptions(tls: tls, users: [user], controllers: false, faults: faults)
    }

    /// Runs `plan` and checks the run failed with exit 4 and exactly one line on stderr, which it returns.
    static func failingPlan(_ kubeconfig: String, _ extra: [String] = []) async throws -> String {
        let result = try await CLIRunner.run(["plan", "--kubeconfig", kubeconfig, "-n", "demo"] + extra)
        #expect(result.status == 4, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(!result.stderr.contains(token))
        return result.stderr
    }

    @Test("--log-level debug logs one line per API request, without the token")
    func requestLogAtDebug() async throws {
        try await withSandbox(Self.options()) { sandbox in
            let kubeconfig = try Self.kubeconfig(for: sandbox)
            let result = try await CLIRunner.run(["plan", "--kubeconfig", kubeconfig, "-n", "demo", "--log-level", "debug"])
            let base = "https://127.0.0.1:\(sandbox.url.port ?? 0)"
            let requests = result.stderr.split(separator: "\n").filter { $0.contains(" debug GET \(base)/") }
            #expect(
                requests.contains { $0.contains(" debug GET \(base)/api/v1/namespaces/demo/pods") && $0.contains(" 200 in ") },
                "\(result.stderr)")
            #expect(!result.stderr.contains(Self.token))
        }
    }

    @Test("A refused connection: one line naming the address, after a short retry")
    func refused() async throws {
        try await withSandbox(Self.options()) { sandbox in
            let refusing = try RefusingPort()
            let kubeconfig = try Self.kubeconfig(for: sandbox) {
                $0.replacingOccurrences(of: sandbox.url.absoluteString, with: "https://127.0.0.1:\(refusing.port)")
            }
            let line = try await Self.failingPlan(kubeconfig)
            withExtendedLifetime(refusing) {}
            #expect(line.contains("connection refused by 127.0.0.1:\(refusing.port) (is the API server running"), "\(line)")
            #expect(line.contains("; tried 3 times"), "\(line)")
        }
    }

    @Test("A server certificate from another CA: one line, no TLS library dump")
    func wrongCA() async throws {
        try await withSandbox(Self.options()) { sandbox in
            let other = try CertificateAuthority.generate(commonName: "someone-else")
            let genuine = Data((sandbox.caCertificatePEM ?? "").utf8).base64EncodedString()
            let kubeconfig = try Self.kubeconfig(for: sandbox) {
                $0.replacingOccurrences(of: genuine, with: Data(other.certificatePEM.utf8).base64EncodedString())
            }
            let line = try await Self.failingPlan(kubeconfig)
            #expect(
                line.contains("the certificate of 127.0.0.1:\(sandbox.url.port ?? 0) is not signed by the certificate authority of"),
                "\(line)")
            #expect(!line.contains(".cc") && !line.contains("OPENSSL"), "\(line)")
        }
    }

    @Test("https to a plain-HTTP server: one line saying so, with no certificate hint")
    func plainHTTP() async throws {
        try await withSandbox(Self.options(tls: false)) { sandbox in
            let kubeconfig = try Self.kubeconfig(for: sandbox) { $0.replacingOccurrences(of: "server: http://", with: "server: https://") }
            let line = try await Self.failingPlan(kubeconfig)
            #expect(line.contains("does not speak TLS (is it plain HTTP?"), "\(line)")
            #expect(!line.contains("certificate"), "\(line)")
        }
    }

    @Test("--request-timeout bounds a server that never answers")
    func requestTimeout() async throws {
        let pods = try #require(PathPattern("/api/v1/namespaces/*/pods"))
        try await withSandbox(
            Self.options(faults: FaultPlan(rules: [FaultRule(verb: "list", path: pods, action: .latency(.seconds(600)))]))
        ) { sandbox in
            let line = try await Self.failingPlan(try Self.kubeconfig(for: sandbox), ["--request-timeout", "1s"])
            #expect(line.contains("within the request timeout of 1s"), "\(line)")
        }
    }

    @Test("An invalid --request-timeout is a usage error naming the flag")
    func invalidRequestTimeout() async throws {
        let result = try await CLIRunner.run(["plan", "--request-timeout", "soon"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--request-timeout"), "\(result.stderr)")
    }
}
